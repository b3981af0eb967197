package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.decode.EtherType;
import org.mptcpinspect.dissector.decode.EthernetHeader;
import org.mptcpinspect.dissector.decode.LinkHeader;
import org.mptcpinspect.dissector.decode.LinuxSll2Header;
import org.mptcpinspect.dissector.decode.LinuxSllHeader;
import org.mptcpinspect.dissector.decode.LoopbackHeader;
import org.mptcpinspect.dissector.decode.VlanTag;

/** Emits the link layer: Ethernet II, Linux cooked capture v1/v2, BSD loopback, raw IP, VLAN tags. */
final class LinkEmitter {
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_LOOPBACK = 772;

    private LinkEmitter() {
    }

    /** @param resolve whether MAC addresses show their names (off with tshark's -n) */
    static void emit(FieldSink sink, byte[] frame, LinkHeader link, boolean resolve) {
        switch (link) {
            case EthernetHeader eth -> ethernet(sink, frame, eth, resolve);
            case LinuxSllHeader sll -> sll(sink, frame, sll, resolve);
            case LinuxSll2Header sll2 -> sll2(sink, frame, sll2, resolve);
            case LoopbackHeader loop -> loopback(sink, loop);
        }
    }

    /** "Raw packet data": the protocol item of the RAW link type, which has no fields. */
    static void raw(FieldSink sink, int length) {
        sink.protocol(LinkFields.RAW, 0, length);
    }

    private static void ethernet(FieldSink sink, byte[] frame, EthernetHeader eth, boolean resolve) {
        int o = eth.offset();
        sink.protocol(LinkFields.ETH, o, EthernetHeader.LENGTH);
        if (sink.wantsText()) {
            sink.label("Ethernet II, Src: " + MacNames.labelled(frame, o + 6, resolve) + ", Dst: "
                    + MacNames.labelled(frame, o, resolve));
        }
        sink.open();
        address(sink, frame, o, LinkFields.ETH_DST, LinkFields.ETH_DST_RESOLVED, LinkFields.ETH_DST_OUI,
                LinkFields.ETH_DST_LG, LinkFields.ETH_DST_IG, resolve);
        address(sink, frame, o + 6, LinkFields.ETH_SRC, LinkFields.ETH_SRC_RESOLVED, LinkFields.ETH_SRC_OUI,
                LinkFields.ETH_SRC_LG, LinkFields.ETH_SRC_IG, resolve);
        sink.uint(LinkFields.ETH_TYPE, eth.etherType(), o + 12, 2);
        sink.close();
    }

    /** One MAC address with its subtree, in Wireshark's order (resolved names are the address: no name table). */
    private static void address(FieldSink sink, byte[] frame, int at, Field field, Field resolved, Field oui,
                                Field lg, Field ig, boolean resolve) {
        ether(sink, field, frame, at, resolve);
        sink.open();
        boolean wantsNames = sink.wantsText() || sink.wants(resolved) || sink.wants(LinkFields.ETH_ADDR_RESOLVED);
        String name = wantsNames ? MacNames.shown(frame, at, resolve) : null;
        if (name != null) {
            sink.string(resolved, name, at, 6);
        }
        long ouiValue = ((frame[at] & 0xffL) << 16) | ((frame[at + 1] & 0xff) << 8) | (frame[at + 2] & 0xff);
        sink.uint(oui, ouiValue, at, 3);
        ether(sink, LinkFields.ETH_ADDR, frame, at, resolve);
        if (name != null) {
            sink.string(LinkFields.ETH_ADDR_RESOLVED, name, at, 6);
        }
        sink.uint(LinkFields.ETH_ADDR_OUI, ouiValue, at, 3);
        boolean local = (frame[at] & 0x02) != 0;
        boolean group = (frame[at] & 0x01) != 0;
        sink.bool(lg, local, at, 3);
        sink.bool(LinkFields.ETH_LG, local, at, 3);
        sink.bool(ig, group, at, 3);
        sink.bool(LinkFields.ETH_IG, group, at, 3);
        sink.close();
    }

