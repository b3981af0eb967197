package org.mptcpinspect.dissector.stats;

import java.util.HashMap;
import java.util.Map;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.AddressFormat;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.EthernetHeader;
import org.mptcpinspect.dissector.decode.IpHeader;
import org.mptcpinspect.dissector.decode.Ipv4Header;
import org.mptcpinspect.dissector.decode.Ipv6Header;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.fields.MacNames;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * The address pair a conversation or endpoint table takes from a frame (tshark's tap data of
 * eth, ip, ipv6, tcp, udp), held in plain numbers so that counting allocates nothing per frame.
 * Addresses are two longs: a MAC or IPv4 address in {@code lo}, IPv6 in both.
 */
final class Addresses {
    /** Which table: the protocol whose tap feeds it. */
    enum Kind {
        ETH("Ethernet", false), IP("IPv4", false), IPV6("IPv6", false), TCP("TCP", true), UDP("UDP", true),
        MPTCP("MPTCP", false);

        final String title;
        /** tshark shows "address:port" for TCP, UDP and SCTP tables. */
        final boolean ports;

        Kind(String title, boolean ports) {
            this.title = title;
            this.ports = ports;
        }
    }

    private static final int PROTO_UDP = 17;

    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    /** Whether the addresses are IPv6 ones (TCP and UDP tables hold both families). */
    boolean v6;
    /** tshark's conv_id: tcp.stream for TCP (a reused 4-tuple is another conversation), else -1. */
    long conversation;

    /** Fills this from the frame; false when the frame has nothing for a table of {@code kind}. */
    boolean take(Kind kind, PacketEmitter emitter) {
        DecodedPacket packet = emitter.packet();
        srcHi = 0;
        dstHi = 0;
        srcPort = 0;
        dstPort = 0;
        conversation = -1;
        v6 = kind == Kind.IPV6;
        switch (kind) {
            case ETH -> {
                if (!(packet.link() instanceof EthernetHeader eth)) {
                    return false;
                }
                srcLo = eth.source();
                dstLo = eth.destination();
                return true;
            }
            case IP -> {
                if (!(packet.ip() instanceof Ipv4Header v4)) {
                    return false;
                }
                ipv4(v4);
                return true;
            }
            case IPV6 -> {
                if (!(packet.ip() instanceof Ipv6Header v6)) {
                    return false;
                }
                ipv6(v6);
                return true;
            }
            case TCP -> {
                TcpHeader tcp = packet.tcp();
                TcpSegment segment = emitter.segment();
                if (tcp == null || segment == null) {
                    return false;
                }
                ip(packet.ip());
                srcPort = tcp.sourcePort();
                dstPort = tcp.destinationPort();
                conversation = segment.stream();
                return true;
            }
            case UDP -> {
                IpHeader ip = packet.ip();
                byte[] data = emitter.frame().data();
                if (ip == null || ip.upperLayerProtocol() != PROTO_UDP || ip.isNonFirstFragment()
                        || ip.upperLayerOffset() + 8 > data.length) {
                    return false;
                }
                ip(ip);
                int at = ip.upperLayerOffset();
                srcPort = (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
                dstPort = (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
                return true;
            }
            case MPTCP -> {
                return mptcp(emitter);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** Per MPTCP connection: its initial subflow's client and server address and port. */
    private final Map<Integer, long[]> initialSubflows = new HashMap<>();

    /**
     * tshark 4.0's MPTCP tap: each frame of a connection counts under its sender's "meta flow",
     * whose addresses and ports are the initial subflow's in that direction, whichever subflow
     * carried it; the two directions are two conversations (each with frames one way only).
     * tshark does not count the connection's first SYN, nor connections that fell back to TCP at
     * the handshake.
     */
    private boolean mptcp(PacketEmitter emitter) {
        MptcpPacketAnalysis a = emitter.mptcpPacketAnalysis();
        TcpHeader tcp = emitter.packet().tcp();
        if (!a.isMptcp() || a.fallback() || tcp.syn() && !tcp.ack() && a.initialSubflow()) {
            return false;
        }
        long[] initial = initialSubflows.get(a.connection());
        if (initial == null) {
            IpHeader ip = emitter.packet().ip();
            ip(ip);
            initial = a.fromClient()
                    ? new long[] {srcHi, srcLo, tcp.sourcePort(), dstHi, dstLo, tcp.destinationPort(), v6 ? 1 : 0}
                    : new long[] {dstHi, dstLo, tcp.destinationPort(), srcHi, srcLo, tcp.sourcePort(), v6 ? 1 : 0};
            initialSubflows.put(a.connection(), initial);
        }
        int from = a.fromClient() ? 0 : 3;
        int to = 3 - from;
        srcHi = initial[from];
        srcLo = initial[from + 1];
        srcPort = (int) initial[from + 2];
        dstHi = initial[to];
        dstLo = initial[to + 1];
        dstPort = (int) initial[to + 2];
        v6 = initial[6] == 1;
        conversation = 2L * a.connection() + (a.fromClient() ? 0 : 1);
        return true;
    }

    private void ip(IpHeader ip) {
        switch (ip) {
            case Ipv4Header v4 -> ipv4(v4);
            case Ipv6Header v6 -> ipv6(v6);
        }
    }

    private void ipv4(Ipv4Header v4) {
        srcLo = v4.source() & 0xffffffffL;
        dstLo = v4.destination() & 0xffffffffL;
    }

    private void ipv6(Ipv6Header ip) {
        v6 = true;
        srcHi = ip.sourceHigh();
        srcLo = ip.sourceLow();
        dstHi = ip.destinationHigh();
        dstLo = ip.destinationLow();
    }

    /** An address as tshark's tables show it (with its built-in MAC names, e.g. "Broadcast"). */
    static String show(Kind kind, boolean ipv6, long hi, long lo) {
        return switch (kind) {
            case ETH -> MacNames.resolved(lo);
            case IP -> AddressFormat.ipv4((int) lo);
            case IPV6 -> AddressFormat.ipv6(hi, lo);
            case TCP, UDP, MPTCP -> ipv6 ? AddressFormat.ipv6(hi, lo) : AddressFormat.ipv4((int) lo);
        };
    }
}
