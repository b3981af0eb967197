package org.mptcpinspect.dissector.mptcp;

/**
 * One decoded MPTCP option (TCP option kind 30), as an immutable record per subtype.
 * Offsets are absolute within the frame so that every consumer (hex pane, field emitters) can
 * point at the bytes; {@link MptcpOptionLayout} gives the byte range of every field on demand.
 *
 * <p>Which fields a record carries follows the option length (and, for DSS, its flags) exactly
 * as Wireshark 4.0 decides it, because tshark is the oracle for dissected fields. A record may
 * therefore have a length no RFC defines (e.g. MP_CAPABLE of length 16 carries only version and
 * flags, as in Wireshark); {@link #lengthAsSpecified()} tells those apart. Options too short
 * for the fields they announce are {@link MalformedMptcpOption}; subtypes RFC 8684 does not
 * define are {@link UnknownMptcpOption}.
 */
public sealed interface MptcpOption
        permits MpCapable, MpJoin, Dss, AddAddr, RemoveAddr, MpPrio, MpFail, MpFastclose, MpTcpRst,
        UnknownMptcpOption, MalformedMptcpOption {

    /** Offset of the option's kind byte within the frame. */
    int offset();

    /** The option's length byte (kind and length octets included). */
    int length();

    /** The MPTCP subtype (upper nibble of the third octet), or -1 if the option is too short to have one. */
    int subtype();

    /**
     * Whether the length is one that RFC 8684 (or RFC 6824, for what v0 sends) specifies for this
     * subtype and, for DSS, these flags: what a Linux receiver would accept.
     */
    boolean lengthAsSpecified();
}
