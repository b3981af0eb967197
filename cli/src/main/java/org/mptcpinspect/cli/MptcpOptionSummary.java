package org.mptcpinspect.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.mptcp.MalformedMptcpOption;
import org.mptcpinspect.dissector.mptcp.MpCapable;
import org.mptcpinspect.dissector.mptcp.MptcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/**
 * The capture summary from what single packets show: MPTCP options counted by subtype, and the
 * MPTCP connections whose MP_CAPABLE handshake was seen (RFC 8684 section 3.1), with how far
 * it got. It knows nothing of data sequence numbers or which subflow belongs to which
 * connection: that needs the connection tracker (issue 3), whose summary replaces this one.
 */
final class MptcpOptionSummary implements CaptureSummary {
    /** More connections than this are counted but not listed. */
    private static final int LISTED = 20;
    private static final int SUBTYPES = 16;

    /** An initial subflow: its SYN carried MP_CAPABLE. */
    private static final class Handshake {
        final FlowKey clientToServer;
        final long synFrame;
        final int version;
        boolean synAck;
        boolean thirdAck;

        Handshake(FlowKey clientToServer, long synFrame, int version) {
            this.clientToServer = clientToServer;
            this.synFrame = synFrame;
            this.version = version;
        }
    }

    private final long[] optionsBySubtype = new long[SUBTYPES];
    private final Map<FlowKey, Handshake> handshakes = new LinkedHashMap<>();
    private long tcpPackets;
    private long mptcpPackets;
    private long malformed;
    private long joinSyns;
    private long joinSynAcks;

    @Override
    public void frame(PacketEmitter packets) {
        DecodedPacket packet = packets.packet();
        TcpHeader tcp = packet.tcp();
        if (tcp == null) {
            return;
        }
        tcpPackets++;
        boolean any = false;
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp(int offset, int length, MptcpOption mptcp)) {
                any = true;
                count(packet, tcp, mptcp);
            }
        }
        if (any) {
            mptcpPackets++;
        }
    }

    private void count(DecodedPacket packet, TcpHeader tcp, MptcpOption option) {
        if (option instanceof MalformedMptcpOption) {
            malformed++;
            return;
        }
        int subtype = option.subtype();
        if (subtype >= 0 && subtype < SUBTYPES) {
            optionsBySubtype[subtype]++;
        }
        if (subtype == MptcpSubtype.MP_JOIN && tcp.syn()) {
            if (tcp.ack()) {
                joinSynAcks++;
            } else {
                joinSyns++;
            }
        }
        if (!(option instanceof MpCapable capable)) {
            return;
        }
        FlowKey key = FlowKey.of(packet);
        if (tcp.syn() && !tcp.ack()) {
            // A repeated SYN (retransmission, or port reuse) starts the handshake over.
            handshakes.put(key.canonical(), new Handshake(key, packet.number(), capable.version()));
            return;
        }
        Handshake handshake = handshakes.get(key.canonical());
        if (handshake == null) {
            return;
        }
        boolean fromServer = key.equals(handshake.clientToServer.reversed());
        if (tcp.syn() && fromServer) {
            handshake.synAck = true;
        } else if (!tcp.syn() && !fromServer && capable.hasReceiverKey()) {
            handshake.thirdAck = true;
        }
    }

    @Override
    public void print(PrintStream out) {
        StringBuilder options = new StringBuilder();
        for (int subtype = 0; subtype < SUBTYPES; subtype++) {
            if (optionsBySubtype[subtype] > 0) {
                options.append(options.isEmpty() ? "" : ", ").append(MptcpSubtype.name(subtype)).append(' ')
                        .append(optionsBySubtype[subtype]);
            }
        }
        if (malformed > 0) {
            options.append(options.isEmpty() ? "" : ", ").append("malformed ").append(malformed);
        }
        out.println("MPTCP: " + mptcpPackets + " of " + tcpPackets + " TCP packets carry MPTCP options"
                + (options.isEmpty() ? "" : " (" + options + ")"));
        long established = handshakes.values().stream().filter(h -> h.synAck && h.thirdAck).count();
        out.println("MPTCP connections: " + handshakes.size() + " MP_CAPABLE SYN seen, " + established
                + " with the whole handshake (SYN, SYN/ACK, ACK); MP_JOIN: " + joinSyns + " SYN, "
                + joinSynAcks + " SYN/ACK");
        int listed = 0;
        for (Handshake h : handshakes.values()) {
            if (listed++ == LISTED) {
                out.println("  ... and " + (handshakes.size() - LISTED) + " more");
                break;
            }
            out.println("  " + h.clientToServer + "  v" + h.version + "  from frame " + h.synFrame + ": "
                    + (h.synAck ? (h.thirdAck ? "established" : "SYN/ACK seen, no third ACK") : "no MP_CAPABLE SYN/ACK"));
        }
    }
}
