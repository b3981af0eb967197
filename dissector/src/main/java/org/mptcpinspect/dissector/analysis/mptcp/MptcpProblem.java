package org.mptcpinspect.dissector.analysis.mptcp;

/** What the tracker found wrong (or noteworthy) on a packet, as bits of {@link MptcpPacketAnalysis#problems()}. */
public enum MptcpProblem {
    /** MP_CAPABLE third ACK echoes keys that differ from the SYN's and SYN/ACK's. */
    KEY_ECHO_MISMATCH,
    /** MP_JOIN SYN/ACK truncated HMAC or ACK HMAC does not match the connection's keys and randoms. */
    BAD_JOIN_HMAC,
    /** MP_JOIN SYN names a token no connection in the capture has. */
    UNKNOWN_TOKEN,
    /** ADD_ADDR truncated HMAC does not match the connection's keys. */
    BAD_ADD_ADDR_HMAC,
    /** DSS checksum of the mapping this packet completes does not match (RFC 8684 section 3.3.1). */
    BAD_DSS_CHECKSUM,
    /** Payload on an MPTCP subflow that no DSS mapping covers. */
    MISSING_MAPPING,
    /** A DSS mapping with data-level length 0: the connection falls back to TCP. */
    INFINITE_MAPPING,
    /** Data already seen at the data level, resent (on this or another subflow). */
    DUPLICATE_DATA,
    /** Data already seen at the data level, resent on another subflow (MPTCP reinjection). */
    REINJECTION,
    /** Data whose bytes differ from bytes already seen at the same data sequence numbers. */
    DIFFERENT_OVERLAP,
    /** Payload the snap length cut: its data-level bytes are not in the capture. */
    NOT_CAPTURED,
    /** MP_FAIL: the sender saw a checksum failure. */
    MP_FAIL,
    /**
     * Payload this subflow had carried before, every byte of it: a TCP-level retransmission that
     * the receiver's TCP drops (unlike one filling a hole, which Wireshark also calls a retransmission).
     */
    SUBFLOW_RESENT,
    /**
     * A packet of a subflow first seen after its SYNs whose connection no packet has shown yet
     * (no 64-bit data sequence number): the tracker holds it, in no connection for now, and counts
     * it on the subflow once one does.
     */
    UNLINKED_SUBFLOW;

    final int bit() {
        return 1 << ordinal();
    }
}
