package org.mptcpinspect.dissector.analysis.counters;

import static org.mptcpinspect.dissector.analysis.counters.MptcpCounter.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpProblem;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.AddAddr;
import org.mptcpinspect.dissector.mptcp.Dss;
import org.mptcpinspect.dissector.mptcp.MpCapable;
import org.mptcpinspect.dissector.mptcp.MpFail;
import org.mptcpinspect.dissector.mptcp.MpFastclose;
import org.mptcpinspect.dissector.mptcp.MpJoin;
import org.mptcpinspect.dissector.mptcp.MpPrio;
import org.mptcpinspect.dissector.mptcp.MpTcpRst;
import org.mptcpinspect.dissector.mptcp.MptcpOption;
import org.mptcpinspect.dissector.mptcp.RemoveAddr;

/**
 * Counts the MPTcpExt counters each host's kernel would have counted for the packets of a capture,
 * fed one packet at a time in capture order ({@link #accept}); {@link #hosts()} and
 * {@link #counters} can be asked at any time (live snapshots), {@link #finish()} settles the
 * decisions that wait for a reply that never came.
 *
 * <p>Connections, subflows, MP_JOIN linking by token, fallback and the HMAC verdicts are the
 * {@link MptcpTracker}'s: connections carry its numbers (mptcp.stream). What is kept here is what
 * only the counters need, per host: the stage each end's kernel socket reached (request, fully
 * established, closed; whether it still reads MPTCP options), the replies a count waits for, and
 * which host counted what. Hosts are the address groups the connections link: the subflows of one
 * connection share the client host and the server host.
 *
 * <p>It mirrors where Linux 6.18 increments each counter (net/mptcp/subflow.c, options.c, pm.c).
 * Counters the wire does not show ({@link Derivation#NOT_DERIVABLE}) stay 0 and are never reported.
 */
public final class CounterTracker {
    private static final int ACTIVE = 0;
    private static final int PASSIVE = 1;
    private static final int CLIENT = 0;
    private static final int SERVER = 1;
    /** MP_TCPRST reason "administratively prohibited" (RFC 8684 section 3.6), Linux's MPTCP_RST_EPROHIBIT. */
    private static final int RESET_PROHIBITED = 3;

    private final MptcpTracker tracker;
    /** Only for {@link #accept(DecodedPacket)}: this counter's own walk when none is shared. */
    private final TcpConversations conversations;
    /** By the tracker's connection number; null until a packet of it reached this counter. */
    private final List<Connection> connections = new ArrayList<>();
    /**
     * Subflows the tracker has no connection for (yet): an MP_JOIN SYN to a token of no known
     * connection, a reset first seen on its 4-tuple. One the tracker links later joins its connection.
     */
    private final Map<FlowKey, Subflow> untracked = new HashMap<>();
    /** The last number given to an untracked subflow's counts (-2, -3, ...; connections count from 0). */
    private int lastUntrackedId = -1;
    private final Map<CountKey, long[]> counts = new HashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final AddressGroups groups = new AddressGroups();

