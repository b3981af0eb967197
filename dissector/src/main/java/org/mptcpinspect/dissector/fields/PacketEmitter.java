package org.mptcpinspect.dissector.fields;

import java.util.Arrays;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.AddressFormat;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.EthernetHeader;
import org.mptcpinspect.dissector.decode.IpHeader;
import org.mptcpinspect.dissector.decode.Ipv4Header;
import org.mptcpinspect.dissector.decode.Ipv6ExtensionHeader;
import org.mptcpinspect.dissector.decode.Ipv6Header;
import org.mptcpinspect.dissector.decode.LinkHeader;
import org.mptcpinspect.dissector.decode.LinuxSll2Header;
import org.mptcpinspect.dissector.decode.LinuxSllHeader;
import org.mptcpinspect.dissector.decode.LoopbackHeader;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.dissector.decode.Problem;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.decode.VlanTag;

/**
 * Dissects a capture's frames one at a time and emits each one's tree into any {@link FieldSink}:
 * the single source of -V, -T fields, -T json, -Y and the GUI. Holds the per-capture state
 * (frame clock, TCP conversations), so one instance serves one pass over one capture, in order.
 *
 * <p>Per frame: {@link #next(RawFrame)} once, then {@link #emit(FieldSink)} as often as needed
 * (e.g. once for the filter, once for the output), then {@link #displayed()} if it was shown.
 */
public final class PacketEmitter {
    private static final int ETHERTYPE_ARP = 0x0806;
    private static final int PROTO_ICMP = 1;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ICMPV6 = 58;
    private static final int ARP_LENGTH = 28;
    /** Room for the longest IPv4 header, and the IPv6 fixed header. */
    private static final int IP_HEADER_ROOM = 60;

    private final boolean hasInterfaceIds;
    private final FrameClock clock = new FrameClock();
    private final TcpConversations conversations;
    private final Preferences preferences;
    private final MptcpAnalysisEmitter mptcpAnalysis;
    private MptcpPacketAnalysis analysis = MptcpPacketAnalysis.NONE;
    private final TcpEmitter tcpEmitter;
    /** Null when the caller wants no MPTCP analysis field: the walk then skips the tracker's work. */
    private final MptcpTracker tracker;
    /** MPTCP signals per connection, which TCP's duplicate ACK rule looks at (with the tracker only). */
    private RawFrame frame;
    private DecodedPacket packet;
    private IpHeader cutIp;
    private RawFrame cutIpFrame;
    private TcpSegment segment;

    /**
     * @param hasInterfaceIds true for pcapng captures, whose frames carry an interface id
     */
    public PacketEmitter(boolean hasInterfaceIds) {
        this(hasInterfaceIds, true);
    }

    /**
     * @param mptcpAnalysis whether to track MPTCP connections for the mptcp.* analysis fields
     *                      ({@link MptcpAnalysisFields}); without it those fields are never emitted
     */
    public PacketEmitter(boolean hasInterfaceIds, boolean mptcpAnalysis) {
        this(hasInterfaceIds, new TcpConversations(true), mptcpAnalysis ? MptcpTracking.FULL : MptcpTracking.NONE,
                Preferences.DEFAULT);
    }

    /**
     * @param tcpAnalysis whether to follow TCP conversations (tcp.stream, relative sequence numbers,
     *                    retransmissions: every tcp.*, data.* and _ws.expert field and the summary
     *                    line need it). Without it only sinks that want none of those groups, nor the
     *                    MPTCP analysis, may be given to {@link #emit}: the common
     *                    {@code -e tcp.options.mptcp.*} case, which then skips that work.
     */
    public PacketEmitter(boolean hasInterfaceIds, boolean mptcpAnalysis, boolean tcpAnalysis) {
        this(hasInterfaceIds, mptcpAnalysis, tcpAnalysis, Preferences.DEFAULT);
    }

