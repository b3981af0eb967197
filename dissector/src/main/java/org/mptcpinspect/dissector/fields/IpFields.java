package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.DisplayBase.HEX;
import static org.mptcpinspect.dissector.fields.FieldType.IPV4;
import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT16;
import static org.mptcpinspect.dissector.fields.FieldType.UINT8;

/** IPv4 fields (ip.*). */
public final class IpFields {
    public static final FieldGroup GROUP = new FieldGroup("ip", 2);

    /** IP protocol numbers (ip.proto, ipv6.nxt): the common part of Wireshark's ipproto_val. */
    public static final ValueNames PROTOCOLS = ValueNames.of(0, "IPv6 Hop-by-Hop Option", 1, "ICMP", 2, "IGMP",
            4, "IPIP", 6, "TCP", 17, "UDP", 41, "IPv6", 43, "Routing Header for IPv6", 44, "Fragment Header for IPv6",
            47, "Generic Routing Encapsulation", 50, "Encap Security Payload", 51, "Authentication Header",
            58, "ICMPv6", 59, "No Next Header for IPv6", 60, "Destination Options for IPv6", 132, "SCTP",
            136, "UDPLite");
    static final ValueNames DSCP = ValueNames.of(0, "Default", 1, "Lower Effort", 8, "Class Selector 1",
            10, "Assured Forwarding 11", 12, "Assured Forwarding 12", 14, "Assured Forwarding 13",
            16, "Class Selector 2", 18, "Assured Forwarding 21", 20, "Assured Forwarding 22",
            22, "Assured Forwarding 23", 24, "Class Selector 3", 26, "Assured Forwarding 31",
            28, "Assured Forwarding 32", 30, "Assured Forwarding 33", 32, "Class Selector 4",
            34, "Assured Forwarding 41", 36, "Assured Forwarding 42", 38, "Assured Forwarding 43",
            40, "Class Selector 5", 44, "Voice Admit", 46, "Expedited Forwarding", 48, "Class Selector 6",
            56, "Class Selector 7");
    static final ValueNames ECN = ValueNames.of(0, "Not ECN-Capable Transport", 1, "ECN-Capable Transport codepoint '01'",
            2, "ECN-Capable Transport codepoint '10'", 3, "Congestion Experienced");
    /** Checksum status (PROTO_CHECKSUM_E_*): we never verify, so always 2. */
    static final ValueNames CHECKSUM_STATUS = ValueNames.of(0, "Bad", 1, "Good", 2, "Unverified", 3, "Not present",
            4, "Illegal");

    public static final Field IP = GROUP.protocol("ip", "Internet Protocol Version 4");
    public static final Field VERSION = GROUP.uint(UINT8, "ip.version", "Version", DEC);
    /** IPv6's registration of ip.version (hidden in its tree): the first byte's high nibble, by ipv6. */
    public static final Field VERSION_IPV6 = GROUP.variant(VERSION, 0xf0, "ipv6");
    public static final Field HDR_LEN = GROUP.uint(UINT8, "ip.hdr_len", "Header Length", DEC);
    public static final Field DSFIELD = GROUP.uint(UINT8, "ip.dsfield", "Differentiated Services Field", HEX);
    public static final Field DSCP_FIELD = GROUP.bits(UINT8, "ip.dsfield.dscp", "Differentiated Services Codepoint",
            DEC, 0xfc, DSCP);
    public static final Field ECN_FIELD = GROUP.bits(UINT8, "ip.dsfield.ecn", "Explicit Congestion Notification", DEC,
            0x03, ECN);
    public static final Field LEN = GROUP.uint(UINT16, "ip.len", "Total Length", DEC);
    public static final Field ID = GROUP.uint(UINT16, "ip.id", "Identification", DisplayBase.HEX_DEC);
    public static final Field FLAGS = GROUP.bits(UINT8, "ip.flags", "Flags", HEX, 0xe0);
    public static final Field FLAGS_RB = GROUP.bool("ip.flags.rb", "Reserved bit", 8, 0x80, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_DF = GROUP.bool("ip.flags.df", "Don't fragment", 8, 0x40, TrueFalse.SET_NOT_SET);
    public static final Field FLAGS_MF = GROUP.bool("ip.flags.mf", "More fragments", 8, 0x20, TrueFalse.SET_NOT_SET);
    public static final Field FRAG_OFFSET = GROUP.bits(UINT16, "ip.frag_offset", "Fragment Offset", DEC, 0x1fff);
    public static final Field TTL = GROUP.uint(UINT8, "ip.ttl", "Time to Live", DEC);
    public static final Field PROTO = GROUP.uint(UINT8, "ip.proto", "Protocol", DEC, PROTOCOLS);
    public static final Field CHECKSUM = GROUP.uint(UINT16, "ip.checksum", "Header Checksum", HEX);
    public static final Field CHECKSUM_STATUS_FIELD = GROUP.add("ip.checksum.status", "Header checksum status", UINT8,
            DisplayBase.NONE, 0, 8, Field.GENERATED, CHECKSUM_STATUS, null);
    public static final Field SRC = GROUP.field(IPV4, "ip.src", "Source Address");
    public static final Field ADDR = GROUP.field(IPV4, "ip.addr", "Source or Destination Address", Field.HIDDEN);
    public static final Field SRC_HOST = GROUP.field(STRING, "ip.src_host", "Source Host", Field.HIDDEN);
    public static final Field HOST = GROUP.field(STRING, "ip.host", "Source or Destination Host", Field.HIDDEN);
    public static final Field DST = GROUP.field(IPV4, "ip.dst", "Destination Address");
    public static final Field DST_HOST = GROUP.field(STRING, "ip.dst_host", "Destination Host", Field.HIDDEN);

    private IpFields() {
    }
}
