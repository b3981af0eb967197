package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.decode.AddressFormat;
import org.mptcpinspect.dissector.decode.Ipv4Header;
import org.mptcpinspect.dissector.decode.Ipv6ExtensionHeader;
import org.mptcpinspect.dissector.decode.Ipv6Header;

/** Emits the IPv4 and IPv6 headers. */
final class IpEmitter {
    private IpEmitter() {
    }

    static void ipv4(FieldSink sink, byte[] frame, Ipv4Header ip) {
        int o = ip.offset();
        int hl = ip.headerLength();
        sink.protocol(IpFields.IP, o, hl);
        if (sink.wantsText()) {
            sink.label("Internet Protocol Version 4, Src: " + AddressFormat.ipv4(ip.source()) + ", Dst: "
                    + AddressFormat.ipv4(ip.destination()));
        }
        sink.open();
        sink.uint(IpFields.VERSION, 4, o, 1);
        if (sink.wantsText()) {
            sink.label("0100 .... = Version: 4");
        }
        sink.uint(IpFields.HDR_LEN, hl, o, 1);
        if (sink.wantsText()) {
            sink.label(TreeLabels.bitPattern(0x0f, hl / 4, 8) + " = Header Length: " + hl + " bytes (" + hl / 4 + ")");
        }
        sink.uint(IpFields.DSFIELD, ip.dsField(), o + 1, 1);
        if (sink.wantsText()) {
            sink.appendText(" (DSCP: " + dscpName(ip.dscp()) + ", ECN: " + ecnName(ip.ecn()) + ")");
        }
        sink.open();
        sink.uint(IpFields.DSCP_FIELD, ip.dscp(), o + 1, 1);
        sink.uint(IpFields.ECN_FIELD, ip.ecn(), o + 1, 1);
        sink.close();
        sink.uint(IpFields.LEN, ip.totalLength(), o + 2, 2);
        sink.uint(IpFields.ID, ip.identification(), o + 4, 2);
        sink.uint(IpFields.FLAGS, ip.flags(), o + 6, 1);
        if (sink.wantsText()) {
            String names = (ip.flags() & Ipv4Header.FLAG_RESERVED) != 0 ? ", Reserved" : "";
            names += ip.dontFragment() ? ", Don't fragment" : "";
            names += ip.moreFragments() ? ", More fragments" : "";
            sink.appendText(names);
        }
        sink.open();
        sink.bool(IpFields.FLAGS_RB, (ip.flags() & Ipv4Header.FLAG_RESERVED) != 0, o + 6, 1);
        sink.bool(IpFields.FLAGS_DF, ip.dontFragment(), o + 6, 1);
        sink.bool(IpFields.FLAGS_MF, ip.moreFragments(), o + 6, 1);
        sink.close();
        sink.uint(IpFields.FRAG_OFFSET, ip.fragmentOffset(), o + 6, 2);
        sink.uint(IpFields.TTL, ip.ttl(), o + 8, 1);
        sink.uint(IpFields.PROTO, ip.protocol(), o + 9, 1);
        sink.uint(IpFields.CHECKSUM, ip.checksum(), o + 10, 2);
        if (sink.wantsText()) {
            sink.appendText(" [validation disabled]");
        }
        sink.uint(IpFields.CHECKSUM_STATUS_FIELD, 2, o + 10, 0); // at the checksum, as Wireshark's
        address(sink, ip.source(), o + 12, IpFields.SRC, IpFields.SRC_HOST);
        address(sink, ip.destination(), o + 16, IpFields.DST, IpFields.DST_HOST);
        sink.close();
    }

    private static void address(FieldSink sink, int address, int at, Field field, Field hostField) {
        sink.ipv4(field, address, at);
        sink.ipv4(IpFields.ADDR, address, at);
        boolean hosts = sink.wantsText() || sink.wants(hostField) || sink.wants(IpFields.HOST);
        // Without name resolution the host fields hold the address text.
        String host = hosts ? AddressFormat.ipv4(address) : null;
        if (host != null) {
            sink.string(hostField, host, at, 4);
            sink.string(IpFields.HOST, host, at, 4);
        }
    }