    /**
     * A counter with a tracker of its own that drops the streams' bytes (only the data level's
     * duplicate, checksum and HMAC findings count): feed it with {@link #accept(DecodedPacket)}.
     */
    public CounterTracker() {
        this(new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD), new TcpConversations());
    }

    /**
     * A counter that reads the results of a tracker another walk feeds (e.g. live's packet
     * emitter): feed it with {@link #accept(DecodedPacket, TcpSegment, MptcpPacketAnalysis)}.
     */
    public CounterTracker(MptcpTracker tracker) {
        this(tracker, null);
    }

    private CounterTracker(MptcpTracker tracker, TcpConversations conversations) {
        this.tracker = tracker;
        this.conversations = conversations;
        // A subflow first seen after its SYNs counts its packets once the tracker linked it. They
        // arrive during the tracker's analysis of the linking packet, which may run outside the
        // caller's lock (live): counted at the next accept, before that packet, or at finish.
        tracker.addHeldPacketListener((packet, segment, analysis) -> held.add(new Held(packet, segment, analysis)));
    }

    /** A packet the tracker held until its subflow linked, with its analysis then. */
    private record Held(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
    }

    /** Counts the packets the tracker handed over since the last call, in capture order. */
    private void countHeld() {
        for (Held h = held.poll(); h != null; h = held.poll()) {
            countPacket(h.packet(), h.segment(), h.analysis());
        }
    }

    /**
     * Where a count goes: the host address that counted it, and the MPTCP connection, or for a
     * subflow of no known connection its own negative number.
     */
    private record CountKey(HostAddress address, int connection) {
    }

    /** The MPTCP options of one packet, one of each kind (Linux reads one of each). */
    private static final class Options {
        MpCapable capable;
        MpJoin join;
        Dss dss;
        final List<AddAddr> addAddrs = new ArrayList<>(1);
        RemoveAddr removeAddr;
        MpPrio prio;
        MpFail fail;
        MpFastclose fastclose;
        MpTcpRst reset;
        boolean any;

        Options(TcpHeader tcp) {
            for (TcpOption o : tcp.options()) {
                if (o instanceof TcpOption.Mptcp m) {
                    any = true;
                    read(m.option());
                }
            }
        }

        private void read(MptcpOption option) {
            switch (option) {
                case MpCapable c -> capable = capable == null ? c : capable;
                case MpJoin j -> join = join == null ? j : join;
                case Dss d -> dss = dss == null ? d : dss;
                case AddAddr a -> addAddrs.add(a);
                case RemoveAddr r -> removeAddr = removeAddr == null ? r : removeAddr;
                case MpPrio p -> prio = prio == null ? p : prio;
                case MpFail f -> fail = fail == null ? f : fail;
                case MpFastclose f -> fastclose = fastclose == null ? f : fastclose;
                case MpTcpRst r -> reset = reset == null ? r : reset;
                default -> {
                    // unknown and malformed options: Linux ignores them
                }
            }
        }
    }

    /**
     * Per-host state of one tracker connection (side 0 is the client). A host learns of a
     * fallback, and leaves ESTABLISHED, on its own packet: the sides differ for a while.
     */
    private static final class Connection {
        final int index;
        /** Its MP_CAPABLE SYN was not captured: counters that need the connection's start are not counted. */
        final boolean partial;
        /** The first subflow seen: the initial one unless the connection is partial. */
        final Subflow initial;
        final boolean[] fallback = new boolean[2];
        final boolean[] established = new boolean[2];
        final boolean[] closed = new boolean[2];
        /**
         * By the tracker's subflow number; null for a subflow the tracker linked by its data
         * sequence numbers, its handshake not captured (not counted, as a partial connection).
         */
        final List<Subflow> subflows = new ArrayList<>();

        Connection(int index, Subflow initial, boolean partial) {
            this.index = index;
            this.initial = initial;
            this.partial = partial;
            initial.connection = this;
        }

        HostAddress address(int side) {
            return initial.address(initial.activeSide == side ? ACTIVE : PASSIVE);
        }

        int port(int side) {
            return initial.port(initial.activeSide == side ? ACTIVE : PASSIVE);
        }
    }

    private enum Kind { PLAIN, CAPABLE, JOIN }

    /** The kernel sockets of one TCP subflow's two ends; end 0 opened it (sent the SYN), end 1 answered. */
    private static final class Subflow {
        final FlowKey activeKey;
        final Kind kind;
        /** Its SYN was not captured: counters that need the subflow's start are not counted. */
        final boolean partial;
        Connection connection;
        /** While no connection is known: the number its counts go under (see {@link CountKey}). */
        int untrackedId;
        /** The connection side (CLIENT/SERVER) of the active end. */
        int activeSide = CLIENT;
        boolean synBackup;
        boolean synAckSeen;
        boolean synAckBackup;
        boolean pendingSynRx;
        boolean pendingSynAck;
        boolean pendingJoinAck;
        boolean thirdAckSeen;
        boolean synDropCounted;
        final int[] addressId = new int[2];
        final boolean[] mptcp = new boolean[2];
        final boolean[] established = new boolean[2];
        final boolean[] fullyEstablished = new boolean[2];
        final boolean[] closed = new boolean[2];
        final boolean[] finSent = new boolean[2];
        final boolean[] finAcked = new boolean[2];
        final long[] finSequence = new long[2];
        final Set<Long> infiniteMapsSent = new HashSet<>();

        Subflow(FlowKey activeKey, Kind kind, boolean partial) {
            this.activeKey = activeKey;
            this.kind = kind;
            this.partial = partial;
        }

        /** A subflow whose handshake the capture missed: both ends assumed established MPTCP sockets. */
        static Subflow midStream(FlowKey key) {
            Subflow s = new Subflow(key, Kind.PLAIN, true);
            for (int e = 0; e < 2; e++) {
                s.mptcp[e] = true;
                s.established[e] = true;
                s.fullyEstablished[e] = true;
            }
            s.synAckSeen = true;
            s.thirdAckSeen = true;
            return s;
        }

        /**
         * A subflow whose SYN was not captured, at its first packet: from an MP_CAPABLE or MP_JOIN
         * SYN/ACK or third ACK on, the ends are in the stage that packet shows (what happened
         * before it is not counted); any other packet finds them established.
         */
        static Subflow firstSeen(FlowKey key, TcpHeader tcp, Options o) {
            boolean capable = o.capable != null && o.capable.version() == 1;
            boolean join = o.join != null;
            if (tcp.syn() && tcp.ack() && !tcp.rst() && (capable || join && o.join.stage() == MpJoin.Stage.SYN_ACK)) {
                Subflow s = new Subflow(key.reversed(), capable ? Kind.CAPABLE : Kind.JOIN, true);
                s.mptcp[ACTIVE] = true; // the SYN this answers carried the same option
                s.addressId[ACTIVE] = -1;
                return s;
            }
            if (o.capable != null && !capable) {
                return new Subflow(key, Kind.PLAIN, true); // RFC 6824's version 0: plain TCP to Linux
            }
            boolean thirdAck = !tcp.syn() && !tcp.rst() && tcp.ack()
                    && (capable && o.capable.hasReceiverKey() || join && o.join.stage() == MpJoin.Stage.ACK);
            if (!thirdAck) {
                return midStream(key);
            }
            Subflow s = new Subflow(key, capable ? Kind.CAPABLE : Kind.JOIN, true);
            s.mptcp[ACTIVE] = true;
            s.mptcp[PASSIVE] = true;
            s.established[ACTIVE] = true;
            s.synAckSeen = true;
            s.addressId[ACTIVE] = -1;
            // The joiner accepted the SYN/ACK (counted then, before the capture); the listener's answer decides.
            s.pendingJoinAck = join;
            return s;
        }

        HostAddress address(int end) {
            return end == ACTIVE ? HostAddress.source(activeKey) : HostAddress.destination(activeKey);
        }

        int side(int end) {
            return end == ACTIVE ? activeSide : 1 - activeSide;
        }

        int port(int end) {
            return end == ACTIVE ? activeKey.sourcePort() : activeKey.destinationPort();
        }

        /** Whether this end's socket still processes MPTCP options (Linux's mptcp_incoming_options runs). */
        boolean processesOptions(int end) {
            return mptcp[end] && established[end] && fullyEstablished[end] && !closed[end]
                    && (connection == null || !connection.fallback[side(end)]);
        }

        /** True when the end joined from another port than its connection's (Linux's "different port"). */
        boolean passivePortDiffers() {
            return connection != null && port(PASSIVE) != connection.port(side(PASSIVE));
        }
    }

    /**
     * Feeds one packet, in capture order, through this counter's own TCP conversations and MPTCP
     * tracker ({@link #CounterTracker()}). Packets without a TCP header are ignored.
     */
    public void accept(DecodedPacket packet) {
        if (conversations == null) {
            throw new IllegalStateException("this counter reads a shared tracker: feed it its analysis");
        }
        if (packet.tcp() == null || packet.ip() == null) {
            return;
        }
        TcpSegment segment = conversations.track(packet);
        accept(packet, segment, tracker.analyze(packet, segment));
    }

    /**
     * Feeds one packet with what the walk already learned of it: its TCP analysis and the
     * tracker's result for it (connection, subflow, HMAC verdicts, duplicates, checksums).
     */
    public void accept(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
        if (!held.isEmpty()) {
            countHeld();
        }
        countPacket(packet, segment, analysis);
    }

    private void countPacket(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
        TcpHeader tcp = packet.tcp();
        if (tcp == null || packet.ip() == null) {
            return;
        }
        if (analysis == null) {
            analysis = MptcpPacketAnalysis.NONE;
        }
        FlowKey key = FlowKey.of(packet);
        Options options = new Options(tcp);
        Subflow s = subflow(key, tcp, options, analysis);
        if (s == null) {
            return;
        }
        boolean fromActive = key.equals(s.activeKey);
        if (tcp.syn()) {
            if (!fromActive) {
                synAck(s, options, analysis);
            }
            return;
        }
        segment(s, fromActive ? ACTIVE : PASSIVE, tcp, options, segment, analysis);
    }

    /** The subflow of this packet; a SYN opening one counts here. Null when nothing counts. */
    private Subflow subflow(FlowKey key, TcpHeader tcp, Options o, MptcpPacketAnalysis analysis) {
        boolean syn = tcp.syn() && !tcp.ack();
        if (analysis.has(MptcpProblem.UNLINKED_SUBFLOW)) {
            return null; // held by the tracker until its connection shows: counted then (countHeld)
        }
        if (analysis.isMptcp()) {
            int index = analysis.connection();
            Connection known = index < connections.size() ? connections.get(index) : null;
            if (known == null) {
                return syn ? opened(key, o, analysis) : firstSeen(null, key, tcp, o, analysis);
            }
            List<Subflow> subflows = known.subflows;
            Subflow s = analysis.subflow() < subflows.size() ? subflows.get(analysis.subflow()) : null;
            if (s == null) {
                return syn ? opened(key, o, analysis) : firstSeen(known, key, tcp, o, analysis);
            }
            if (syn && s.kind == Kind.CAPABLE && o.capable == null && !s.synDropCounted) {
                // A retransmitted SYN: Linux drops MP_CAPABLE from late retransmissions.
                s.synDropCounted = true;
                count(MP_CAPABLE_SYN_TX_DROP, s.address(ACTIVE), s);
            }
            return s;
        }
        Subflow s = untracked.get(key.canonical());
        if (s != null) {
            return syn ? null : s; // a SYN again: retransmitted
        }
        if (syn && o.join != null && o.join.stage() == MpJoin.Stage.SYN) {
            s = untracked(new Subflow(key, Kind.JOIN, false)); // its token names no connection in the capture
            joinSyn(s, o.join);
            return null;
        }
        if (!tcp.syn() && o.any) {
            return untracked(Subflow.midStream(key));
        }
        return null;
    }

    private Subflow untracked(Subflow s) {
        s.untrackedId = --lastUntrackedId;
        untracked.put(s.activeKey.canonical(), s);
        return s;
    }

    /** The SYN of a subflow the tracker just opened: an MP_CAPABLE connection or an MP_JOIN. */
    private Subflow opened(FlowKey key, Options o, MptcpPacketAnalysis analysis) {
        boolean join = analysis.subflow() > 0;
        if (join ? analysis.connection() >= connections.size() || connections.get(analysis.connection()) == null
                : analysis.connection() < connections.size() && connections.get(analysis.connection()) != null) {
            return null; // the walk started after the connection's SYN, or joins one that did
        }
        // Linux speaks MPTCP version 1 only: an MP_CAPABLE of version 0 (RFC 6824) makes a plain TCP SYN.
        Kind kind = join ? Kind.JOIN : o.capable != null && o.capable.version() == 1 ? Kind.CAPABLE : Kind.PLAIN;
        Subflow s = new Subflow(key, kind, false);
        HostAddress from = s.address(ACTIVE);
        HostAddress to = s.address(PASSIVE);
        if (!join) {
            place(new Connection(analysis.connection(), s, false), s, 0);
            groups.add(from);
            groups.add(to);
            if (kind == Kind.CAPABLE) {
                s.mptcp[ACTIVE] = true;
                count(MP_CAPABLE_SYN_TX, from, s);
                s.pendingSynRx = true;
            }
            return s;
        }
        Connection c = connections.get(analysis.connection());
        s.activeSide = analysis.fromClient() ? CLIENT : SERVER;
        place(c, s, analysis.subflow());
        joinSyn(s, o.join);
        return s;
    }

    /**
     * The first packet of a subflow whose SYN this counter did not see: the capture started
     * after it (a partial connection when {@code known} is null), or the tracker linked it by its
     * data sequence numbers. A subflow counted so far without a connection (its MP_JOIN SYN named
     * an unknown token) joins the one the tracker found, with what it counted.
     */
    private Subflow firstSeen(Connection known, FlowKey key, TcpHeader tcp, Options o, MptcpPacketAnalysis analysis) {
        Subflow s = untracked.remove(key.canonical());
        if (s == null) {
            s = Subflow.firstSeen(key, tcp, o);
        }
        // The tracker says which side sent the packet; the subflow which end.
        s.activeSide = key.equals(s.activeKey) == analysis.fromClient() ? CLIENT : SERVER;
        Connection c = known != null ? known : new Connection(analysis.connection(), s, true);
        place(c, s, analysis.subflow());
        if (s.untrackedId != 0) {
            adopt(s);
        }
        return s;
    }

    /** Puts a subflow in its connection's slot (the tracker's subflow number), its hosts linked to the connection's. */
    private void place(Connection c, Subflow s, int subflow) {
        while (connections.size() <= c.index) {
            connections.add(null); // connections not seen yet
        }
        connections.set(c.index, c);
        s.connection = c;
        while (c.subflows.size() <= subflow) {
            c.subflows.add(null);
        }
        c.subflows.set(subflow, s);
        groups.union(s.address(ACTIVE), c.address(s.activeSide));
        groups.union(s.address(PASSIVE), c.address(1 - s.activeSide));
    }

    /** Moves what a subflow counted without a connection to the connection it now belongs to. */
    private void adopt(Subflow s) {
        List<Map.Entry<CountKey, long[]>> moved = new ArrayList<>();
        for (Map.Entry<CountKey, long[]> e : counts.entrySet()) {
            if (e.getKey().connection() == s.untrackedId) {
                moved.add(e);
            }
        }
        for (Map.Entry<CountKey, long[]> e : moved) {
            counts.remove(e.getKey());
            long[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                if (v[i] != 0) {
                    add(MptcpCounter.at(i), e.getKey().address(), s, v[i]);
                }
            }
        }
        s.untrackedId = 0;
    }

    private void joinSyn(Subflow s, MpJoin join) {
        s.mptcp[ACTIVE] = true;
        s.synBackup = join.backup();
        s.addressId[ACTIVE] = join.addressId();
        groups.add(s.address(ACTIVE));
        groups.add(s.address(PASSIVE));
        count(MP_JOIN_SYN_TX, s.address(ACTIVE), s);
        s.pendingSynRx = true;
    }

    /**
     * Settles what waited for a reply the capture does not hold: a request nobody answered is
     * taken as accepted (the reply may have been lost after the capture point).
     */
    public void finish() {
        if (conversations != null) {
            tracker.finish(); // its own tracker: subflows still waiting for their connection link now
        }
        countHeld();
        for (Connection c : connections) {
            if (c != null) {
                c.subflows.stream().filter(Objects::nonNull).forEach(this::settle);
            }
        }
        untracked.values().forEach(this::settle);
    }

    private void settle(Subflow s) {
        if (s.pendingSynAck) {
            s.pendingSynAck = false;
            synAckAccepted(s);
        }
        if (s.pendingJoinAck) {
            s.pendingJoinAck = false;
            joinAckAccepted(s);
        }
    }

    private void synAck(Subflow s, Options o, MptcpPacketAnalysis analysis) {
        if (s.synAckSeen) {
            return; // retransmitted SYN/ACK: Linux acts on the first only (conn_finished)
        }
        s.synAckSeen = true;
        s.pendingSynRx = false;
        HostAddress passive = s.address(PASSIVE);
        HostAddress active = s.address(ACTIVE);
        Connection c = s.connection;
        s.established[ACTIVE] = true;
        if (s.kind == Kind.CAPABLE) {
            if (o.capable != null && o.capable.version() == 1) {
                s.mptcp[PASSIVE] = true;
                count(MP_CAPABLE_SYN_RX, passive, s);
                count(MP_CAPABLE_SYNACK_RX, active, s);
            } else {
                count(MP_CAPABLE_FALLBACK_SYNACK, active, s);
                c.fallback[CLIENT] = true;
            }
            c.established[CLIENT] = true;
        } else if (s.kind == Kind.JOIN) {
            if (o.join != null && o.join.stage() == MpJoin.Stage.SYN_ACK) {
                s.mptcp[PASSIVE] = true;
                s.addressId[PASSIVE] = o.join.addressId();
                s.synAckBackup = o.join.backup();
                countJoinSynRx(s);
                if (s.passivePortDiffers()) {
                    count(MP_JOIN_PORT_SYN_RX, passive, s);
                }
                if (analysis.has(MptcpProblem.BAD_JOIN_HMAC)) {
                    // The joiner checks the truncated HMAC first and resets (subflow_finish_connect).
                    count(MP_JOIN_SYNACK_HMAC_FAILURE, active, s);
                    s.mptcp[ACTIVE] = false;
                } else {
                    s.pendingSynAck = true;
                }
            } else {
                // A plain listener: Linux's joiner resets the subflow without counting.
                s.mptcp[ACTIVE] = false;
            }
        }
    }

    /** Whether the tracker checked this subflow's HMACs (it knows both keys of its connection). */
    private boolean hmacChecked(Subflow s) {
        return s.connection != null && tracker.keysKnown(s.connection.index);
    }

    private void countJoinSynRx(Subflow s) {
        count(MP_JOIN_SYN_RX, s.address(PASSIVE), s);
        if (s.synBackup) {
            count(MP_JOIN_SYN_BACKUP_RX, s.address(PASSIVE), s);
        }
    }

    private void synAckAccepted(Subflow s) {
        HostAddress active = s.address(ACTIVE);
        count(MP_JOIN_SYNACK_RX, active, s);
        if (s.synAckBackup) {
            count(MP_JOIN_SYNACK_BACKUP_RX, active, s);
        }
        if (s.passivePortDiffers()) {
            count(MP_JOIN_PORT_SYNACK_RX, active, s);
        }
    }

    private void joinAckAccepted(Subflow s) {
        HostAddress passive = s.address(PASSIVE);
        count(MP_JOIN_ACK_RX, passive, s);
        if (s.passivePortDiffers()) {
            count(MP_JOIN_PORT_ACK_RX, passive, s);
        }
        s.established[PASSIVE] = true;
        s.fullyEstablished[PASSIVE] = true;
    }

    /** A segment without SYN from end {@code e} of subflow {@code s}. */
    private void segment(Subflow s, int e, TcpHeader tcp, Options o, TcpSegment segment,
                         MptcpPacketAnalysis analysis) {
        int r = 1 - e;
        boolean rst = tcp.rst();
        if (e == PASSIVE && s.pendingSynRx && rst) {
            // The SYN is answered with a reset, which no socket sends (not counted as MPRstTx). An
            // MPTCP listener refusing an MP_JOIN says why (MP_TCPRST); a closed port does not.
            s.pendingSynRx = false;
            if (s.kind == Kind.JOIN && o.reset != null) {
                countJoinSynRx(s);
                if (s.connection == null) {
                    count(MP_JOIN_NO_TOKEN_FOUND, s.address(PASSIVE), s);
                } else if (s.passivePortDiffers()) {
                    count(MISMATCH_PORT_SYN_RX, s.address(PASSIVE), s);
                }
            }
            s.closed[PASSIVE] = true;
            s.closed[ACTIVE] = true;
            return;
        }
        handshakeProgress(s, e, tcp, o, analysis);
        Connection c = s.connection;
        HostAddress sender = s.address(e);
        HostAddress receiver = s.address(r);
        if (o.dss != null && o.dss.hasDataAck() || hasAnnouncement(o)) {
            // Any data ACK (or ADD_ADDR) completes the receiver's handshake (Linux: check_fully_established).
            if (s.established[r]) {
                s.fullyEstablished[r] = true;
            }
        }
        boolean receives = s.processesOptions(r);
        for (AddAddr a : o.addAddrs) {
            if (!addAddrAsLinuxReadsIt(a)) {
                continue;
            }
            count(a.echo() ? ECHO_ADD_TX : ADD_ADDR_TX, sender, s);
            // Linux drops an announcement whose HMAC does not match (add_addr_hmac_valid).
            if (receives && (a.echo() || !analysis.has(MptcpProblem.BAD_ADD_ADDR_HMAC))) {
                count(a.echo() ? ECHO_ADD : ADD_ADDR, receiver, s);
                if (a.hasPort() && a.port() != 0) {
                    count(PORT_ADD, receiver, s);
                }
            }
        }
        if (o.removeAddr != null) {
            add(RM_ADDR_TX, sender, s, o.removeAddr.count());
            if (receives) {
                add(RM_ADDR, receiver, s, o.removeAddr.count());
            }
            removeSubflows(s, e, o.removeAddr);
        }
        if (o.prio != null) {
            count(MP_PRIO_TX, sender, s);
            if (receives) {
                count(MP_PRIO_RX, receiver, s);
            }
        }
        if (o.fail != null) {
            count(MP_FAIL_TX, sender, s);
            if (receives) {
                count(MP_FAIL_RX, receiver, s);
            }
        }
        if (o.fastclose != null) {
            count(MP_FASTCLOSE_TX, sender, s);
            // Linux ignores an MP_FASTCLOSE that does not carry its key.
            if (receives && !analysis.has(MptcpProblem.KEY_ECHO_MISMATCH)) {
                count(MP_FASTCLOSE_RX, receiver, s);
            }
            closeConnection(c);
        }
        if (o.reset != null && rst) {
            // Linux writes MP_TCPRST (and counts it) on resets of a socket, which always carry ACK; the
            // reset it sends for a segment no socket takes (tcp_v4_send_reset) acks nothing then.
            if (tcp.ack() && !s.closed[e]) {
                count(MP_RST_TX, sender, s);
            }
            if (receives) {
                count(MP_RST_RX, receiver, s);
            }
        }
        if (o.dss != null) {
            dataLevel(s, e, tcp, o.dss, receives);
        }
        duplicates(s, e, tcp, segment, analysis, receives);
        subflowEnd(s, e, tcp);
    }

    /**
     * The stage of the handshake this segment completes, decided by the first segment after a
     * SYN/ACK. The tracker's HMAC verdicts decide the MP_JOIN HMAC failures; only when it lacks
     * the keys is a reset answering the SYN/ACK or third ACK taken for one.
     */
    private void handshakeProgress(Subflow s, int e, TcpHeader tcp, Options o, MptcpPacketAnalysis analysis) {
        boolean rst = tcp.rst();
        if (e == ACTIVE && s.pendingSynAck) {
            s.pendingSynAck = false;
            if (rst) {
                if (!hmacChecked(s)) {
                    count(MP_JOIN_SYNACK_HMAC_FAILURE, s.address(ACTIVE), s);
                }
                s.mptcp[ACTIVE] = false; // a valid HMAC: mptcp_finish_join refused the subflow
            } else {
                synAckAccepted(s);
                if (analysis.has(MptcpProblem.BAD_JOIN_HMAC)) {
                    // The listener checks the third ACK's HMAC as it creates the socket, and resets.
                    count(MP_JOIN_ACK_HMAC_FAILURE, s.address(PASSIVE), s);
                    s.closed[PASSIVE] = true;
                } else {
                    s.pendingJoinAck = true;
                }
            }
        } else if (e == PASSIVE && s.pendingJoinAck) {
            s.pendingJoinAck = false;
            if (rst) {
                boolean prohibited = o.reset != null && o.reset.reason() == RESET_PROHIBITED;
                if (prohibited || !hmacChecked(s)) {
                    count(prohibited ? MP_JOIN_REJECTED : MP_JOIN_ACK_HMAC_FAILURE, s.address(PASSIVE), s);
                }
                s.closed[PASSIVE] = true;
            } else {
                joinAckAccepted(s);
            }
        }
        if (e == ACTIVE && !s.thirdAckSeen && s.synAckSeen && tcp.ack() && !rst) {
            s.thirdAckSeen = true;
            thirdAck(s, o);
        }
    }

    /** The first ACK of the opener after the SYN/ACK: the passive end creates its socket. */
    private void thirdAck(Subflow s, Options o) {
        Connection c = s.connection;
        if (s.kind == Kind.CAPABLE && s.mptcp[PASSIVE]) {
            if (o.capable != null && o.capable.version() == 1) {
                count(MP_CAPABLE_ACK_RX, s.address(PASSIVE), s);
                s.fullyEstablished[PASSIVE] = true;
            } else {
                count(MP_CAPABLE_FALLBACK_ACK, s.address(PASSIVE), s);
                c.fallback[SERVER] = true;
            }
            c.established[SERVER] = true;
            s.established[PASSIVE] = true;
        } else if (s.kind != Kind.JOIN) {
            s.established[PASSIVE] = true;
        }
    }

    private void dataLevel(Subflow s, int e, TcpHeader tcp, Dss dss, boolean receives) {
        Connection c = s.connection;
        if (dss.infiniteMapping()) {
            // Linux counts the infinite mapping once, when it builds it; TCP retransmissions repeat it.
            if (s.infiniteMapsSent.add((long) e << 32 | tcp.sequenceNumber())) {
                count(INFINITE_MAP_TX, s.address(e), s);
            }
            if (c != null) {
                c.fallback[s.side(e)] = true;
            }
            if (receives && tcp.payloadLength() > 0) {
                count(INFINITE_MAP_RX, s.address(1 - e), s);
                if (c != null) {
                    c.fallback[s.side(1 - e)] = true;
                }
            }
        }
        if (dss.dataFin() && c != null) {
            c.closed[s.side(e)] = true;
            if (receives) {
                c.closed[s.side(1 - e)] = true;
            }
        }
    }

    /**
     * Data the data level had already seen, sent again in a new TCP segment (not a TCP
     * retransmission, which TCP itself would drop): an MPTCP-level retransmission by the sender,
     * a duplicate for the receiver. The kernel counts fragments and socket buffers, which span
     * one or more packets, so these are upper bounds (see MptcpCounter).
     */
    private void duplicates(Subflow s, int e, TcpHeader tcp, TcpSegment segment, MptcpPacketAnalysis analysis,
                            boolean receives) {
        if (analysis == null || !analysis.isMptcp() || tcp.payloadLength() == 0) {
            return;
        }
        // Data the MPTCP level had already, in a segment the subflow's TCP accepts: a segment that
        // fills a hole counts even though Wireshark's rules call it a retransmission.
        if (analysis.has(MptcpProblem.DUPLICATE_DATA) && !analysis.has(MptcpProblem.SUBFLOW_RESENT)) {
            count(MPTCP_RETRANS, s.address(e), s);
            if (receives) {
                count(DUPLICATE_DATA, s.address(1 - e), s);
            }
        }
        if (analysis.has(MptcpProblem.BAD_DSS_CHECKSUM) && receives) {
            count(DATA_CSUM_ERR, s.address(1 - e), s);
        }
    }

    /** FIN and RST bookkeeping: which ends still have a socket. */
    private void subflowEnd(Subflow s, int e, TcpHeader tcp) {
        int r = 1 - e;
        if (tcp.rst()) {
            s.closed[e] = true;
            // A joiner not yet fully established does not take a reset quietly: Linux answers any
            // segment without a data ACK with its own reset (an MPRstTx) before closing.
            boolean answers = r == ACTIVE && s.kind == Kind.JOIN && s.established[r] && !s.fullyEstablished[r];
            s.closed[r] = !answers;
            if (s.connection != null && s.connection.fallback[s.side(e)] && s == s.connection.initial) {
                closeConnection(s.connection);
            }
            return;
        }
        if (tcp.fin() && !s.finSent[e]) {
            s.finSent[e] = true;
            s.finSequence[e] = tcp.sequenceNumber() + tcp.payloadLength();
            Connection c = s.connection;
            if (c != null && s == c.initial) {
                // After a fallback the subflow's FIN is the connection's: that side leaves ESTABLISHED.
                for (int end = 0; end < 2; end++) {
                    if (c.fallback[s.side(end)]) {
                        c.closed[s.side(end)] = true;
                    }
                }
            }
        }
        if (tcp.ack() && s.finSent[r] && tcp.acknowledgmentNumber() == ((s.finSequence[r] + 1) & 0xffff_ffffL)) {
            s.finAcked[r] = true;
        }
        for (int end = 0; end < 2; end++) {
            // TIME_WAIT or LAST_ACK done: both FINs seen and this end's acknowledged.
            if (s.finSent[end] && s.finAcked[end] && s.finSent[1 - end]) {
                s.closed[end] = true;
            }
        }
    }

    /** Linux's RmSubflow: the sender closes its open subflows that use a removed local address ID. */
    private void removeSubflows(Subflow via, int e, RemoveAddr removed) {
        Connection c = via.connection;
        if (c == null) {
            return;
        }
        int senderSide = via.side(e);
        for (int i = 0; i < removed.count(); i++) {
            int id = removed.addressId(i);
            for (Subflow s : c.subflows) {
                if (s == null) {
                    continue;
                }
                int end = s.side(ACTIVE) == senderSide ? ACTIVE : PASSIVE;
                if (s.addressId[end] == id && s.established[end] && !s.closed[end] && !s.finSent[end]) {
                    count(RM_SUBFLOW, s.address(end), s);
                }
            }
        }
    }

    private static void closeConnection(Connection c) {
        if (c != null) {
            c.closed[CLIENT] = true;
            c.closed[SERVER] = true;
        }
    }

    private static boolean hasAnnouncement(Options o) {
        for (AddAddr a : o.addAddrs) {
            if (!a.echo()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Linux takes an ADD_ADDR only in RFC 8684's lengths: an announcement carries the HMAC, an echo
     * does not (so RFC 6824's v0 ADD_ADDR, without HMAC, is ignored unless its bits read as an echo).
     */
    private static boolean addAddrAsLinuxReadsIt(AddAddr a) {
        return a.ipVersion() != 0 && a.echo() != a.hasTruncatedHmac();
    }

    private void count(MptcpCounter counter, HostAddress address, Subflow s) {
        add(counter, address, s, 1);
    }

    /** Counts for subflow {@code s}, unless the counter needs a start of it or of its connection the capture missed. */
    private void add(MptcpCounter counter, HostAddress address, Subflow s, long n) {
        groups.add(address);
        if (leftOut(counter, s)) {
            return;
        }
        Connection c = s.connection;
        counts.computeIfAbsent(new CountKey(address, c == null ? s.untrackedId : c.index),
                k -> new long[MptcpCounter.count()])[counter.ordinal()] += n;
    }

    /**
     * Whether {@code counter} is not counted for subflow {@code s}: it needs the subflow's SYN, or
     * its connection's start (see {@link PartialRule}), which the capture missed. Of a subflow
     * with no known connection only the SYN is known; {@link #counters} leaves out the rest.
     */
    private static boolean leftOut(MptcpCounter counter, Subflow s) {
        PartialRule rule = counter.partialRule();
        return rule.needsSubflowStart() && s.partial
                || rule.needsConnectionStart() && s.connection != null && s.connection.partial;
    }

    /** Number of MPTCP connections seen so far (numbered from 0 as the tracker's, mptcp.stream). */
    public int connectionCount() {
        return tracker.connectionCount();
    }

    /**
     * Partial connections, all ({@code connection} -1) or that one: seen without their MP_CAPABLE
     * SYN (the capture started mid-connection or inside the handshake). Counters that need the
     * connection's start ({@link PartialRule#needsConnectionStart()}) are not counted for them.
     */
    public int partialConnections(int connection) {
        int n = 0;
        for (Connection c : connections) {
            n += c != null && c.partial && (connection < 0 || c.index == connection) ? 1 : 0;
        }
        return n;
    }

    /**
     * Partial subflows, in all connections ({@code connection} -1, with those of no known
     * connection) or in that one: seen without their SYN (linked by their data sequence numbers, or
     * of a partial connection). Counters that need the subflow's start
     * ({@link PartialRule#needsSubflowStart()}) are not counted for them.
     */
    public int partialSubflows(int connection) {
        int n = 0;
        for (Connection c : connections) {
            if (c != null && (connection < 0 || c.index == connection)) {
                for (Subflow s : c.subflows) {
                    n += s != null && s.partial ? 1 : 0;
                }
            }
        }
        if (connection < 0) {
            for (Subflow s : untracked.values()) {
                n += s.partial ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The counters of the host owning {@code addresses}, over all connections ({@code connection}
     * -1) or one (numbered in order of their MP_CAPABLE SYN from 0, as Wireshark's mptcp.stream).
     * Partial connections and subflows count only the counters they determine; which counters
     * nothing counted determines for the host is {@link #host}'s {@link HostCounters#determined()}.
     */
    public CounterValues counters(Collection<HostAddress> addresses, int connection) {
        long[] sum = new long[MptcpCounter.count()];
        // A subflow of no known connection may belong to one begun before the capture.
        boolean unknownStarts = partialConnections(-1) > 0;
        for (Map.Entry<CountKey, long[]> entry : counts.entrySet()) {
            CountKey k = entry.getKey();
            if (addresses.contains(k.address()) && (connection < 0 || k.connection() == connection)) {
                long[] v = entry.getValue();
                boolean untrackedCounts = unknownStarts && k.connection() < 0;
                for (int i = 0; i < sum.length; i++) {
                    if (!untrackedCounts || !MptcpCounter.at(i).partialRule().needsConnectionStart()) {
                        sum[i] += v[i];
                    }
                }
            }
        }
        for (Connection c : connections) {
            if (c == null || c.partial || connection >= 0 && c.index != connection) {
                continue;
            }
            for (int side = 0; side < 2; side++) {
                if (c.established[side] && !c.closed[side] && addresses.contains(c.address(side))) {
                    sum[MP_CURR_ESTAB.ordinal()]++;
                }
            }
        }
        return CounterValues.of(sum);
    }

    /**
     * The reported counters the capture determines for the host owning {@code addresses} (all
     * connections, or one): those counted for every connection and subflow, and those some full
     * connection or subflow of the host counts. A counter that every connection and subflow of the
     * host leaves out (they are all partial) is not determined: its value is unknown, not 0.
     */
    public Set<MptcpCounter> determined(Collection<HostAddress> addresses, int connection) {
        boolean unknownStarts = partialConnections(-1) > 0;
        Set<MptcpCounter> out = EnumSet.noneOf(MptcpCounter.class);
        Set<MptcpCounter> leftOut = EnumSet.noneOf(MptcpCounter.class);
        List<Subflow> sources = new ArrayList<>();
        for (Connection c : connections) {
            if (c != null && (connection < 0 || c.index == connection)) {
                c.subflows.stream().filter(Objects::nonNull).forEach(sources::add);
            }
        }
        if (connection < 0) {
            sources.addAll(untracked.values());
        }
        for (MptcpCounter counter : MptcpCounter.values()) {
            if (!counter.derivation().reported()) {
                continue;
            }
            for (Subflow s : sources) {
                if (!addresses.contains(s.address(ACTIVE)) && !addresses.contains(s.address(PASSIVE))) {
                    continue;
                }
                boolean left = leftOut(counter, s)
                        || s.connection == null && unknownStarts && counter.partialRule().needsConnectionStart();
                (left ? leftOut : out).add(counter);
            }
            if (!leftOut.contains(counter)) {
                out.add(counter); // nothing of the host left it out (it may have seen nothing at all)
            }
        }
        return out;
    }

    /** One report per host seen in MPTCP traffic, in order of first appearance. */
    public List<HostCounters> hosts(int connection) {
        List<HostCounters> out = new ArrayList<>();
        for (Set<HostAddress> host : groups.groups()) {
            out.add(report(host, connection));
        }
        return out;
    }

    /**
     * The report of the host that owns {@code given}: those addresses plus every address the
     * capture links to them (other subflows of their connections).
     */
    public HostCounters host(Collection<HostAddress> given, int connection) {
        Set<HostAddress> host = new TreeSet<>(given);
        for (Set<HostAddress> group : groups.groups()) {
            for (HostAddress a : given) {
                if (group.contains(a)) {
                    host.addAll(group);
                }
            }
        }
        return report(host, connection);
    }

    private HostCounters report(Set<HostAddress> host, int connection) {
        return new HostCounters(new ArrayList<>(host), counters(host, connection), determined(host, connection));
    }

    /** Union-find over addresses, remembering the order addresses were first seen. */
    private static final class AddressGroups {
        private final Map<HostAddress, HostAddress> parent = new LinkedHashMap<>();

        void add(HostAddress a) {
            parent.putIfAbsent(a, a);
        }

        HostAddress root(HostAddress a) {
            HostAddress p = parent.get(a);
            while (!p.equals(a)) {
                HostAddress up = parent.get(p);
                parent.put(a, up);
                a = p;
                p = up;
            }
            return a;
        }

        void union(HostAddress a, HostAddress b) {
            add(a);
            add(b);
            HostAddress ra = root(a);
            HostAddress rb = root(b);
            if (!ra.equals(rb)) {
                parent.put(rb, ra);
            }
        }

        /** The groups, each sorted, in order of their first address's appearance. */
        List<Set<HostAddress>> groups() {
            Map<HostAddress, Set<HostAddress>> byRoot = new LinkedHashMap<>();
            for (HostAddress a : List.copyOf(parent.keySet())) {
                byRoot.computeIfAbsent(root(a), k -> new TreeSet<>()).add(a);
            }
            return new ArrayList<>(byRoot.values());
        }
    }
}