    /** @param preferences what packets show (tshark's -o and -n; see {@link Preferences}) */
    public PacketEmitter(boolean hasInterfaceIds, boolean mptcpAnalysis, boolean tcpAnalysis, Preferences preferences) {
        this(hasInterfaceIds, mptcpAnalysis ? MptcpTracking.FULL : MptcpTracking.NONE, tcpAnalysis, tcpAnalysis,
                preferences);
    }

    /** How much of the MPTCP connection tracker a walk runs. */
    public enum MptcpTracking {
        /** None: no mptcp.analysis.* field, and TCP's duplicate-ACK rule does not see MPTCP signals. */
        NONE,
        /**
         * Connections, subflows and their address signals only ({@link MptcpTracker#withoutPayload()}):
         * for TCP's duplicate-ACK rule (summary lines, tcp.analysis.*), not for mptcp.analysis.* fields.
         */
        SIGNALS,
        /** Everything: the mptcp.analysis.* fields and the tracker's reports. */
        FULL
    }

    /**
     * @param mptcp       how much of the MPTCP tracker runs ({@link MptcpTracking})
     * @param seqAckItems whether the TCP analysis includes the "[SEQ/ACK analysis]" subtree (every
     *                    field of {@link TcpFields#analysisWanted}, and the tree's experts): it keeps
     *                    each side's unacknowledged segments. Without it only sinks that want none of
     *                    those fields nor the tree's text may be given to {@link #emit}; the summary
     *                    line, the tcp.stream/seq/ack fields and the MPTCP analysis need it not.
     */
    public PacketEmitter(boolean hasInterfaceIds, MptcpTracking mptcp, boolean tcpAnalysis, boolean seqAckItems,
                         Preferences preferences) {
        this(hasInterfaceIds, tcpAnalysis ? new TcpConversations(seqAckItems) : null, mptcp, preferences);
        if (mptcp != MptcpTracking.NONE && !tcpAnalysis || seqAckItems && !tcpAnalysis) {
            throw new IllegalArgumentException("the MPTCP analysis and the SEQ/ACK items need the TCP analysis");
        }
    }

    /** Whether a sink wanting these groups needs the TCP conversations followed (see the constructor). */
    public static boolean needsTcpAnalysis(java.util.function.IntPredicate wantsGroup) {
        return wantsGroup.test(TcpFields.GROUP.index()) || wantsGroup.test(DataFields.GROUP.index())
                || wantsGroup.test(ExpertFields.GROUP.index()) || wantsGroup.test(MptcpAnalysisFields.GROUP.index());
    }