    /**
     * A MAC address item; without name resolution its label is the address alone (the sinks'
     * default label shows the name too, as tshark does by default).
     */
    private static void ether(FieldSink sink, Field field, byte[] frame, int at, boolean resolve) {
        sink.ether(field, frame, at);
        if (!resolve && sink.wantsText()) {
            sink.label(field.name() + ": " + MacNames.labelled(frame, at, false));
        }
    }

    private static void sll(FieldSink sink, byte[] frame, LinuxSllHeader sll, boolean resolve) {
        int o = sll.offset();
        sink.protocol(LinkFields.SLL, o, LinuxSllHeader.LENGTH);
        if (sink.wantsText()) {
            sink.label("Linux cooked capture v1");
        }
        sink.open();
        sink.uint(LinkFields.SLL_PKTTYPE, sll.packetType(), o, 2);
        sink.uint(LinkFields.SLL_HATYPE, sll.arphrdType(), o + 2, 2);
        sink.uint(LinkFields.SLL_HALEN, sll.addressLength(), o + 4, 2);
        source(sink, frame, o + 6, sll.arphrdType(), sll.addressLength(), resolve);
        protocol(sink, sll.protocol(), o + 14);
        sink.close();
    }

    private static void sll2(FieldSink sink, byte[] frame, LinuxSll2Header sll, boolean resolve) {
        int o = sll.offset();
        sink.protocol(LinkFields.SLL, o, LinuxSll2Header.LENGTH);
        if (sink.wantsText()) {
            sink.label("Linux cooked capture v2");
        }
        sink.open();
        protocol(sink, sll.protocol(), o);
        sink.uint(LinkFields.SLL_IFINDEX, sll.interfaceIndex() & 0xffffffffL, o + 4, 4);
        sink.uint(LinkFields.SLL_HATYPE, sll.arphrdType(), o + 8, 2);
        sink.uint(LinkFields.SLL_PKTTYPE, sll.packetType(), o + 10, 1);
        sink.uint(LinkFields.SLL_HALEN, sll.addressLength(), o + 11, 1);
        source(sink, frame, o + 12, sll.arphrdType(), sll.addressLength(), resolve);
        sink.close();
    }

    /** The 8-byte address field: the address (as a MAC when it is one), then the unused rest. */
    private static void source(FieldSink sink, byte[] frame, int at, int hatype, int halen, boolean resolve) {
        int used = Math.min(halen, 8);
        if (used == 6 && (hatype == ARPHRD_ETHER || hatype == ARPHRD_LOOPBACK)) {
            ether(sink, LinkFields.SLL_SRC_ETH, frame, at, resolve);
        } else if (used > 0) {
            sink.bytes(LinkFields.SLL_SRC_OTHER, frame, at, at + used);
        }
        if (used < 8) {
            sink.bytes(LinkFields.SLL_UNUSED, frame, at + used, at + 8);
        }
    }

    private static void protocol(FieldSink sink, int protocol, int at) {
        sink.uint(protocol >= EtherType.MIN_ETHERTYPE ? LinkFields.SLL_ETYPE : LinkFields.SLL_LTYPE, protocol, at, 2);
    }

    private static void loopback(FieldSink sink, LoopbackHeader loop) {
        sink.protocol(LinkFields.NULL, loop.offset(), LoopbackHeader.LENGTH);
        sink.open();
        sink.uint(LinkFields.NULL_FAMILY, loop.family() & 0xffffffffL, loop.offset(), 4);
        sink.close();
    }

    static void vlan(FieldSink sink, VlanTag tag) {
        int o = tag.offset();
        sink.protocol(LinkFields.VLAN, o, VlanTag.LENGTH);
        if (sink.wantsText()) {
            sink.label("802.1Q Virtual LAN, PRI: " + tag.priority() + ", DEI: " + tag.dei() + ", ID: " + tag.vlanId());
        }
        sink.open();
        sink.uint(LinkFields.VLAN_PRIORITY, tag.priority(), o, 2);
        sink.bool(LinkFields.VLAN_DEI, tag.dei() != 0, o, 2);
        sink.uint(LinkFields.VLAN_ID, tag.vlanId(), o, 2);
        sink.uint(LinkFields.VLAN_ETYPE, tag.etherType(), o + 2, 2);
        sink.close();
    }
}
