package org.mptcpinspect.dissector.fields;

import static org.mptcpinspect.dissector.fields.DisplayBase.DEC;
import static org.mptcpinspect.dissector.fields.DisplayBase.HEX;
import static org.mptcpinspect.dissector.fields.FieldType.BYTES;
import static org.mptcpinspect.dissector.fields.FieldType.ETHER;
import static org.mptcpinspect.dissector.fields.FieldType.STRING;
import static org.mptcpinspect.dissector.fields.FieldType.UINT16;
import static org.mptcpinspect.dissector.fields.FieldType.UINT24;
import static org.mptcpinspect.dissector.fields.FieldType.UINT32;

/** Link-layer fields: Ethernet (eth.*), Linux cooked capture (sll.*), BSD loopback (null.*), raw, VLAN. */
public final class LinkFields {
    public static final FieldGroup GROUP = new FieldGroup("link", 1);

    /** EtherType names, as Wireshark's etype_vals (the ones a capture of ours can hold). */
    public static final ValueNames ETHER_TYPES = ValueNames.of(0x0800, "IPv4", 0x0806, "ARP", 0x86dd, "IPv6",
            0x8100, "802.1Q Virtual LAN", 0x88a8, "802.1ad Provider Bridge (Q-in-Q)", 0x9100, "VLAN-tagged frame (Q-in-Q)",
            0x8035, "RARP", 0x88cc, "802.1 Link Layer Discovery Protocol (LLDP)", 0x8847, "MPLS label switched packet",
            0x8863, "PPPoE Discovery", 0x8864, "PPPoE Session");

    private static final TrueFalse LG = new TrueFalse("Locally administered address (this is NOT the factory default)",
            "Globally unique address (factory default)");
    private static final TrueFalse IG = new TrueFalse("Group address (multicast/broadcast)",
            "Individual address (unicast)");

    public static final Field ETH = GROUP.protocol("eth", "Ethernet");
    public static final Field ETH_DST = GROUP.field(ETHER, "eth.dst", "Destination");
    public static final Field ETH_DST_RESOLVED = GROUP.field(STRING, "eth.dst_resolved", "Destination (resolved)",
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_DST_OUI = GROUP.uint(UINT24, "eth.dst.oui", "Destination OUI", DisplayBase.OUI,
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_SRC = GROUP.field(ETHER, "eth.src", "Source");
    public static final Field ETH_SRC_RESOLVED = GROUP.field(STRING, "eth.src_resolved", "Source (resolved)",
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_SRC_OUI = GROUP.uint(UINT24, "eth.src.oui", "Source OUI", DisplayBase.OUI,
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_ADDR = GROUP.field(ETHER, "eth.addr", "Address");
    public static final Field ETH_ADDR_RESOLVED = GROUP.field(STRING, "eth.addr_resolved", "Address (resolved)",
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_ADDR_OUI = GROUP.uint(UINT24, "eth.addr.oui", "Address OUI", DisplayBase.OUI,
            Field.GENERATED | Field.HIDDEN);
    public static final Field ETH_DST_LG = GROUP.bool("eth.dst.lg", "LG bit", 24, 0x20000, LG);
    public static final Field ETH_DST_IG = GROUP.bool("eth.dst.ig", "IG bit", 24, 0x10000, IG);
    public static final Field ETH_SRC_LG = GROUP.bool("eth.src.lg", "LG bit", 24, 0x20000, LG);
    public static final Field ETH_SRC_IG = GROUP.bool("eth.src.ig", "IG bit", 24, 0x10000, IG);
    public static final Field ETH_LG = GROUP.bool("eth.lg", "LG bit", 24, 0x20000, LG, Field.HIDDEN);
    public static final Field ETH_IG = GROUP.bool("eth.ig", "IG bit", 24, 0x10000, IG, Field.HIDDEN);
    public static final Field ETH_TYPE = GROUP.uint(UINT16, "eth.type", "Type", HEX, ETHER_TYPES);

    public static final Field SLL = GROUP.protocol("sll", "Linux cooked capture");
    public static final Field SLL_PKTTYPE = GROUP.uint(UINT16, "sll.pkttype", "Packet type", DEC,
            ValueNames.of(0, "Unicast to us", 1, "Broadcast", 2, "Multicast", 3, "Unicast to another host",
                    4, "Sent by us"));
    public static final Field SLL_HATYPE = GROUP.uint(UINT16, "sll.hatype", "Link-layer address type", DEC,
            ValueNames.of(1, "Ethernet", 24, "IEEE 1394.1995", 512, "PPP", 768, "IPIP tunnel", 772, "Loopback",
                    776, "sit0 device - IPv6-in-IPv4", 778, "GRE over IP", 65534, "zero header length"));
    public static final Field SLL_HALEN = GROUP.uint(UINT16, "sll.halen", "Link-layer address length", DEC);
    public static final Field SLL_SRC_ETH = GROUP.field(ETHER, "sll.src.eth", "Source");
    public static final Field SLL_SRC_OTHER = GROUP.field(BYTES, "sll.src.other", "Source");
    public static final Field SLL_UNUSED = GROUP.field(BYTES, "sll.unused", "Unused");
    public static final Field SLL_LTYPE = GROUP.uint(UINT16, "sll.ltype", "Protocol", HEX,
            ValueNames.of(1, "Novell 802.3", 2, "AX.25", 3, "All", 4, "802.2 LLC", 5, "SNAP", 6, "DDCMP",
                    7, "WAN PPP", 8, "PPP MP", 9, "Localtalk", 12, "CAN 2.0B", 13, "PPP TTY", 14, "CAN",
                    15, "IRDA", 16, "ISDN"));
    public static final Field SLL_ETYPE = GROUP.uint(UINT16, "sll.etype", "Protocol", HEX, ETHER_TYPES);
    public static final Field SLL_IFINDEX = GROUP.uint(UINT32, "sll.ifindex", "Interface index", DEC);

    public static final Field NULL = GROUP.protocol("null", "Null/Loopback");
    public static final Field NULL_FAMILY = GROUP.uint(UINT32, "null.family", "Family", DEC,
            ValueNames.of(2, "IP", 7, "OSI", 16, "Appletalk", 23, "Netware IPX/SPX", 24, "IPv6", 28, "IPv6",
                    30, "IPv6"));

    /** Raw IP: a protocol item without fields. */
    public static final Field RAW = GROUP.protocol("raw", "Raw packet data");

    /** Wireshark's ethertype pseudo-layer: only ever seen in frame.protocols. */
    public static final Field ETHERTYPE = GROUP.protocol("ethertype", "Ethertype");

    public static final Field VLAN = GROUP.protocol("vlan", "802.1Q Virtual LAN");
    public static final Field VLAN_PRIORITY = GROUP.bits(UINT16, "vlan.priority", "Priority", DEC, 0xe000,
            ValueNames.of(0, "Best Effort (default)", 1, "Background", 2, "Spare", 3, "Excellent Effort",
                    4, "Controlled Load", 5, "Video, < 100ms latency and jitter",
                    6, "Voice, < 10ms latency and jitter", 7, "Network Control"));
    public static final Field VLAN_DEI = GROUP.bool("vlan.dei", "DEI", 16, 0x1000, TrueFalse.TRUE_FALSE);
    public static final Field VLAN_ID = GROUP.bits(UINT16, "vlan.id", "ID", DEC, 0x0fff);
    public static final Field VLAN_ETYPE = GROUP.uint(UINT16, "vlan.etype", "Type", HEX, ETHER_TYPES);

    private LinkFields() {
    }
}
