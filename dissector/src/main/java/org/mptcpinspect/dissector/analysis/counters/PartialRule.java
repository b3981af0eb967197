package org.mptcpinspect.dissector.analysis.counters;

/**
 * What a counter needs of a connection or subflow whose start a capture missed: a partial
 * connection (its MP_CAPABLE SYN not captured: the capture started mid-connection or inside its
 * handshake) or a partial subflow (its SYN not captured: linked to its connection by its data
 * sequence numbers, or a subflow of a partial connection). A counter that needs what one lacks is
 * not counted for it; the others count its packets as in a full connection, so they add up over
 * consecutive captures (counters of frames 1..k plus those of k+1..N are those of 1..N). A partial
 * subflow's ends are taken as established MPTCP sockets from its first packet on, unless that
 * packet is an MP_CAPABLE or MP_JOIN SYN/ACK or third ACK, which shows their stage: a fallback or
 * reset before the capture is not seen (Linux sends no MPTCP option after either, except a reset
 * answering a refused handshake).
 */
public enum PartialRule {
    /** Counted from the packets seen, as in a full connection. */
    COUNTED(false, false),
    /** Needs the connection's start (its MP_CAPABLE handshake, its data before the capture). */
    CONNECTION_START(true, false),
    /** Needs the subflow's start (its MP_JOIN SYN). */
    SUBFLOW_START(false, true),
    /** Needs both. */
    BOTH(true, true);

    private final boolean connectionStart;
    private final boolean subflowStart;

    PartialRule(boolean connectionStart, boolean subflowStart) {
        this.connectionStart = connectionStart;
        this.subflowStart = subflowStart;
    }

    /** Not counted for a partial connection (for any of its subflows). */
    public boolean needsConnectionStart() {
        return connectionStart;
    }

    /** Not counted for a partial subflow, in whichever connection. */
    public boolean needsSubflowStart() {
        return subflowStart;
    }
}
