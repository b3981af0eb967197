package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.mptcp.MpJoin;

/** The tracker's mutable state of one subflow. Index 0 of the arrays is the initiator's direction. */
final class SubflowState {
    final int index;
    final int tcpStream;
    final FlowKey initiatorFlow;
    /** The connection this subflow belongs to (set when it is opened or joined). */
    ConnectionState connection;
    final boolean join;
    final boolean initiatedByClient;
    /**
     * Known to be the connection's initial subflow: an MP_CAPABLE SYN, SYN/ACK or third ACK was
     * seen on it (RFC 8684 section 3.2: address ID 0 on both ends).
     */
    boolean initial;
    int initiatorAddressId;
    int responderAddressId = -1;
    boolean backup;
    final List<ConnectionEvent> priorityChanges = new ArrayList<>();
    final long[] isn = new long[2];
    final boolean[] isnKnown = new boolean[2];
    /** Whether the direction's SYN (index 0) or SYN/ACK (index 1) was captured. */
    final boolean[] synSeen = new boolean[2];
    final long[] highestRel = new long[2];
    final long[] random = new long[2];
    long responderTruncatedHmac;
    @SuppressWarnings("unchecked")
    final SortedArray<Mapping>[] mappings = new SortedArray[] {new SortedArray<Mapping>(), new SortedArray<Mapping>()};
    /** The tracker need not prune mappings while the subflow's horizon is below this (the first one's end). */
    final long[] mappingsKeptUntil = {Long.MIN_VALUE, Long.MIN_VALUE};
    final long[] packets = new long[2];
    final long[] bytes = new long[2];
    final boolean[] fin = new boolean[2];
    /** Data-level ranges carried, index 0 client to server. */
    final RangeList[] carried = {new RangeList(), new RangeList()};
    /** Relative subflow sequence ranges carried, per direction (index d: 0 from the initiator). */
    final SeenRanges[] seen = {new SeenRanges(), new SeenRanges()};
    long retransmissions;
    long firstNanos;
    long lastNanos;
    /** Frame number of its first packet: the reports list a connection's subflows in this order. */
    long firstFrame;
    boolean removed;
    boolean initiatorSentAck;
    /** The responder acknowledged the initiator's third ACK without resetting (RFC 8684 section 3.2). */
    boolean established;
    String endReason;
    /**
     * Neither SYN was captured: the ISNs are unknown until a mapping or handshake option pins them
     * (see MptcpTracker#locate). Per direction: the first sequence number seen ({@code anchor}),
     * and the offset K of the anchor from the ISN, known to lie in [isnLow, isnLow + isnSpan]
     * modulo 2^32 (isnSpan -1 while unconstrained); packets wait in {@code pending} meanwhile.
     */
    boolean partial;
    final long[] anchor = new long[2];
    final boolean[] anchored = new boolean[2];
    final long[] isnLow = new long[2];
    final long[] isnSpan = {-1, -1};
    @SuppressWarnings("unchecked")
    final ArrayDeque<DecodedPacket>[] pending = new ArrayDeque[2];
    /** Payload bytes let go from {@code pending} unplaced (more than it holds waited). */
    final long[] unplacedBytes = new long[2];
    int resetReason = -1;
    /**
     * A subflow first seen after its SYNs waits, connection unknown, until a packet carries a
     * 64-bit data sequence number that shows it (see MptcpTracker#link): its packets, in order,
     * while it waits; null once it belongs to a connection.
     */
    ArrayDeque<Held> held;
    /** While it waits: the flow from its initiator, once an MP_JOIN SYN/ACK or third ACK showed it. */
    FlowKey heldInitiator;

    /**
     * While it waits: the MP_JOIN SYN that opened it, naming a token no connection had (yet), and
     * that token (-1 without); the connection that learns the token takes it at once.
     */
    MpJoin joinSyn;
    long synToken = -1;

    /**
     * A packet of a waiting subflow, with its TCP analysis; {@code reported}: its analysis was
     * final when it came (an MP_JOIN SYN naming an unknown token), so listeners are not told again.
     */
    record Held(DecodedPacket packet, TcpSegment segment, boolean reported) {
    }

    SubflowState(int index, int tcpStream, FlowKey initiatorFlow, boolean join, boolean initiatedByClient) {
        this.index = index;
        this.tcpStream = tcpStream;
        this.initiatorFlow = initiatorFlow;
        this.join = join;
        this.initiatedByClient = initiatedByClient;
    }

    /** The address ID the given host uses on this subflow (-1 unknown). */
    int addressIdOf(boolean clientHost) {
        return clientHost == initiatedByClient ? initiatorAddressId : responderAddressId;
    }

    /** Ranges merged when adjacent; past {@link StreamReport#MAX_LISTED} the last one grows. */
    static final class RangeList {
        final List<DsnRange> ranges = new ArrayList<>();
        private long start = -1;
        private long end = -1;

        void add(long from, long to) {
            if (start >= 0 && from >= start && from <= end) {
                end = Math.max(end, to);
                return;
            }
            if (start >= 0) {
                if (ranges.size() >= StreamReport.MAX_LISTED - 1) {
                    start = Math.min(start, from);
                    end = Math.max(end, to);
                    return;
                }
                ranges.add(new DsnRange(start, end));
            }
            start = from;
            end = to;
        }

        List<DsnRange> snapshot() {
            List<DsnRange> out = new ArrayList<>(ranges);
            if (start >= 0) {
                out.add(new DsnRange(start, end));
            }
            return List.copyOf(out);
        }
    }
}
