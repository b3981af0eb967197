package org.mptcpinspect.dissector.stats;

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
        ETH("Ethernet", false), IP("IPv4", false), IPV6("IPv6", false), TCP("TCP", true), UDP("UDP", true);

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
            default -> throw new IllegalStateException(kind.name());
        }
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
            case TCP, UDP -> ipv6 ? AddressFormat.ipv6(hi, lo) : AddressFormat.ipv4((int) lo);
        };
    }
}