    static void ipv6(FieldSink sink, byte[] frame, Ipv6Header ip) {
        int o = ip.offset();
        sink.protocol(Ipv6Fields.IPV6_PROTO, o, length(ip));
        if (sink.wantsText()) {
            sink.label("Internet Protocol Version 6, Src: " + AddressFormat.ipv6(ip.sourceHigh(), ip.sourceLow())
                    + ", Dst: " + AddressFormat.ipv6(ip.destinationHigh(), ip.destinationLow()));
        }
        sink.open();
        sink.uint(Ipv6Fields.VERSION, 6, o, 1);
        if (sink.wantsText()) {
            sink.label("0110 .... = Version: 6");
        }
        sink.uint(IpFields.VERSION_IPV6, 6, o, 1);
        if (sink.wantsText()) {
            sink.appendText(" [This field makes the filter match on \"ip.version == 6\" possible]");
        }
        sink.hide();
        int tc = ip.trafficClass();
        sink.uint(Ipv6Fields.TCLASS, tc, o, 4);
        if (sink.wantsText()) {
            sink.appendText(" (DSCP: " + dscpName(tc >>> 2) + ", ECN: " + ecnName(tc & 3) + ")");
        }
        sink.open();
        sink.uint(Ipv6Fields.TCLASS_DSCP, tc >>> 2, o, 4);
        sink.uint(Ipv6Fields.TCLASS_ECN, tc & 3, o, 4);
        sink.close();
        sink.uint(Ipv6Fields.FLOW, ip.flowLabel(), o + 1, 3);
        sink.uint(Ipv6Fields.PLEN, ip.payloadLength(), o + 4, 2);
        sink.uint(Ipv6Fields.NXT, ip.nextHeader(), o + 6, 1);
        sink.uint(Ipv6Fields.HLIM, ip.hopLimit(), o + 7, 1);
        address6(sink, frame, o + 8, ip.sourceHigh(), ip.sourceLow(), Ipv6Fields.SRC, Ipv6Fields.SRC_HOST);
        address6(sink, frame, o + 24, ip.destinationHigh(), ip.destinationLow(), Ipv6Fields.DST,
                Ipv6Fields.DST_HOST);
        sink.close();
    }

    /**
     * The bytes of the IPv6 item: the fixed header and the extension headers Wireshark shows in
     * the IPv6 tree (all but AH, a protocol of its own, and what follows it).
     */
    private static int length(Ipv6Header ip) {
        int end = ip.offset() + Ipv6Header.FIXED_LENGTH;
        for (Ipv6ExtensionHeader h : ip.extensionHeaders()) {
            if (h instanceof Ipv6ExtensionHeader.Authentication) {
                break;
            }
            end = h.offset() + h.length();
        }
        return end - ip.offset();
    }

    private static void address6(FieldSink sink, byte[] frame, int at, long high, long low, Field field,
                                 Field hostField) {
        sink.ipv6(field, frame, at);
        sink.ipv6(Ipv6Fields.ADDR, frame, at);
        boolean hosts = sink.wantsText() || sink.wants(hostField) || sink.wants(Ipv6Fields.HOST);
        String host = hosts ? AddressFormat.ipv6(high, low) : null;
        if (host != null) {
            sink.string(hostField, host, at, 16);
            sink.string(Ipv6Fields.HOST, host, at, 16);
        }
    }

    /** Wireshark's short DSCP names in the DS field summary. */
    static String dscpName(int dscp) {
        return switch (dscp) {
            case 0 -> "CS0";
            case 1 -> "LE";
            case 8 -> "CS1";
            case 10 -> "AF11";
            case 12 -> "AF12";
            case 14 -> "AF13";
            case 16 -> "CS2";
            case 18 -> "AF21";
            case 20 -> "AF22";
            case 22 -> "AF23";
            case 24 -> "CS3";
            case 26 -> "AF31";
            case 28 -> "AF32";
            case 30 -> "AF33";
            case 32 -> "CS4";
            case 34 -> "AF41";
            case 36 -> "AF42";
            case 38 -> "AF43";
            case 40 -> "CS5";
            case 44 -> "VA";
            case 46 -> "EF";
            case 48 -> "CS6";
            case 56 -> "CS7";
            default -> "Unknown";
        };
    }

    static String ecnName(int ecn) {
        return switch (ecn) {
            case 0 -> "Not-ECT";
            case 1 -> "ECT(1)";
            case 2 -> "ECT(0)";
            default -> "CE";
        };
    }
}
