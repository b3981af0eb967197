package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.AddressFormat;
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
import org.mptcpinspect.dissector.mptcp.MptcpCrypto;
import org.mptcpinspect.dissector.mptcp.MptcpOption;
import org.mptcpinspect.dissector.mptcp.RemoveAddr;

/**
 * Rebuilds MPTCP connections from their subflows (RFC 8684; RFC 6824 for version 0). Feed it
 * every packet in capture order with its {@link TcpSegment} from the same
 * {@link org.mptcpinspect.dissector.analysis.tcp.TcpConversations}; it returns what the packet
 * means at the MPTCP level, sends each direction's data-level stream to a {@link DataStreamSink}
 * as the bytes become contiguous, and at the end ({@link #finish()}) reports every connection.
 *
 * <p>A connection starts with a SYN carrying MP_CAPABLE (its sender is the client), or, when the
 * capture missed that SYN, with the MP_CAPABLE SYN/ACK (its receiver is the client); MP_JOIN SYNs
 * join the connection whose token they name, and a subflow first seen after its SYNs the connection
 * whose data sequence space its 64-bit DSNs show ({@link #link}); a connection whose keys were not
 * captured learns its tokens from the MP_JOIN SYNs of the subflows so linked ({@link #learnToken}). Keys give tokens and IDSNs; key echoes and HMACs
 * are checked; DSS mappings place every subflow's payload in the data sequence space; a
 * fallback to TCP (no MP_CAPABLE in the SYN/ACK or third ACK, no DSS on the first data,
 * infinite mapping) maps the subflow's TCP sequence numbers directly.
 */
public final class MptcpTracker {
    private static final int C2S = 0;
    private static final int S2C = 1;
    private static final long LOW32 = 0xffff_ffffL;
    /** Payload packets a partial subflow direction holds until its ISN is known. */
    private static final int MAX_PENDING = 4096;
    /**
     * Frame bytes all held packets together may keep alive (those of subflows waiting to be
     * linked and of partial directions waiting for their ISN), so that a capture starting amid
     * thousands of connections needs no more heap than one starting amid a few.
     */
    static final long MAX_HELD_BYTES = 64L << 20;
    /** How far from a connection's data sequence numbers a 64-bit one still links a subflow to it ({@link #link}). */
    private static final long LINK_WINDOW = 1L << 32;
    private static final int RETRANSMITTED = TcpSegment.RETRANSMISSION | TcpSegment.FAST_RETRANSMISSION
            | TcpSegment.SPURIOUS_RETRANSMISSION;

    private final DataStreamSinkFactory sinks;
    private final MptcpCrypto crypto = new MptcpCrypto();
    /** Subflows by tcp.stream (a new stream when a SYN reuses a 4-tuple): a list, not a hash, per packet. */
    private final List<SubflowState> subflowsByStream = new ArrayList<>();
    private final Map<Long, ConnectionState> byToken = new HashMap<>();
    /** Tokens learned from MP_JOIN SYNs ({@link #learnToken}); {@link #AMBIGUOUS} when two connections have one. */
    private final Map<Long, ConnectionState> learnedTokens = new HashMap<>();
    private static final ConnectionState AMBIGUOUS = new ConnectionState(-1, null, -1);
    private final List<ConnectionState> connections = new ArrayList<>();
    /** Subflows waiting for a packet (or a token learned) that shows their connection, by first packet. */
    private final Set<SubflowState> waitingSubflows = new LinkedHashSet<>(); // (linked ones leave in O(1))
    private final List<MptcpEventListener> listeners = new ArrayList<>();
    private final List<HeldPacketListener> heldPacketListeners = new ArrayList<>();
    private final DataStreamAssembler.Outcome outcome = new DataStreamAssembler.Outcome();
    private List<ConnectionReport> reports;
    private final long maxHeldBytes;
    /** Frame bytes held now (at most {@link #maxHeldBytes}). */
    private long heldBytes;
    /** False for a tracker that places no payload in the data-level streams ({@link #withoutPayload()}). */
    private final boolean placesPayload;

    /** Each stream's SHA-256 is computed on a second thread ({@link BackgroundDigests}). */
    public MptcpTracker() {
        this(new BackgroundDigests());
    }

    public MptcpTracker(DataStreamSinkFactory sinks) {
        this(sinks, MAX_HELD_BYTES);
    }

    MptcpTracker(DataStreamSinkFactory sinks, long maxHeldBytes) {
        this(sinks, maxHeldBytes, true);
    }

    private MptcpTracker(DataStreamSinkFactory sinks, long maxHeldBytes, boolean placesPayload) {
        this.sinks = sinks;
        this.maxHeldBytes = maxHeldBytes;
        this.placesPayload = placesPayload;
    }