    private PacketEmitter(boolean hasInterfaceIds, TcpConversations conversations, MptcpTracking mptcp,
                          Preferences preferences) {
        this.hasInterfaceIds = hasInterfaceIds;
        this.conversations = conversations;
        this.preferences = preferences;
        this.mptcpAnalysis = new MptcpAnalysisEmitter(preferences);
        this.tcpEmitter = new TcpEmitter(new MptcpEmitter(this.mptcpAnalysis), preferences.relativeSequenceNumbers());
        // The data-level bytes are not kept: read only shows where they sit.
        this.tracker = switch (mptcp) {
            case NONE -> null;
            case SIGNALS -> MptcpTracker.withoutPayload();
            case FULL -> new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD);
        };
        if (tracker != null) {
            conversations.mptcpOperations(tracker::addressSignals);
        }
    }

    /** Moves to the next frame of the capture: decodes it and updates the conversations. */
    public void next(RawFrame frame) {
        this.frame = frame;
        clock.advance(frame);
        packet = PacketDecoder.decode(frame);
        segment = conversations == null ? null : conversations.track(packet);
        if (tracker != null) {
            analysis = mptcpAnalysis.set(tracker, tracker.analyze(packet, segment), segment, frame.number());
        }
    }

    /**
     * Makes this walk the second pass of a two-pass analysis (tshark -2): packets then show what
     * {@code firstPass} learnt from the frames after them (see {@link FirstPass}).
     */
    public void secondPass(FirstPass firstPass) {
        mptcpAnalysis.secondPass(firstPass);
        tcpEmitter.secondPass(firstPass);
    }

    public RawFrame frame() {
        return frame;
    }

    /**
     * The MPTCP connection tracker fed with every frame so far, for reports on the connections
     * (e.g. live's summary), or null when this emitter was made without MPTCP analysis; with
     * {@link MptcpTracking#SIGNALS} one that placed no payload ({@link MptcpTracker#withoutPayload()}).
     */
    public MptcpTracker mptcpTracker() {
        return tracker;
    }

    /**
     * The MPTCP tracker's result for the current frame ({@link MptcpPacketAnalysis#NONE} when this
     * emitter was made without MPTCP analysis).
     */
    public MptcpPacketAnalysis mptcpPacketAnalysis() {
        return analysis;
    }

    /** The current frame, decoded. */
    public DecodedPacket packet() {
        return packet;
    }

    /** The current TCP segment's place in its conversation, or null without TCP. */
    public TcpSegment segment() {
        return segment;
    }

    /** Records that the current frame passed the display filter (frame.time_delta_displayed). */
    public void displayed() {
        clock.displayed();
    }

    /**
     * Records that the current frame did not pass the read filter (tshark -2 -R): the trackers saw
     * it, but the next frame's frame.time_delta is not from it.
     */
    public void readFilteredOut() {
        clock.dropped();
    }

    /** The capture time of the pass's first frame, in nanoseconds since the Unix epoch. */
    public long firstTimestamp() {
        return clock.first();
    }

    /** Nanoseconds since the first frame. */
    public long relativeTime() {
        return clock.relative();
    }

    /** Emits the current frame's tree. */
    public void emit(FieldSink sink) {
        byte[] data = frame.data();
        if (sink.wantsGroup(FrameFields.GROUP.index())) {
            String protocols = sink.wantsText() || sink.wants(FrameFields.PROTOCOLS) ? protocols() : null;
            FrameEmitter.emit(sink, frame, clock, protocols, hasInterfaceIds);
        }
        LinkHeader link = packet.link();
        if (sink.wantsGroup(LinkFields.GROUP.index())) {
            if (link != null) {
                LinkEmitter.emit(sink, data, link, preferences.resolveMacNames());
            } else if (frame.linkType() == LinkType.RAW) {
                LinkEmitter.raw(sink, data.length);
            }
            for (VlanTag tag : packet.vlanTags()) {
                LinkEmitter.vlan(sink, tag);
            }
        }
        IpHeader ip = packet.ip();
        switch (ip) {
            case Ipv4Header v4 -> {
                if (sink.wantsGroup(IpFields.GROUP.index())) {
                    IpEmitter.ipv4(sink, data, v4);
                }
            }
            case Ipv6Header v6 -> {
                if (sink.wantsGroup(Ipv6Fields.GROUP.index()) || sink.wantsGroup(IpFields.GROUP.index())) {
                    IpEmitter.ipv6(sink, data, v6);
                }
            }
            case null -> {
                if (linkEtherType() == ETHERTYPE_ARP) {
                    int at = linkEnd();
                    bare(sink, DataFields.ARP, at, data.length);
                    if (at + ARP_LENGTH > data.length) {
                        ExpertFields.shortFrame(sink, "ARP/RARP");
                    } else if (sink.wantsText()) {
                        sink.label(DataFields.ARP.name() + arpOperation(data, at));
                    }
                } else if (cutIp() != null) {
                    // The snaplen cut the IP header: the fields that fit, as tshark shows them.
                    IpHeader cut = cutIp();
                    FieldSink limited = new LimitSink(sink, data.length, false);
                    byte[] padded = Arrays.copyOf(data, cut.offset() + IP_HEADER_ROOM);
                    switch (cut) {
                        case Ipv4Header v4 -> IpEmitter.ipv4(limited, padded, v4);
                        case Ipv6Header v6 -> IpEmitter.ipv6(limited, padded, v6);
                    }
                    ExpertFields.shortFrame(sink, cut instanceof Ipv4Header ? "IPv4" : "IPv6");
                }
                return;
            }
        }
        TcpHeader tcp = packet.tcp();
        if (tcp != null) {
            if (!sink.wantsGroup(TcpFields.GROUP.index()) && !sink.wantsGroup(MptcpFields.GROUP.index())
                    && !sink.wantsGroup(MptcpAnalysisFields.GROUP.index())
                    && !sink.wantsGroup(DataFields.GROUP.index()) && !sink.wantsGroup(ExpertFields.GROUP.index())) {
                return;
            }
            TcpEmitter.Outcome outcome = tcpEmitter.emit(sink, data, tcp, segment, packet.flags());
            if (outcome == TcpEmitter.Outcome.MALFORMED) {
                ExpertFields.malformed(sink, "MPTCP");
            } else if (outcome == TcpEmitter.Outcome.CUT) {
                ExpertFields.shortFrame(sink, "TCP");
            } else if (outcome == TcpEmitter.Outcome.CUT_MPTCP) {
                ExpertFields.shortFrame(sink, "MPTCP");
            } else if (sink.wantsGroup(DataFields.GROUP.index()) && hasData(tcp)) {
                int p = tcp.payloadOffset();
                int n = tcp.payloadCapturedLength();
                sink.bytes(DataFields.DATA, data, p, p + n);
                if (sink.wantsText()) {
                    sink.label("Data (" + n + " byte" + (n == 1 ? "" : "s") + ")");
                }
                sink.open();
                sink.bytes(DataFields.DATA_DATA, data, p, p + n);
                sink.sint(DataFields.DATA_LEN, n, p, 0); // generated: no bytes of its own, as Wireshark's
                sink.close();
            }
        } else if (truncatedTcp(ip)) {
            TcpEmitter.truncatedHeader(sink, data, ip.upperLayerOffset());
            ExpertFields.shortFrame(sink, "TCP");
        } else if (!ip.isNonFirstFragment()) {
            Field upper = switch (ip.upperLayerProtocol()) {
                case PROTO_UDP -> DataFields.UDP;
                case PROTO_ICMP -> DataFields.ICMP;
                case PROTO_ICMPV6 -> DataFields.ICMPV6;
                default -> null;
            };
            if (upper != null) {
                int at = ip.upperLayerOffset();
                bare(sink, upper, at, data.length);
                if (upper == DataFields.UDP && sink.wantsText() && at + 4 <= data.length) {
                    sink.label(upper.name() + ", Src Port: " + (((data[at] & 0xff) << 8) | (data[at + 1] & 0xff))
                            + ", Dst Port: " + (((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff)));
                }
            }
        }
    }

    /** A TCP header the capture cut before its 20 bytes (the decoder then gives no TCP header). */
    private boolean truncatedTcp(IpHeader ip) {
        return ip.upperLayerProtocol() == 6 && !ip.isNonFirstFragment()
                && packet.has(Problem.TCP_HEADER_TRUNCATED)
                && frame.data().length > ip.upperLayerOffset();
    }

    /**
     * The IP header of a frame whose capture ends inside it, decoded from a zero-padded copy (the
     * padding is never shown: emit through a {@link LimitSink}); null for any other frame.
     */
    private IpHeader cutIp() {
        if (packet.ip() != null || !packet.has(Problem.IP_HEADER_TRUNCATED)) {
            return null;
        }
        if (cutIp == null || cutIpFrame != frame) {
            byte[] padded = Arrays.copyOf(frame.data(), linkEnd() + IP_HEADER_ROOM);
            cutIp = PacketDecoder.decode(new RawFrame(frame.number(), frame.timestampNanos(), frame.interfaceId(),
                    frame.linkType(), padded.length, padded)).ip();
            cutIpFrame = frame;
        }
        return cutIp;
    }

    /** A protocol we name but do not dissect (ARP, UDP, ICMP): just its item. */
    private static void bare(FieldSink sink, Field protocol, int from, int to) {
        sink.protocol(protocol, from, Math.max(0, to - from));
    }

    /** " (request)" or " (reply)" from the ARP opcode, as tshark names the ARP layer. */
    private static String arpOperation(byte[] data, int at) {
        if (at + 8 > data.length) {
            return "";
        }
        int op = ((data[at + 6] & 0xff) << 8) | (data[at + 7] & 0xff);
        return switch (op) {
            case 1 -> " (request)";
            case 2 -> " (reply)";
            default -> "";
        };
    }

    /** Wireshark passes the payload to the "data" dissector unless TCP analysis flagged the segment. */
    private boolean hasData(TcpHeader tcp) {
        return tcp.payloadCapturedLength() > 0 && segment.payloadDissected()
                && !TcpConversations.optionsEndEarly(packet);
    }



    private int linkEtherType() {
        if (!packet.vlanTags().isEmpty()) {
            return packet.vlanTags().get(packet.vlanTags().size() - 1).etherType();
        }
        return switch (packet.link()) {
            case EthernetHeader e -> e.etherType();
            case LinuxSllHeader s -> s.protocol();
            case LinuxSll2Header s -> s.protocol();
            case null, default -> -1;
        };
    }

    private int linkEnd() {
        LinkHeader link = packet.link();
        int end = link == null ? 0 : link.offset() + link.length();
        return end + VlanTag.LENGTH * packet.vlanTags().size();
    }

    /** frame.protocols: the layers found, colon-separated, as Wireshark names them. */
    private String protocols() {
        StringBuilder sb = new StringBuilder(48);
        LinkHeader link = packet.link();
        switch (link) {
            case EthernetHeader e -> sb.append("eth:ethertype");
            case LinuxSllHeader s -> sb.append(s.protocol() >= 0x0600 ? "sll:ethertype" : "sll");
            case LinuxSll2Header s -> sb.append(s.protocol() >= 0x0600 ? "sll:ethertype" : "sll");
            case LoopbackHeader l -> sb.append("null");
            case null -> {
                if (frame.linkType() == LinkType.RAW) {
                    sb.append("raw");
                }
            }
        }
        for (int i = 0; i < packet.vlanTags().size(); i++) {
            sb.append(":vlan:ethertype");
        }
        IpHeader ip = packet.ip();
        if (ip == null) {
            if (linkEtherType() == ETHERTYPE_ARP) {
                sb.append(":arp");
            } else if (cutIp() != null) {
                sb.append(cutIp() instanceof Ipv4Header ? ":ip" : ":ipv6");
            }
            return trimColon(sb);
        }
        sb.append(ip instanceof Ipv4Header ? ":ip" : ":ipv6");
        if (ip instanceof Ipv6Header v6) {
            for (Ipv6ExtensionHeader h : v6.extensionHeaders()) {
                sb.append(switch (h) {
                    case Ipv6ExtensionHeader.Options o -> o.type() == 0 ? ":ipv6.hopopts" : ":ipv6.dstopts";
                    case Ipv6ExtensionHeader.Routing r -> ":ipv6.routing";
                    case Ipv6ExtensionHeader.Fragment f -> ":ipv6.fraghdr";
                    case Ipv6ExtensionHeader.Authentication a -> ":ah";
                });
            }
        }
        TcpHeader tcp = packet.tcp();
        if (tcp == null && truncatedTcp(ip)) {
            sb.append(":tcp");
        } else if (tcp != null) {
            sb.append(":tcp");
            for (TcpOption o : tcp.options()) {
                if (o instanceof TcpOption.Mptcp || o instanceof TcpOption.Truncated t && t.kind() == TcpOption.MPTCP) {
                    sb.append(":mptcp");
                }
                if (TcpEmitter.endsDissection(o)) {
                    break;
                }
            }
            if (hasData(tcp)) {
                sb.append(":data");
            }
        } else if (!ip.isNonFirstFragment()) {
            switch (ip.upperLayerProtocol()) {
                case PROTO_UDP -> sb.append(":udp");
                case PROTO_ICMP -> sb.append(":icmp");
                case PROTO_ICMPV6 -> sb.append(":icmpv6");
                default -> {
                }
            }
        }
        return trimColon(sb);
    }

    private static String trimColon(StringBuilder sb) {
        return sb.length() > 0 && sb.charAt(0) == ':' ? sb.substring(1) : sb.toString();
    }

    /** Fills the packet list columns of the current frame (Source, Destination, Protocol, Info). */
    public void summarize(SummaryColumns columns) {
        columns.clear();
        IpHeader ip = packet.ip();
        switch (ip) {
            case Ipv4Header v4 -> {
                columns.source.append(AddressFormat.ipv4(v4.source()));
                columns.destination.append(AddressFormat.ipv4(v4.destination()));
            }
            case Ipv6Header v6 -> {
                columns.source.append(AddressFormat.ipv6(v6.sourceHigh(), v6.sourceLow()));
                columns.destination.append(AddressFormat.ipv6(v6.destinationHigh(), v6.destinationLow()));
            }
            case null -> linkAddresses(columns);
        }
        TcpHeader tcp = packet.tcp();
        if (tcp != null) {
            boolean mptcp = false;
            for (TcpOption o : tcp.options()) {
                mptcp |= o instanceof TcpOption.Mptcp;
            }
            columns.protocol.append(mptcp ? "MPTCP" : "TCP");
            TcpEmitter.info(columns.info, tcp, segment, preferences.relativeSequenceNumbers(),
                    !TcpConversations.optionsEndEarly(packet));
            return;
        }
        if (ip != null) {
            columns.protocol.append(switch (ip.upperLayerProtocol()) {
                case PROTO_UDP -> "UDP";
                case PROTO_ICMP -> "ICMP";
                case PROTO_ICMPV6 -> "ICMPv6";
                default -> ip instanceof Ipv4Header ? "IPv4" : "IPv6";
            });
            String name = IpFields.PROTOCOLS.name(ip.upperLayerProtocol());
            columns.info.append(name != null ? name : "IP protocol " + ip.upperLayerProtocol());
            return;
        }
        if (linkEtherType() == ETHERTYPE_ARP) {
            columns.protocol.append("ARP");
            arpInfo(columns.info, frame.data(), linkEnd(), preferences.resolveMacNames());
        } else {
            columns.protocol.append(LinkType.name(frame.linkType()));
        }
        for (var flag : packet.flags()) {
            columns.info.append(columns.info.size() > 0 ? "; " : "").append(flag.message());
        }
    }

    /** tshark's Info for Ethernet/IPv4 ARP: "Who has 192.0.2.2? Tell 192.0.2.1" or "192.0.2.2 is at MAC". */
    private static void arpInfo(TextBuffer info, byte[] data, int at, boolean resolve) {
        if (at + 28 > data.length || data[at + 4] != 6 || data[at + 5] != 4) {
            return;
        }
        int op = ((data[at + 6] & 0xff) << 8) | (data[at + 7] & 0xff);
        String senderIp = AddressFormat.ipv4(readInt(data, at + 14));
        String targetIp = AddressFormat.ipv4(readInt(data, at + 24));
        if (op == 1) {
            info.append("Who has ").append(targetIp).append("? Tell ").append(senderIp);
        } else if (op == 2) {
            info.append(senderIp).append(" is at ").append(MacNames.shown(data, at + 8, resolve));
        }
    }

    private static int readInt(byte[] data, int at) {
        return ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
                | (data[at + 3] & 0xff);
    }

    private void linkAddresses(SummaryColumns columns) {
        switch (packet.link()) {
            case EthernetHeader e -> {
                boolean resolve = preferences.resolveMacNames();
                columns.source.append(MacNames.shown(frame.data(), e.offset() + 6, resolve));
                columns.destination.append(MacNames.shown(frame.data(), e.offset(), resolve));
            }
            case LinuxSllHeader s -> {
                if (s.addressLength() == 6) {
                    columns.source.append(AddressFormat.mac(s.address()));
                }
            }
            case LinuxSll2Header s -> {
                if (s.addressLength() == 6) {
                    columns.source.append(AddressFormat.mac(s.address()));
                }
            }
            case null, default -> {
            }
        }
    }
}
