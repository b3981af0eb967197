package org.mptcpinspect.dissector.analysis.mptcp;

/**
 * One entry on a connection's timeline.
 *
 * @param type       what happened
 * @param frame      the frame that showed it
 * @param timeNanos  the frame's timestamp (nanoseconds since the epoch)
 * @param subflow    index of the subflow (within the connection) the frame belongs to
 * @param fromClient whether the connection's client sent the frame
 * @param value      the event's number: address ID (ADD_ADDR, REMOVE_ADDR, MP_PRIO), reason
 *                   (MP_TCPRST), DSN offset (DATA_FIN, INFINITE_MAPPING, MP_FAIL), original
 *                   frame (REINJECTION), 1/0 backup (MP_PRIO, JOIN); -1 when none
 * @param detail     a one-line description, e.g. "ADD_ADDR id 5 198.51.100.2:10100 echo"
 */
public record ConnectionEvent(Type type, long frame, long timeNanos, int subflow, boolean fromClient, long value,
                              String detail) {

    /** Kinds of events. */
    public enum Type {
        ESTABLISHED, JOIN, ADD_ADDR, ADD_ADDR_ECHO, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST,
        FALLBACK, INFINITE_MAPPING, DATA_FIN, REINJECTION, SUBFLOW_END,
        /** A subflow first seen after its SYNs joined the connection by its data sequence numbers. */
        LINKED
    }
}