    /**
     * A tracker for runs that need only each packet's connection and the connections' signals
     * ({@link #addressSignals}: TCP's duplicate-ACK rule in summary lines): payload is not placed
     * in the data-level streams, so packets get no DSN, mapping, checksum, duplicate-data or
     * reinjection analysis and the reports no stream content. Connections, subflows, how they
     * link, fall back and end, and the signals are those of a full tracker.
     */
    public static MptcpTracker withoutPayload() {
        return new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD, MAX_HELD_BYTES, false);
    }

    /** Holds (true) a packet's frame bytes within the budget, or refuses (false) when it would exceed it. */
    private boolean hold(DecodedPacket packet) {
        int size = packet.frame().data().length;
        if (heldBytes + size > maxHeldBytes) {
            return false;
        }
        heldBytes += size;
        return true;
    }

    private void release(DecodedPacket packet) {
        heldBytes -= packet.frame().data().length;
    }

    public void addListener(MptcpEventListener listener) {
        listeners.add(listener);
    }

    /** Also told the analyses of the packets a subflow held until it linked ({@link HeldPacketListener}). */
    public void addHeldPacketListener(HeldPacketListener listener) {
        heldPacketListeners.add(listener);
    }

    /**
     * The ADD_ADDR, REMOVE_ADDR and MP_PRIO options seen so far on the MPTCP connection of
     * {@code tcpStream} ({@link ConnectionState#addressSignals}), or -1 when it belongs to none (yet).
     */
    public long addressSignals(int tcpStream) {
        SubflowState sf = tcpStream < subflowsByStream.size() ? subflowsByStream.get(tcpStream) : null;
        return sf == null || sf.connection == null ? -1 : sf.connection.addressSignals;
    }

    /** Connections seen so far. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * tcp.stream of each subflow of a connection whose handshake was captured, in order of their
     * first packet (Wireshark's mptcp.analysis.subflows: a subflow first seen after its SYNs is
     * not listed, unless an MP_CAPABLE third ACK showed it to be the initial one).
     */
    public int[] subflowStreams(int connection) {
        List<SubflowState> subflows = byFirstPacket(connections.get(connection).subflows);
        int n = 0;
        for (SubflowState s : subflows) {
            n += listed(s) ? 1 : 0;
        }
        int[] out = new int[n];
        int i = 0;
        for (SubflowState s : subflows) {
            if (listed(s)) {
                out[i++] = s.tcpStream;
            }
        }
        return out;
    }

    /**
     * A connection's subflows in order of their first packet. They are numbered (and kept) in the
     * order they joined it, which is that order except for a subflow first seen after its SYNs:
     * it joins when a later packet links it ({@link #link}), after subflows it preceded.
     */
    private static List<SubflowState> byFirstPacket(List<SubflowState> subflows) {
        for (int i = 1; i < subflows.size(); i++) {
            if (subflows.get(i).firstFrame < subflows.get(i - 1).firstFrame) {
                List<SubflowState> sorted = new ArrayList<>(subflows);
                sorted.sort(Comparator.comparingLong(s -> s.firstFrame));
                return sorted;
            }
        }
        return subflows;
    }

    private static boolean listed(SubflowState s) {
        return !s.partial || s.initial;
    }

    /**
     * Whether the SYN (from the subflow's initiator) or SYN/ACK (from the other end) that the
     * given end sent on the subflow was captured.
     */
    public boolean synCaptured(int connection, int subflow, boolean fromClient) {
        SubflowState s = connections.get(connection).subflows.get(subflow);
        return s.synSeen[fromClient == s.initiatedByClient ? 0 : 1];
    }

    /**
     * Whether the connection's client opened the subflow (sent its SYN): always for the initial
     * subflow, for an MP_JOIN subflow whichever host sent the MP_JOIN SYN.
     */
    public boolean subflowOpenedByClient(int connection, int subflow) {
        return connections.get(connection).subflows.get(subflow).initiatedByClient;
    }

    /**
     * Whether both keys of a connection are known, so that its MP_JOIN and ADD_ADDR HMACs were
     * checked ({@link MptcpProblem#BAD_JOIN_HMAC}, {@link MptcpProblem#BAD_ADD_ADDR_HMAC} are verdicts).
     */
    public boolean keysKnown(int connection) {
        ConnectionState c = connections.get(connection);
        return c.clientKeyKnown && c.serverKeyKnown;
    }

    /** Whether the key, hence the IDSN, of one side of a connection is known yet. */
    public boolean idsnKnown(int connection, boolean client) {
        return connections.get(connection).idsnKnown(client ? C2S : S2C);
    }

    /**
     * Whether the packets a side sends get data sequence numbers relative to the start of its
     * data-level stream ({@link MptcpPacketAnalysis#relativeDsn()}, the first byte 1): its IDSN is
     * known, or the connection fell back to TCP before it was established (implicit DSNs).
     */
    public boolean relativeDsnKnown(int connection, boolean client) {
        ConnectionState c = connections.get(connection);
        return implicitDsns(c) || c.idsnKnown(client ? C2S : S2C);
    }

    /** The IDSN of one side of a connection (0 while {@link #idsnKnown} is false). */
    public long idsn(int connection, boolean client) {
        return connections.get(connection).idsn(client ? C2S : S2C);
    }

    /** Per-packet scratch: what {@link #analyze} has found so far. */
    private static final class Found {
        int problems;
        boolean mapped;
        long dsn;
        Mapping mapping;
        boolean hasDataAck;
        long dataAck;
        List<Long> reinjectionOf = List.of();

        void problem(MptcpProblem p) {
            problems |= p.bit();
        }
    }

    /** What the packet means at the MPTCP level ({@link MptcpPacketAnalysis#NONE} outside MPTCP). */
    public MptcpPacketAnalysis analyze(DecodedPacket packet, TcpSegment segment) {
        TcpHeader tcp = packet.tcp();
        if (tcp == null || segment == null) {
            return MptcpPacketAnalysis.NONE;
        }
        FlowKey key = FlowKey.of(packet);
        int stream = segment.stream();
        SubflowState sf = stream < subflowsByStream.size() ? subflowsByStream.get(stream) : null;
        Options o = Options.of(tcp);
        Found f = new Found();
        if (sf == null) {
            if (!tcp.syn()) {
                if (tcp.rst() || !o.any()) {
                    return MptcpPacketAnalysis.NONE;
                }
                sf = o.capable != null && o.capable.hasReceiverKey() ? openAtThirdAck(segment, key, o.capable)
                        : waiting(stream, key);
            } else if (tcp.ack()) {
                if (tcp.rst() || (segment.completeness() & TcpSegment.SYN) != 0) {
                    return MptcpPacketAnalysis.NONE; // (an MP_CAPABLE or MP_JOIN SYN/ACK answers its SYN only)
                }
                if (o.capable != null) {
                    sf = openAtSynAck(segment, key);
                } else if (o.join != null && o.join.stage() == MpJoin.Stage.SYN_ACK) {
                    sf = waiting(stream, key);
                } else {
                    return MptcpPacketAnalysis.NONE;
                }
            } else if (o.capable != null) {
                sf = openConnection(packet, segment, key, o.capable);
            } else if (o.join != null && o.join.stage() == MpJoin.Stage.SYN) {
                sf = openJoin(packet, segment, key, o.join, f);
                if (sf == null) {
                    waitForToken(packet, segment, key, o.join);
                    return outside(segment.stream(), f.problems);
                }
            } else {
                return MptcpPacketAnalysis.NONE;
            }
            register(stream, sf);
        }
        if (sf.connection == null) {
            if (tcp.rst() && sf.joinSyn != null && sf.held.size() == 1) {
                // A reset answering an MP_JOIN SYN of an unknown token: no subflow came of it.
                forget(sf);
                return MptcpPacketAnalysis.NONE;
            }
            sf = link(sf, packet, segment, key, o);
            if (sf == null) {
                return outside(stream, MptcpProblem.UNLINKED_SUBFLOW.bit());
            }
        }
        return process(sf, packet, segment, key, o, f);
    }

    private void register(int stream, SubflowState sf) {
        while (subflowsByStream.size() <= stream) {
            subflowsByStream.add(null);
        }
        subflowsByStream.set(stream, sf);
    }

    /**
     * An MP_JOIN SYN naming a token no connection has (yet): the connection may have begun before
     * the capture. Its subflow waits, the SYN held, until a connection learns the token
     * ({@link #learnToken}) or the subflow's data sequence numbers link it ({@link #link}); the
     * SYN's own analysis (an unknown token) stands, so listeners are not told of it again.
     */
    private void waitForToken(DecodedPacket packet, TcpSegment segment, FlowKey key, MpJoin join) {
        if (!hold(packet)) {
            return;
        }
        SubflowState w = waiting(segment.stream(), key);
        w.heldInitiator = key;
        w.joinSyn = join;
        w.synToken = join.receiverToken();
        w.held.addLast(new SubflowState.Held(packet, segment, true));
        register(segment.stream(), w);
    }

    /** Lets go of a waiting subflow that held only its MP_JOIN SYN, already analysed: no connection. */
    private void forget(SubflowState w) {
        w.held.forEach(h -> release(h.packet()));
        w.held = null;
        waitingSubflows.remove(w);
        subflowsByStream.set(w.tcpStream, null);
    }

    /** The connection a token names: one whose key gives it or that learned it, if exactly one. */
    private ConnectionState connectionOfToken(long token) {
        ConnectionState keyed = byToken.get(token);
        ConnectionState learned = learnedTokens.get(token);
        if (learned == AMBIGUOUS || keyed != null && learned != null && keyed != learned) {
            return null;
        }
        return keyed != null ? keyed : learned;
    }

    /** An MPTCP packet of no connection (yet): an MP_JOIN SYN naming no known token, a subflow waiting to be linked. */
    private static MptcpPacketAnalysis outside(int tcpStream, int problems) {
        return new MptcpPacketAnalysis(-1, -1, tcpStream, false, false, 0, false, 0, 0, 0, 0, 0, false, 0, List.of(),
                problems, false);
    }

    /** The packet's meaning on a subflow that belongs to a connection. */
    private MptcpPacketAnalysis process(SubflowState sf, DecodedPacket packet, TcpSegment segment, FlowKey key,
                                        Options o, Found f) {
        TcpHeader tcp = packet.tcp();
        ConnectionState c = sf.connection;
        boolean fromInitiator = key.equals(sf.initiatorFlow);
        int d = fromInitiator ? 0 : 1;
        boolean fromClient = fromInitiator == sf.initiatedByClient;
        int dir = fromClient ? C2S : S2C;
        long now = packet.frame().timestampNanos();
        long frame = packet.number();

        if (sf.packets[0] + sf.packets[1] == 0) {
            sf.firstNanos = now;
            sf.firstFrame = frame;
        }
        sf.lastNanos = now;
        sf.packets[d]++;
        sf.bytes[d] += tcp.payloadLength();
        if ((segment.analysis() & RETRANSMITTED) != 0) {
            sf.retransmissions++;
        }
        if (tcp.syn()) {
            sf.isn[d] = tcp.sequenceNumber();
            sf.isnKnown[d] = true;
            sf.synSeen[d] = true;
            if (d == 1 && tcp.ack() && !sf.isnKnown[0]) {
                // A SYN/ACK whose SYN was missed acknowledges the initiator's ISN + 1.
                sf.isn[0] = (tcp.acknowledgmentNumber() - 1) & LOW32;
                sf.isnKnown[0] = true;
            }
        }
        if (sf.partial && !sf.isnKnown[d]) {
            locate(c, sf, d, dir, packet, o);
        }
        long rel = relativeSeq(sf, d, tcp);
        if (d == 1 && !tcp.syn() && !tcp.rst() && sf.initiatorSentAck) {
            sf.established = true;
        }

        handshake(c, sf, d, fromClient, tcp, o, packet, f);
        signals(c, sf, fromClient, o, packet, f);
        if (o.dss != null) {
            dss(c, sf, d, dir, rel, tcp, o.dss, packet, f);
        }
        if (tcp.payloadLength() > 0 && sf.isnKnown[d]) {
            payload(c, sf, d, dir, rel, packet, f);
        }
        if (tcp.fin()) {
            sf.fin[d] = true;
            if (c.fallback && sf.isnKnown[d]) {
                Mapping m = mappingAt(sf, d, rel + tcp.payloadLength());
                if (m != null && m.infinite()) {
                    stream(c, dir, m.dsn).dataFin(m.dsn + (rel + tcp.payloadLength() - m.ssn));
                }
            }
            if (sf.fin[0] && sf.fin[1] && sf.endReason == null) {
                endSubflow(c, sf, sf.removed ? "remove_addr" : "fin", packet, fromClient);
            }
        }
        if (tcp.rst() && sf.endReason == null) {
            String reason = o.fastclose != null ? "fastclose" : o.tcpRst != null ? "mp_tcprst" : "rst";
            endSubflow(c, sf, reason, packet, fromClient);
        }
        return new MptcpPacketAnalysis(c.index, sf.index, sf.tcpStream, sf.initial, fromClient,
                implicitDsns(c) ? 0 : c.idsn(dir),
                f.mapped, f.dsn, f.mapping == null ? 0 : f.mapping.dsn, f.mapping == null ? 0 : f.mapping.ssn,
                f.mapping == null ? 0 : f.mapping.payloadLength, f.mapping == null ? 0 : f.mapping.frame,
                f.hasDataAck, f.dataAck, f.reinjectionOf, f.problems, c.fallback);
    }

    /** The MPTCP options of one packet, at most one of each kind (the first). */
    private record Options(MpCapable capable, MpJoin join, Dss dss, List<MptcpOption> signals, MpFastclose fastclose,
                           MpTcpRst tcpRst) {
        static Options of(TcpHeader tcp) {
            MpCapable capable = null;
            MpJoin join = null;
            Dss dss = null;
            MpFastclose fastclose = null;
            MpTcpRst tcpRst = null;
            List<MptcpOption> signals = List.of();
            for (TcpOption option : tcp.options()) {
                if (!(option instanceof TcpOption.Mptcp m)) {
                    continue;
                }
                switch (m.option()) {
                    case MpCapable x -> capable = capable == null ? x : capable;
                    case MpJoin x -> join = join == null ? x : join;
                    case Dss x -> dss = dss == null ? x : dss;
                    case MpFastclose x -> {
                        fastclose = fastclose == null ? x : fastclose;
                        signals = add(signals, x);
                    }
                    case MpTcpRst x -> {
                        tcpRst = tcpRst == null ? x : tcpRst;
                        signals = add(signals, x);
                    }
                    case AddAddr x -> signals = add(signals, x);
                    case RemoveAddr x -> signals = add(signals, x);
                    case MpPrio x -> signals = add(signals, x);
                    case MpFail x -> signals = add(signals, x);
                    default -> {
                    }
                }
            }
            return new Options(capable, join, dss, signals, fastclose, tcpRst);
        }

        boolean any() {
            return capable != null || join != null || dss != null || !signals.isEmpty();
        }

        private static List<MptcpOption> add(List<MptcpOption> list, MptcpOption option) {
            List<MptcpOption> out = list.isEmpty() ? new ArrayList<>(2) : list;
            out.add(option);
            return out;
        }
    }

    private SubflowState openConnection(DecodedPacket packet, TcpSegment segment, FlowKey key, MpCapable capable) {
        ConnectionState c = new ConnectionState(connections.size(), key, capable.version());
        connections.add(c);
        if (capable.hasSenderKey()) {
            setKey(c, true, capable.senderKey());
        }
        c.checksums = capable.checksumRequired();
        return initialSubflow(c, segment, key);
    }

    /** The connection's initial subflow, opened by the client: address ID 0 on both ends (RFC 8684 section 3.2). */
    private static SubflowState initialSubflow(ConnectionState c, TcpSegment segment, FlowKey clientFlow) {
        SubflowState sf = new SubflowState(0, segment.stream(), clientFlow, false, true);
        sf.initial = true;
        sf.initiatorAddressId = 0;
        sf.responderAddressId = 0;
        c.subflows.add(sf);
        sf.connection = c;
        return sf;
    }

    /**
     * An MP_CAPABLE SYN/ACK whose SYN was not captured: it opens the connection with certainty
     * (RFC 8684 section 3.1). Its receiver is the client, the subflow is the initial one, both
     * ISNs are known (the SYN/ACK's sequence number, and its acknowledgment number - 1), and
     * {@link #handshake} takes the version, checksum flag and server key from it as from any
     * SYN/ACK. Partial all the same: the client's SYN, and with it any packet before, is missing.
     */
    private SubflowState openAtSynAck(TcpSegment segment, FlowKey key) {
        FlowKey clientFlow = key.reversed();
        ConnectionState c = new ConnectionState(connections.size(), clientFlow, -1);
        c.partial = true;
        connections.add(c);
        return initialSubflow(c, segment, clientFlow);
    }

    /**
     * An MP_CAPABLE third ACK whose SYN and SYN/ACK were not captured: its sender is the client,
     * the subflow the initial one, and its keys open the connection (they then link later MP_JOINs).
     */
    private SubflowState openAtThirdAck(TcpSegment segment, FlowKey key, MpCapable capable) {
        ConnectionState c = new ConnectionState(connections.size(), key, capable.version());
        c.partial = true;
        connections.add(c);
        SubflowState sf = initialSubflow(c, segment, key);
        sf.partial = true;
        return sf;
    }

    /**
     * A conversation first seen after its SYNs, carrying an MPTCP option other than an MP_CAPABLE
     * third ACK (a DSS, an MP_JOIN SYN/ACK or third ACK, ADD_ADDR, ...): no token names its
     * connection (RFC 8684 section 3.2: only the MP_JOIN SYN does). It waits, its packets held,
     * until one of them shows its connection ({@link #link}).
     */
    private SubflowState waiting(int stream, FlowKey first) {
        SubflowState w = new SubflowState(-1, stream, first, false, false);
        w.partial = true;
        w.held = new ArrayDeque<>();
        waitingSubflows.add(w);
        return w;
    }

    /**
     * Links a waiting subflow to its connection by the data sequence space, as mptcptrace does.
     * The IDSNs are the low 64 bits of SHA-256 of random 64-bit keys (RFC 8684 section 3.1), so
     * the data sequence numbers of unrelated connections are uniformly far apart, while a
     * connection's subflows carry one space per direction (section 3.3). A packet with an 8-octet
     * DSN (its sender sends that direction) or DATA_ACK (its sender receives it) within
     * {@link #LINK_WINDOW} (4 GiB) of the values a connection's direction has carried belongs to
     * that connection: an unrelated value falls there with probability (span + 2^33) / 2^64, about
     * 2^-31 per direction compared (under 10^-6 for a lone value against 1000 connections), 2^-62
     * when the packet's DSN and DATA_ACK must both agree. The match must be unique. A 4-octet DSN
     * (RFC 6824 stacks, or any that send 32-bit DSNs) cannot tell connections apart: the subflow is
     * a connection of its own, as is one still waiting at the end of the capture, after
     * {@link #MAX_PENDING} packets, or when all held packets reach {@link #MAX_HELD_BYTES}. A 4-octet DATA_ACK alone waits on (Linux acknowledges in 4
     * octets until it received an 8-octet DSN). Returns the subflow, or null while it waits; the
     * held packets are then analysed in order, as if they had come now.
     */
    private SubflowState link(SubflowState w, DecodedPacket packet, TcpSegment segment, FlowKey key, Options o) {
        TcpHeader tcp = packet.tcp();
        if (o.join != null && !tcp.rst()) {
            if (o.join.stage() == MpJoin.Stage.SYN_ACK && tcp.syn()) {
                w.heldInitiator = key.reversed();
            } else if (o.join.stage() == MpJoin.Stage.ACK && !tcp.syn()) {
                w.heldInitiator = key;
            }
        }
        ConnectionState named = w.synToken >= 0 ? connectionOfToken(w.synToken) : null;
        if (named != null) {
            return linkByToken(w, named, packet);
        }
        Dss dss = o.dss;
        boolean dsn64 = dss != null && dss.hasMapping() && dss.dataSequenceNumberSize() == 8;
        boolean ack64 = dss != null && dss.hasDataAck() && dss.dataAckSize() == 8;
        if (!dsn64 && !ack64 && (dss == null || !dss.hasMapping()) && w.held.size() < MAX_PENDING && hold(packet)) {
            w.held.addLast(new SubflowState.Held(packet, segment, false));
            return null;
        }
        ConnectionState found = null;
        boolean senderIsClient = false;
        int matches = 0;
        for (int i = 0; i < connections.size() && (dsn64 || ack64); i++) {
            ConnectionState c = connections.get(i);
            for (int sent = C2S; sent <= S2C; sent++) {
                int byDsn = dsn64 ? c.holds(sent, dss.dataSequenceNumber(), LINK_WINDOW) : 0;
                int byAck = ack64 ? c.holds(1 - sent, dss.dataAck(), LINK_WINDOW) : 0;
                if (byDsn >= 0 && byAck >= 0 && byDsn + byAck > 0) {
                    found = c;
                    senderIsClient = sent == C2S;
                    matches++;
                }
            }
        }
        SubflowState sf = matches == 1 ? joinLinked(w, found, senderIsClient ? key : key.reversed())
                : openPartial(w);
        if (matches == 1) {
            event(found, ConnectionEvent.Type.LINKED, packet, sf, senderIsClient, -1, "subflow " + sf.index
                    + " (tcp.stream " + sf.tcpStream + ", " + (w.joinSyn != null
                    ? "its MP_JOIN SYN naming an unknown token" : "first seen after its SYNs")
                    + ") linked by its data sequence number");
        }
        replay(w, sf);
        learnToken(sf.connection, sf, w.synToken, packet);
        return sf;
    }

    /** A waiting subflow whose MP_JOIN SYN named the token a connection has (or learned since). */
    private SubflowState linkByToken(SubflowState w, ConnectionState c, DecodedPacket packet) {
        // The SYN's receiver owns the token: the client opened the subflow when it is the server's.
        boolean byClient = c.tokenKnown(false) && c.token(false) == w.synToken;
        SubflowState sf = joinLinked(w, c, byClient ? w.heldInitiator : w.heldInitiator.reversed());
        event(c, ConnectionEvent.Type.LINKED, packet, sf, byClient, -1, "subflow " + sf.index + " (tcp.stream "
                + sf.tcpStream + ") linked by the token its MP_JOIN SYN named, " + hex8(w.synToken));
        replay(w, sf);
        return sf;
    }

    /**
     * A subflow whose MP_JOIN SYN named {@code token} joined connection {@code c} by other means
     * (its data sequence numbers, or as a connection of its own): the token is that of the SYN's
     * receiver (RFC 8684 section 3.2), which {@code c} learns when that side's key was never seen.
     * Other subflows waiting with the same token then join {@code c} at once, and later MP_JOIN SYNs
     * naming it open joins of {@code c} ({@link #openJoin}), unless another connection has the
     * token too (a 32-bit token may collide): only a unique match links.
     */
    private void learnToken(ConnectionState c, SubflowState sf, long token, DecodedPacket packet) {
        boolean owner = !sf.initiatedByClient; // true: the client received the SYN
        if (token < 0 || c.tokenKnown(owner)) {
            return;
        }
        int side = owner ? 0 : 1;
        c.learnedToken[side] = token;
        c.tokenLearned[side] = true;
        ConnectionState keyed = byToken.get(token);
        ConnectionState learned = learnedTokens.get(token);
        if (keyed != null && keyed != c || learned != null && learned != c) {
            learnedTokens.put(token, AMBIGUOUS);
            return;
        }
        learnedTokens.put(token, c);
        for (SubflowState other : List.copyOf(waitingSubflows)) {
            if (other.synToken == token && other.held != null) {
                linkByToken(other, c, packet);
            }
        }
    }

    /** A waiting subflow joins the connection its DSNs show; {@code clientFlow} leaves that connection's client. */
    private SubflowState joinLinked(SubflowState w, ConnectionState c, FlowKey clientFlow) {
        // Which end opened the subflow is known only from an MP_JOIN SYN/ACK or third ACK; else the client is assumed.
        FlowKey initiator = w.heldInitiator != null ? w.heldInitiator : clientFlow;
        SubflowState sf = new SubflowState(c.subflows.size(), w.tcpStream, initiator, w.heldInitiator != null,
                initiator.equals(clientFlow));
        sf.initiatorAddressId = -1;
        sf.partial = true;
        c.subflows.add(sf);
        sf.connection = c;
        if (w.joinSyn != null) {
            // Its MP_JOIN SYN was captured (held): a join as any other, less the HMACs without keys.
            sf.partial = false;
            joined(c, sf, w.held.getFirst().packet(), w.joinSyn);
        }
        return sf;
    }

    /**
     * A waiting subflow as a connection of its own, no token or data sequence number linking it
     * to another. The client is guessed: the end with the higher port (servers listen on the
     * lower, well-known one), or the sender of the first packet when the ports are equal; the
     * sender of an MP_JOIN third ACK (the receiver of an MP_JOIN SYN/ACK) opened the subflow.
     */
    private SubflowState openPartial(SubflowState w) {
        FlowKey first = w.initiatorFlow;
        FlowKey clientFlow = first.sourcePort() >= first.destinationPort() ? first : first.reversed();
        ConnectionState c = new ConnectionState(connections.size(), clientFlow, -1);
        c.partial = true;
        c.clientGuessed = true;
        connections.add(c);
        return joinLinked(w, c, clientFlow);
    }

    /** A waiting subflow as a connection of its own ({@link #openPartial}), with what its packets show. */
    private void replayAlone(SubflowState w, DecodedPacket at) {
        SubflowState sf = openPartial(w);
        replay(w, sf);
        learnToken(sf.connection, sf, w.synToken, at);
    }

    /** Analyses the packets a subflow held while it waited, now that it belongs to a connection. */
    private void replay(SubflowState w, SubflowState sf) {
        subflowsByStream.set(w.tcpStream, sf);
        waitingSubflows.remove(w);
        ArrayDeque<SubflowState.Held> held = w.held;
        w.held = null;
        for (SubflowState.Held h : held) {
            DecodedPacket p = h.packet();
            release(p);
            MptcpPacketAnalysis a = process(sf, p, h.segment(), FlowKey.of(p), Options.of(p.tcp()), new Found());
            for (HeldPacketListener l : heldPacketListeners) {
                if (h.reported()) {
                    l.onReanalysedPacket(p, h.segment(), a);
                } else {
                    l.onHeldPacket(p, h.segment(), a);
                }
            }
        }
    }

    /**
     * Finds the ISN of one direction of a partial subflow. The first ACK after a SYN/ACK (an
     * MP_CAPABLE or MP_JOIN third ACK, or v1's MP_CAPABLE on the first data) is at relative
     * sequence 1 and acknowledges the peer's ISN + 1. Otherwise each DSS mapping with payload
     * bounds it: its relative subflow sequence number (RFC 8684 section 3.3) is where the mapping
     * starts, so the packet lies inside [ssn, ssn + length); a mapping seen from its first to its
     * last segment pins it. Payload seen before waits, and is placed once the ISN is known.
     */
    private void locate(ConnectionState c, SubflowState sf, int d, int dir, DecodedPacket packet, Options o) {
        TcpHeader tcp = packet.tcp();
        long seq = tcp.sequenceNumber();
        boolean handshakeAck = d == 0 && tcp.ack() && !tcp.rst()
                && (o.capable != null && o.capable.hasReceiverKey()
                || o.join != null && o.join.stage() == MpJoin.Stage.ACK);
        if (handshakeAck) {
            sf.anchor[0] = seq;
            sf.isnLow[0] = 1;
            sf.isnSpan[0] = 0;
            sf.anchored[0] = true;
            if (!sf.isnKnown[1]) {
                sf.anchor[1] = tcp.acknowledgmentNumber();
                sf.isnLow[1] = 1;
                sf.isnSpan[1] = 0;
                sf.anchored[1] = true;
                pinIsn(c, sf, 1, 1 - dir);
            }
        } else {
            if (!sf.anchored[d]) {
                sf.anchor[d] = seq;
                sf.anchored[d] = true;
            }
            Dss dss = o.dss;
            int p = tcp.payloadLength();
            if (dss != null && dss.hasMapping() && !dss.infiniteMapping() && p > 0) {
                long width = (dss.dataFin() ? dss.dataLevelLength() - 1 : dss.dataLevelLength()) - p;
                if (width >= 0) {
                    long x = (int) (seq - sf.anchor[d]);
                    narrowIsn(sf, d, (dss.subflowSequenceNumber() - x) & LOW32, width);
                }
            }
        }
        if (sf.isnSpan[d] == 0) {
            pinIsn(c, sf, d, dir);
        } else if (tcp.payloadLength() > 0) {
            if (sf.pending[d] == null) {
                sf.pending[d] = new ArrayDeque<>();
            }
            if (sf.pending[d].size() >= MAX_PENDING) {
                DecodedPacket oldest = sf.pending[d].removeFirst();
                release(oldest);
                sf.unplacedBytes[d] += oldest.tcp().payloadLength();
            }
            if (hold(packet)) {
                sf.pending[d].addLast(packet);
            } else {
                sf.unplacedBytes[d] += tcp.payloadLength(); // (over the budget: counted as not placed)
            }
        }
    }

    /** The anchor is K = isnLow bytes after the ISN; earlier payload of the direction is placed now. */
    private void pinIsn(ConnectionState c, SubflowState sf, int d, int dir) {
        sf.isn[d] = (sf.anchor[d] - sf.isnLow[d]) & LOW32;
        sf.isnKnown[d] = true;
        sf.highestRel[d] = sf.isnLow[d];
        ArrayDeque<DecodedPacket> waiting = sf.pending[d];
        sf.pending[d] = null;
        if (waiting == null) {
            return;
        }
        for (DecodedPacket q : waiting) {
            release(q);
            TcpHeader t = q.tcp();
            long rel = relativeSeq(sf, d, t);
            Options qo = Options.of(t);
            Found ignored = new Found();
            if (qo.dss != null) {
                dss(c, sf, d, dir, rel, t, qo.dss, q, ignored);
            }
            payload(c, sf, d, dir, rel, q, ignored);
        }
    }

    /** Intersects the ISN offset interval with [low, low + width] (mod 2^32); a contradiction is ignored. */
    private static void narrowIsn(SubflowState sf, int d, long low, long width) {
        if (sf.isnSpan[d] < 0) {
            sf.isnLow[d] = low;
            sf.isnSpan[d] = width;
            return;
        }
        long offset = (int) ((low - sf.isnLow[d]) & LOW32);
        long start = Math.max(0, offset);
        long end = Math.min(sf.isnSpan[d], offset + width);
        if (start <= end) {
            sf.isnLow[d] = (sf.isnLow[d] + start) & LOW32;
            sf.isnSpan[d] = end - start;
        }
    }

    private SubflowState openJoin(DecodedPacket packet, TcpSegment segment, FlowKey key, MpJoin join, Found f) {
        ConnectionState c = connectionOfToken(join.receiverToken());
        if (c == null) {
            f.problem(MptcpProblem.UNKNOWN_TOKEN);
            return null;
        }
        boolean byClient = c.tokenKnown(false) && join.receiverToken() == c.token(false);
        SubflowState sf = new SubflowState(c.subflows.size(), segment.stream(), key, true, byClient);
        c.subflows.add(sf);
        sf.connection = c;
        joined(c, sf, packet, join);
        return sf;
    }

    /** What an MP_JOIN SYN tells of its subflow, and its event. */
    private void joined(ConnectionState c, SubflowState sf, DecodedPacket syn, MpJoin join) {
        sf.initiatorAddressId = join.addressId();
        sf.backup = join.backup();
        sf.random[0] = join.senderRandom();
        event(c, ConnectionEvent.Type.JOIN, syn, sf, sf.initiatedByClient, join.backup() ? 1 : 0,
                "MP_JOIN " + sf.initiatorFlow + " address id " + join.addressId() + (join.backup() ? " backup" : ""));
    }

    private void setKey(ConnectionState c, boolean client, long key) {
        MptcpCrypto.KeyDerived derived = crypto.derive(c.version, key);
        if (client) {
            c.clientKey = key;
            c.clientKeyKnown = true;
            c.clientToken = derived.token();
            c.clientIdsn = derived.idsn();
            c.highestDsn[C2S] = derived.idsn() + 1;
            c.dsnSeen[C2S] = true;
            c.seen64(C2S, derived.idsn() + 1);
        } else {
            c.serverKey = key;
            c.serverKeyKnown = true;
            c.serverToken = derived.token();
            c.serverIdsn = derived.idsn();
            c.highestDsn[S2C] = derived.idsn() + 1;
            c.dsnSeen[S2C] = true;
            c.seen64(S2C, derived.idsn() + 1);
        }
        byToken.putIfAbsent(derived.token(), c);
    }

    /** MP_CAPABLE and MP_JOIN exchanges, and the fallbacks they reveal. */
    private void handshake(ConnectionState c, SubflowState sf, int d, boolean fromClient, TcpHeader tcp, Options o,
                           DecodedPacket packet, Found f) {
        if (!sf.join) {
            if (tcp.syn() && tcp.ack() && d == 1 && !c.synAckSeen) {
                c.synAckSeen = true;
                if (o.capable == null) {
                    fallback(c, "no MP_CAPABLE in SYN/ACK", packet, sf, fromClient);
                } else {
                    c.version = o.capable.version();
                    c.checksums |= o.capable.checksumRequired();
                    if (o.capable.hasSenderKey()) {
                        setKey(c, false, o.capable.senderKey());
                    }
                }
            } else if (!tcp.syn() && d == 0 && o.capable != null && o.capable.hasReceiverKey()) {
                boolean mismatch = c.serverKeyKnown && o.capable.receiverKey() != c.serverKey
                        || c.clientKeyKnown && o.capable.senderKey() != c.clientKey;
                if (mismatch) {
                    f.problem(MptcpProblem.KEY_ECHO_MISMATCH);
                }
                if (c.partial) {
                    // The SYN's A flag was not captured; the third ACK carries the negotiated one
                    // (RFC 8684 section 3.1), with data its checksum field (section 3.3.1).
                    c.checksums |= o.capable.checksumRequired() || o.capable.hasChecksum();
                }
                if (!c.clientKeyKnown) {
                    setKey(c, true, o.capable.senderKey());
                }
                if (!c.serverKeyKnown) {
                    setKey(c, false, o.capable.receiverKey());
                }
                if (!c.established) {
                    c.established = true;
                    event(c, ConnectionEvent.Type.ESTABLISHED, packet, sf, fromClient, -1,
                            "MP_CAPABLE v" + c.version + " client token " + hex8(c.clientToken) + " server token "
                                    + hex8(c.serverToken) + (c.checksums ? " checksums" : ""));
                }
            } else if (!tcp.syn() && d == 0 && sf.initial && !sf.initiatorSentAck && c.synAckSeen && !c.fallback
                    && o.capable == null && o.dss == null) {
                fallback(c, "no MP_CAPABLE in third ACK", packet, sf, fromClient);
            }
            if (!tcp.syn() && d == 0) {
                sf.initiatorSentAck = true;
            }
            return;
        }
        if (!tcp.syn() && d == 0) {
            sf.initiatorSentAck = true;
        }
        MpJoin join = o.join;
        if (join == null) {
            return;
        }
        boolean initiatorClient = sf.initiatedByClient;
        boolean keys = c.clientKeyKnown && c.serverKeyKnown;
        long initiatorKey = c.key(initiatorClient);
        long responderKey = c.key(!initiatorClient);
        if (join.stage() == MpJoin.Stage.SYN_ACK && d == 1) {
            sf.responderAddressId = join.addressId();
            sf.random[1] = join.senderRandom();
            sf.responderTruncatedHmac = join.senderTruncatedHmac();
            sf.backup |= join.backup();
            if (keys && sf.synSeen[0]
                    && crypto.joinTruncatedHmac(c.version, responderKey, initiatorKey, sf.random[1], sf.random[0])
                    != join.senderTruncatedHmac()) {
                f.problem(MptcpProblem.BAD_JOIN_HMAC);
            }
        } else if (join.stage() == MpJoin.Stage.ACK && d == 0 && keys && sf.synSeen[0] && sf.synSeen[1]) {
            // (Without the SYN and SYN/ACK the randoms the HMACs cover are unknown: nothing to check.)
            byte[] expected = crypto.joinHmac(c.version, initiatorKey, responderKey, sf.random[0], sf.random[1]);
            byte[] sent = join.senderHmac().toByteArray();
            if (!Arrays.equals(expected, 0, sent.length, sent, 0, sent.length)) {
                f.problem(MptcpProblem.BAD_JOIN_HMAC);
            }
        }
    }

    /** ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE and MP_TCPRST: timeline events. */
    private void signals(ConnectionState c, SubflowState sf, boolean fromClient, Options o, DecodedPacket packet,
                         Found f) {
        for (MptcpOption option : o.signals) {
            if (option instanceof AddAddr || option instanceof RemoveAddr || option instanceof MpPrio) {
                c.addressSignals++;
            }
            switch (option) {
                case AddAddr a -> addAddr(c, sf, fromClient, a, packet, f);
                case RemoveAddr r -> {
                    StringBuilder ids = new StringBuilder();
                    for (int i = 0; i < r.count(); i++) {
                        int id = r.addressId(i);
                        ids.append(i == 0 ? "" : ",").append(id);
                        for (SubflowState s : c.subflows) {
                            if (s.addressIdOf(fromClient) == id) {
                                s.removed = true;
                            }
                        }
                    }
                    event(c, ConnectionEvent.Type.REMOVE_ADDR, packet, sf, fromClient,
                            r.count() > 0 ? r.addressId(0) : -1, "REMOVE_ADDR id " + ids);
                }
                case MpPrio p -> {
                    ConnectionEvent e = event(c, ConnectionEvent.Type.MP_PRIO, packet, sf, fromClient,
                            p.backup() ? 1 : 0, "MP_PRIO " + (p.backup() ? "backup" : "regular")
                                    + (p.hasAddressId() ? " address id " + p.addressId() : ""));
                    for (SubflowState s : c.subflows) {
                        if (p.hasAddressId() ? s.addressIdOf(fromClient) == p.addressId() : s == sf) {
                            s.backup = p.backup();
                            s.priorityChanges.add(e);
                        }
                    }
                }
                case MpFail m -> {
                    f.problem(MptcpProblem.MP_FAIL);
                    int dir = fromClient ? S2C : C2S;
                    event(c, ConnectionEvent.Type.MP_FAIL, packet, sf, fromClient,
                            m.dataSequenceNumber() - c.idsn(dir) - 1, "MP_FAIL at DSN " + Long.toUnsignedString(
                                    m.dataSequenceNumber()));
                    fallback(c, "MP_FAIL", packet, sf, fromClient);
                }
                case MpFastclose x -> {
                    c.fastclose = true;
                    if (c.keyKnown(!fromClient) && x.receiverKey() != c.key(!fromClient)) {
                        f.problem(MptcpProblem.KEY_ECHO_MISMATCH);
                    }
                    event(c, ConnectionEvent.Type.MP_FASTCLOSE, packet, sf, fromClient, -1, "MP_FASTCLOSE");
                }
                case MpTcpRst r -> {
                    sf.resetReason = r.reason();
                    event(c, ConnectionEvent.Type.MP_TCPRST, packet, sf, fromClient, r.reason(),
                            "MP_TCPRST reason " + r.reason() + " (" + MpTcpRst.reasonName(r.reason()) + ")"
                                    + (r.flagT() ? " transient" : ""));
                }
                default -> {
                }
            }
        }
    }

    private void addAddr(ConnectionState c, SubflowState sf, boolean fromClient, AddAddr a, DecodedPacket packet,
                         Found f) {
        String address = switch (a.ipVersion()) {
            case 4 -> AddressFormat.ipv4((int) octets(a.address().toByteArray(), 0, 4));
            case 6 -> {
                byte[] b = a.address().toByteArray();
                yield "[" + AddressFormat.ipv6(octets(b, 0, 8), octets(b, 8, 8)) + "]";
            }
            default -> "?";
        };
        String text = "id " + a.addressId() + " " + address + (a.hasPort() ? ":" + a.port() : "");
        if (a.echo() && !a.lowNibbleIsIpVersion()) {
            event(c, ConnectionEvent.Type.ADD_ADDR_ECHO, packet, sf, fromClient, a.addressId(),
                    "ADD_ADDR echo " + text);
            return;
        }
        if (a.hasTruncatedHmac() && c.clientKeyKnown && c.serverKeyKnown && a.ipVersion() != 0) {
            long expected = crypto.addAddrHmac(c.version, c.key(fromClient), c.key(!fromClient), a.addressId(),
                    a.address().toByteArray(), a.hasPort() ? a.port() : 0);
            if (expected != a.truncatedHmac()) {
                f.problem(MptcpProblem.BAD_ADD_ADDR_HMAC);
            }
        }
        event(c, ConnectionEvent.Type.ADD_ADDR, packet, sf, fromClient, a.addressId(), "ADD_ADDR " + text);
    }

    /** DATA_ACK and the mapping of a DSS option. */
    private void dss(ConnectionState c, SubflowState sf, int d, int dir, long rel, TcpHeader tcp, Dss dss,
                     DecodedPacket packet, Found f) {
        if (c.partial) {
            firstDsns(c, dir, dss);
        }
        if (dss.hasDataAck()) {
            int peer = 1 - dir;
            long ack;
            if (dss.dataAckSize() == 8) {
                ack = dss.dataAck();
                c.seen64(peer, ack);
            } else {
                ack = SequenceNumbers.expand32(c.highestDsn[peer], dss.dataAck());
            }
            f.hasDataAck = true;
            f.dataAck = ack;
            if (c.streams[peer] != null) {
                c.streams[peer].noteExtent(ack);
            }
        }
        if (dss.hasMapping() && dss.dataSequenceNumberSize() == 8) {
            c.seen64(dir, dss.dataSequenceNumber());
        }
        if (!dss.hasMapping() || !sf.isnKnown[d] && !(dss.dataFin() && dss.dataLevelLength() == 1
                && dss.subflowSequenceNumber() == 0)) {
            return; // (a DATA_FIN alone is not tied to subflow sequence numbers: no ISN needed)
        }
        long dsn = dss.dataSequenceNumberSize() == 8 ? dss.dataSequenceNumber()
                : SequenceNumbers.expand32(c.highestDsn[dir], dss.dataSequenceNumber());
        long ssn32 = dss.subflowSequenceNumber();
        int length = dss.dataLevelLength();
        if (dss.infiniteMapping()) {
            f.problem(MptcpProblem.INFINITE_MAPPING);
            long start = ssn32 == 0 ? rel : SequenceNumbers.expand32(rel, ssn32);
            Mapping m = new Mapping(dsn, start, Mapping.INFINITE, packet.number(), 0, ssn32, false, 0);
            addMapping(sf, d, m, true);
            if (!c.fallback) {
                event(c, ConnectionEvent.Type.INFINITE_MAPPING, packet, sf, dir == C2S, dsn - c.idsn(dir) - 1,
                        "infinite mapping at DSN " + Long.toUnsignedString(dsn));
                fallback(c, "infinite mapping", packet, sf, dir == C2S);
            }
            return;
        }
        c.anyMapping[dir] = true;
        if (dsn + length - c.highestDsn[dir] > 0) {
            c.highestDsn[dir] = dsn + length; // unsigned DSNs: compare by wrapping difference
        }
        boolean dataFin = dss.dataFin();
        long payload = dataFin ? length - 1 : length;
        if (!sf.isnKnown[d] && c.streams[dir] == null) {
            // A DATA_FIN alone before any data of a partial direction was placed: the stream
            // cannot start here (its data may still be waiting for the ISN); kept for when it does.
            c.dataFin[dir] = dsn + length - 1;
            c.dataFinKnown[dir] = true;
            return;
        }
        long firstByte = dsn;
        if (c.partial && c.streams[dir] == null) {
            // The stream starts at the packet's first byte, not at a mapping sent before the capture.
            firstByte = dsn + Math.max(0, Math.min(payload, rel - SequenceNumbers.expand32(rel, ssn32)));
        }
        DataStreamAssembler stream = stream(c, dir, firstByte);
        if (dataFin) {
            boolean first = !stream.hasDataFin();
            stream.dataFin(dsn + length - 1);
            if (first) {
                event(c, ConnectionEvent.Type.DATA_FIN, packet, sf, dir == C2S, dsn + length - 1 - stream.base(),
                        "DATA_FIN at DSN " + Long.toUnsignedString(dsn + length - 1));
            }
        } else {
            stream.noteExtent(dsn + length);
        }
        boolean checksummed = c.checksums && dss.hasChecksum();
        if (payload <= 0 && ssn32 == 0) {
            // A DATA_FIN alone, not tied to subflow data: its checksum covers the pseudo-header
            // alone (RFC 8684 section 3.3.1: subflow sequence number 0, data-level length 1).
            if (checksummed && !Mapping.checksumHolds(0, dsn, 0, length, dss.checksum())) {
                f.problem(MptcpProblem.BAD_DSS_CHECKSUM);
            }
            return;
        }
        long ssn = SequenceNumbers.expand32(rel, ssn32);
        Mapping m = new Mapping(dsn, ssn, payload, packet.number(), length, ssn32, checksummed, dss.checksum());
        addMapping(sf, d, m, true);
        if (m.empty() && m.verify() < 0) {
            f.problem(MptcpProblem.BAD_DSS_CHECKSUM);
        }
    }

    /**
     * Without the keys there is no IDSN to widen 4-octet DSNs and DATA_ACKs against: each
     * direction starts from the first value seen (a 64-bit one is exact).
     */
    private static void firstDsns(ConnectionState c, int dir, Dss dss) {
        if (dss.hasMapping() && !c.dsnSeen[dir]) {
            c.highestDsn[dir] = dss.dataSequenceNumber();
            c.dsnSeen[dir] = true;
        }
        if (dss.hasDataAck() && !c.dsnSeen[1 - dir]) {
            c.highestDsn[1 - dir] = dss.dataAck();
            c.dsnSeen[1 - dir] = true;
        }
    }

    /** Places the packet's payload in the data-level stream through the mappings that cover it. */
    private void payload(ConnectionState c, SubflowState sf, int d, int dir, long rel, DecodedPacket packet,
                         Found f) {
        TcpHeader tcp = packet.tcp();
        if (!sf.join && !c.fallback && c.synAckSeen && !c.anyMapping[dir] && sf.mappings[d].isEmpty()) {
            if (tcp.payloadLength() > 0 && !hasCapableData(tcp) && c.subflows.size() == 1) {
                fallback(c, "data without DSS", packet, sf, dir == C2S);
            }
        }
        if (c.fallback && !sf.join && sf.mappings[d].isEmpty()) {
            // TCP from here on: the subflow's sequence numbers are the data sequence numbers.
            long base = c.idsnKnown(dir) && c.established ? c.idsn(dir) + 1 : 1;
            addMapping(sf, d, new Mapping(base, 1, Mapping.INFINITE, packet.number(), 0, 1, false, 0), true);
        }
        MpCapable capable = capableData(tcp);
        if (capable != null && d == 0 && !sf.join && c.clientKeyKnown) {
            // RFC 8684 section 3.1: data on the third ACK starts at IDSN + 1, subflow sequence 1.
            int length = capable.dataLevelLength();
            Mapping m = new Mapping(c.clientIdsn + 1, 1, length, packet.number(), length, 1,
                    c.checksums && capable.hasChecksum(), capable.checksum());
            addMapping(sf, d, m, false);
            c.anyMapping[dir] = true;
        }
        byte[] data = packet.frame().data();
        int wire = tcp.payloadLength();
        if (wire > 0 && placesPayload) {
            if (sf.seen[d].covers(rel, rel + wire)) {
                f.problem(MptcpProblem.SUBFLOW_RESENT);
            }
            sf.seen[d].add(rel, rel + wire);
        }
        int captured = Math.min(tcp.payloadCapturedLength(), wire);
        if (captured < wire) {
            f.problem(MptcpProblem.NOT_CAPTURED);
        }
        int done = 0;
        while (done < wire) {
            long seq = rel + done;
            Mapping m = mappingAt(sf, d, seq);
            if (m == null) {
                if (!oldData(sf, d, seq)) {
                    f.problem(MptcpProblem.MISSING_MAPPING);
                }
                return;
            }
            int n = (int) Math.min(wire - done, m.end() - seq);
            int cap = Math.max(0, Math.min(n, captured - done));
            long dsn = m.dsn + (seq - m.ssn);
            if (!f.mapped) {
                f.mapped = true;
                f.dsn = dsn;
                f.mapping = m;
            }
            if (!placesPayload) {
                // The mappings still move on with the subflow (whether one is left decides a fallback).
                done += n;
                continue;
            }
            int verdict = m.checksumAdd(seq, data, tcp.payloadOffset() + done, n, cap);
            if (verdict < 0) {
                f.problem(MptcpProblem.BAD_DSS_CHECKSUM);
            }
            DataStreamAssembler s = stream(c, dir, dsn);
            s.add(dsn, data, tcp.payloadOffset() + done, n, cap, sf.index, packet.number(), outcome);
            sf.carried[dir].add(dsn - s.base(), dsn - s.base() + n);
            if (outcome.duplicateBytes > 0) {
                f.problem(MptcpProblem.DUPLICATE_DATA);
            }
            if (outcome.different) {
                f.problem(MptcpProblem.DIFFERENT_OVERLAP);
            }
            if (outcome.reinjection) {
                f.problem(MptcpProblem.REINJECTION);
                f.reinjectionOf = f.reinjectionOf.isEmpty() ? outcome.reinjectionOf
                        : mergeFrames(f.reinjectionOf, outcome.reinjectionOf);
                for (long original : outcome.reinjectionOf) {
                    event(c, ConnectionEvent.Type.REINJECTION, packet, sf, dir == C2S, original,
                            "reinjection of frame " + original + " at DSN offset " + (dsn - s.base()));
                }
            }
            done += n;
        }
        pruneMappings(sf, d, rel + wire);
    }

    private static long octets(byte[] b, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = v << 8 | (b[offset + i] & 0xff);
        }
        return v;
    }

    private static List<Long> mergeFrames(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        for (Long x : b) {
            if (!out.contains(x)) {
                out.add(x);
            }
        }
        return out;
    }

    private static MpCapable capableData(TcpHeader tcp) {
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp m && m.option() instanceof MpCapable cap
                    && cap.hasDataLevelLength()) {
                return cap;
            }
        }
        return null;
    }

    private static boolean hasCapableData(TcpHeader tcp) {
        return capableData(tcp) != null;
    }

    private static Mapping mappingAt(SubflowState sf, int d, long seq) {
        int i = sf.mappings[d].floorIndex(seq);
        Mapping m = i < 0 ? null : sf.mappings[d].get(i);
        return m != null && m.covers(seq) ? m : null;
    }

    /** Bytes below every mapping still held were mapped before and pruned: a subflow retransmission. */
    private static boolean oldData(SubflowState sf, int d, long seq) {
        return !sf.mappings[d].isEmpty() && seq < sf.mappings[d].key(0);
    }

    private static void addMapping(SubflowState sf, int d, Mapping m, boolean replace) {
        sf.mappings[d].add(m.ssn, m, replace);
        if (sf.mappings[d].get(0) == m) {
            sf.mappingsKeptUntil[d] = Long.MIN_VALUE; // a new first mapping: look at it again
        }
    }

    /** Mappings wholly below the highest subflow sequence by more than a window are no longer needed. */
    private static void pruneMappings(SubflowState sf, int d, long end) {
        long horizon = end - (8L << 20);
        if (horizon < sf.mappingsKeptUntil[d]) {
            return; // the first mapping ends after the horizon (and reading it would miss the cache)
        }
        var table = sf.mappings[d];
        while (table.size() > 64) {
            Mapping first = table.get(0);
            if (first.infinite() || first.end() > horizon) {
                sf.mappingsKeptUntil[d] = first.infinite() ? Long.MAX_VALUE : first.end();
                return;
            }
            table.removeFirst();
        }
        sf.mappingsKeptUntil[d] = Long.MIN_VALUE;
    }

    private DataStreamAssembler stream(ConnectionState c, int dir, long firstDsn) {
        DataStreamAssembler s = c.streams[dir];
        if (s == null) {
            s = new DataStreamAssembler(sinks.create(c.index, dir == C2S), streamBase(c, dir, firstDsn));
            c.streams[dir] = s;
            if (c.dataFinKnown[dir]) {
                s.dataFin(c.dataFin[dir]);
            }
        }
        return s;
    }

    /** DSN of a stream's first byte: IDSN + 1 when the key is known (and data was mapped), else the given one. */
    private static long streamBase(ConnectionState c, int dir, long firstDsn) {
        return c.idsnKnown(dir) && !implicitDsns(c) ? c.idsn(dir) + 1 : firstDsn;
    }

    /**
     * Whether the connection fell back to TCP before it was established: its data sequence
     * numbers are then implicit, the subflow's relative sequence numbers (the first byte is 1),
     * not offsets from an IDSN (RFC 8684 section 3.7).
     */
    private static boolean implicitDsns(ConnectionState c) {
        return c.fallback && !c.established;
    }

    private static long relativeSeq(SubflowState sf, int d, TcpHeader tcp) {
        if (!sf.isnKnown[d]) {
            return 0;
        }
        long rel32 = (tcp.sequenceNumber() - sf.isn[d]) & 0xffff_ffffL;
        long rel = SequenceNumbers.expand32(sf.highestRel[d], rel32);
        sf.highestRel[d] = Math.max(sf.highestRel[d], rel + tcp.payloadLength());
        return rel;
    }

    private void fallback(ConnectionState c, String reason, DecodedPacket packet, SubflowState sf, boolean fromClient) {
        if (c.fallback) {
            return;
        }
        c.fallback = true;
        c.fallbackReason = reason;
        event(c, ConnectionEvent.Type.FALLBACK, packet, sf, fromClient, -1, "fallback to TCP: " + reason);
    }

    private void endSubflow(ConnectionState c, SubflowState sf, String reason, DecodedPacket packet,
                            boolean fromClient) {
        sf.endReason = reason;
        event(c, ConnectionEvent.Type.SUBFLOW_END, packet, sf, fromClient, sf.resetReason,
                "subflow " + sf.index + " ended: " + reason);
    }

    private ConnectionEvent event(ConnectionState c, ConnectionEvent.Type type, DecodedPacket packet, SubflowState sf,
                                  boolean fromClient, long value, String detail) {
        ConnectionEvent e = new ConnectionEvent(type, packet.number(), packet.frame().timestampNanos(), sf.index,
                fromClient, value, detail);
        int at = c.events.size();
        while (at > 0 && c.events.get(at - 1).frame() > e.frame()) {
            at--; // a linked subflow's held packets come after later events: the timeline stays in capture order
        }
        c.events.add(at, e);
        for (MptcpEventListener l : listeners) {
            l.onEvent(c.index, e);
        }
        return e;
    }

    /** Where a stream with no placed data starts: IDSN + 1, else its lone DATA_FIN, else 1. */
    private static long dataLessBase(ConnectionState c, int dir) {
        return c.idsnKnown(dir) ? c.idsn(dir) + 1 : c.dataFinKnown[dir] ? c.dataFin[dir] : 1;
    }

    /** Payload of a partial subflow whose ISN was never found: counted, as its place is unknown. */
    private void unplaced(ConnectionState c, SubflowState s, int d) {
        long bytes = s.unplacedBytes[d];
        if (s.pending[d] != null) {
            for (DecodedPacket q : s.pending[d]) {
                release(q);
                bytes += q.tcp().payloadLength();
            }
            s.pending[d] = null;
        }
        if (bytes > 0) {
            int dir = (d == 0) == s.initiatedByClient ? C2S : S2C;
            stream(c, dir, dataLessBase(c, dir)).noteUnplaced(bytes);
        }
    }

    static String hex8(long token) {
        return String.format("%08x", token & 0xffff_ffffL);
    }

    /**
     * Ends the analysis (end of capture): flushes every stream, then reports each connection.
     * Later calls return the same reports.
     */
    public List<ConnectionReport> finish() {
        if (reports == null) {
            for (SubflowState w : List.copyOf(waitingSubflows)) {
                if (w.held == null) {
                    continue; // linked meanwhile, by the token another one's connection learned
                }
                if (w.held.stream().allMatch(SubflowState.Held::reported)) {
                    forget(w); // only an MP_JOIN SYN naming an unknown token: shown as such, no connection
                    continue;
                }
                replayAlone(w, w.held.getLast().packet()); // nothing showed its connection: one of its own
            }
            reports = report(true);
        }
        return reports;
    }

    /**
     * The subflows waiting for a packet that links them to their connection, in order of their
     * first packet, for a view of a capture still running. Once linked, a subflow is in its
     * connection's report instead; {@link #finish()} makes each still waiting a connection of its own.
     */
    public List<WaitingSubflow> waiting() {
        List<WaitingSubflow> out = new ArrayList<>(waitingSubflows.size());
        for (SubflowState w : waitingSubflows) {
            if (w.held.isEmpty()) {
                continue; // (not between two packets: a waiting subflow holds the packet that made it)
            }
            long bytes = 0;
            for (SubflowState.Held h : w.held) {
                bytes += h.packet().tcp().payloadLength();
            }
            out.add(new WaitingSubflow(w.tcpStream, w.initiatorFlow, w.held.getFirst().packet().frame().timestampNanos(),
                    w.held.getLast().packet().frame().timestampNanos(), w.held.size(), bytes));
        }
        return out;
    }

    /**
     * The connections as they stand now, for a view of a capture still running; the tracker goes
     * on as if it had not been asked. Unlike {@link #finish()} nothing is flushed: a stream's
     * bytes are those delivered so far (bytes held after a gap are not yet), it has no SHA-256,
     * and payload still waiting for its subflow's ISN is not counted as unplaced. Subflows not
     * ended yet say capture_end. After {@link #finish()}, its reports.
     */
    public List<ConnectionReport> snapshot() {
        return reports != null ? reports : report(false);
    }

    private List<ConnectionReport> report(boolean finishing) {
        List<ConnectionReport> out = new ArrayList<>(connections.size());
        for (ConnectionState c : connections) {
            StreamReport c2s;
            StreamReport s2c;
            if (finishing) {
                for (SubflowState s : c.subflows) {
                    for (int d = 0; d < 2 && s.partial; d++) {
                        unplaced(c, s, d);
                    }
                }
                c2s = stream(c, C2S, dataLessBase(c, C2S)).finish();
                s2c = stream(c, S2C, dataLessBase(c, S2C)).finish();
            } else {
                c2s = streamSoFar(c, C2S);
                s2c = streamSoFar(c, S2C);
            }
            List<SubflowReport> subflows = new ArrayList<>(c.subflows.size());
            boolean allEnded = true;
            boolean anyReset = false;
            for (SubflowState s : byFirstPacket(c.subflows)) {
                String end = s.endReason;
                if (end == null) {
                    allEnded = false;
                    end = s.fin[0] || s.fin[1] ? "fin" : "capture_end";
                }
                anyReset |= !end.equals("fin") && !end.equals("remove_addr") && !end.equals("capture_end");
                subflows.add(new SubflowReport(s.index, s.tcpStream, s.initiatorFlow, s.join, s.initial,
                        s.initiatedByClient, s.established,
                        s.initiatorAddressId, s.responderAddressId, s.backup, List.copyOf(s.priorityChanges),
                        s.firstNanos, s.lastNanos, s.packets[0], s.packets[1], s.bytes[0], s.bytes[1],
                        s.retransmissions, s.carried[C2S].snapshot(), s.carried[S2C].snapshot(), end, s.resetReason,
                        !s.synSeen[0]));
            }
            String state;
            if (!c.synAckSeen && !c.partial) {
                state = "syn_sent";
            } else if (c.fastclose) {
                state = "reset";
            } else if (c2s.dataFin() && s2c.dataFin() || allEnded && !anyReset) {
                state = "closed";
            } else if (allEnded) {
                state = "reset";
            } else {
                state = "established";
            }
            out.add(new ConnectionReport(c.index, c.version, c.initialFlow,
                    c.clientKeyKnown ? c.clientKey : null, c.serverKeyKnown ? c.serverKey : null,
                    c.token(true), c.token(false),
                    c.clientKeyKnown ? c.clientIdsn : null, c.serverKeyKnown ? c.serverIdsn : null,
                    c.checksums, c.fallback, c.fallbackReason, state, List.copyOf(subflows), c2s, s2c,
                    List.copyOf(c.events), c.partial, c.clientGuessed));
        }
        return List.copyOf(out);
    }

    /** A direction's stream report now, without creating its assembler (and sink) when it has none. */
    private StreamReport streamSoFar(ConnectionState c, int dir) {
        DataStreamAssembler s = c.streams[dir];
        if (s != null) {
            return s.report();
        }
        return new StreamReport(0, null, true, c.dataFinKnown[dir], List.of(), 0, 0, 0, 0, 0,
                streamBase(c, dir, dataLessBase(c, dir)), 0, 0);
    }
}
