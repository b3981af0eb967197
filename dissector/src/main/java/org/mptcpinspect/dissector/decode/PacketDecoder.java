package org.mptcpinspect.dissector.decode;

import java.util.ArrayList;
import java.util.List;

import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Decodes a captured frame's link, IP and TCP headers into a {@link DecodedPacket}. Stateless and
 * thread-safe. Never throws on bad input: problems become {@link DecodeFlag}s and decoding stops at
 * the first malformed layer.
 */
public final class PacketDecoder {
    /** Stands for "no EtherType": the link layer carries something other than IP. */
    private static final int NONE = -1;

    private PacketDecoder() {
    }

    public static DecodedPacket decode(RawFrame frame) {
        byte[] b = frame.data();
        FlagCollector flags = new FlagCollector();
        boolean snaplenCut = frame.originalLength() > b.length;
        LinkHeader link;
        int etherType;
        switch (frame.linkType()) {
            case LinkType.ETHERNET -> {
                if (b.length < EthernetHeader.LENGTH) {
                    return linkTruncated(frame, flags, "Ethernet header", EthernetHeader.LENGTH, snaplenCut);
                }
                EthernetHeader eth = new EthernetHeader(0, Bytes.u48(b, 0), Bytes.u48(b, 6), Bytes.u16(b, 12));
                link = eth;
                etherType = eth.etherType();
            }
            case LinkType.LINUX_SLL -> {
                if (b.length < LinuxSllHeader.LENGTH) {
                    return linkTruncated(frame, flags, "Linux cooked (SLL) header", LinuxSllHeader.LENGTH, snaplenCut);
                }
                int addressLength = Bytes.u16(b, 4);
                LinuxSllHeader sll = new LinuxSllHeader(0, Bytes.u16(b, 0), Bytes.u16(b, 2), addressLength,
                        Bytes.unsigned(b, 6, Math.min(addressLength, 8)), Bytes.u16(b, 14));
                link = sll;
                etherType = sll.protocol();
            }
            case LinkType.LINUX_SLL2 -> {
                if (b.length < LinuxSll2Header.LENGTH) {
                    return linkTruncated(frame, flags, "Linux cooked (SLL2) header", LinuxSll2Header.LENGTH, snaplenCut);
                }
                int addressLength = Bytes.u8(b, 11);
                LinuxSll2Header sll2 = new LinuxSll2Header(0, Bytes.u16(b, 0), Bytes.i32(b, 4), Bytes.u16(b, 8),
                        Bytes.u8(b, 10), addressLength, Bytes.unsigned(b, 12, Math.min(addressLength, 8)));
                link = sll2;
                etherType = sll2.protocol();
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (b.length < LoopbackHeader.LENGTH) {
                    return linkTruncated(frame, flags, "loopback header", LoopbackHeader.LENGTH, snaplenCut);
                }
                LoopbackHeader loop = loopback(b, frame.linkType() == LinkType.LOOP);
                link = loop;
                etherType = loop.isIpv4() ? EtherType.IPV4 : loop.isIpv6() ? EtherType.IPV6 : NONE;
            }
            case LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> {
                // The version nibble decides, as Wireshark does, even for the IPV4/IPV6 link types.
                link = null;
                etherType = EtherType.IPV4;
            }
            default -> {
                flags.add(Problem.UNKNOWN_LINK_TYPE, 0, b.length,
                        "unsupported link type " + LinkType.name(frame.linkType()) + " (" + frame.linkType() + ")");
                return new DecodedPacket(frame, null, List.of(), null, null, flags.toList());
            }
        }

        int offset = link == null ? 0 : link.length();
        List<VlanTag> vlanTags = List.of();
        if (EtherType.isVlanTag(etherType)) {
            ArrayList<VlanTag> tags = new ArrayList<>(2);
            while (EtherType.isVlanTag(etherType)) {
                if (b.length < offset + VlanTag.LENGTH) {
                    flags.truncated(Problem.LINK_HEADER_TRUNCATED, "802.1Q VLAN tag", offset, VlanTag.LENGTH,
                            b.length, snaplenCut);
                    break;
                }
                int tci = Bytes.u16(b, offset);
                VlanTag tag = new VlanTag(offset, etherType, tci >>> 13, tci >>> 12 & 1, tci & 0xfff,
                        Bytes.u16(b, offset + 2));
                tags.add(tag);
                etherType = tag.etherType();
                offset += VlanTag.LENGTH;
            }
            vlanTags = List.copyOf(tags);
        }

        IpHeader ip = null;
        if (!flags.malformed() && (etherType == EtherType.IPV4 || etherType == EtherType.IPV6)) {
            ip = decodeIp(b, offset, Math.max(frame.originalLength(), b.length), snaplenCut, flags);
        }
        TcpHeader tcp = null;
        if (ip != null && !flags.malformed() && ip.upperLayerProtocol() == IpProtocol.TCP && !ip.isNonFirstFragment()) {
            tcp = TcpDecoder.decode(b, ip.upperLayerOffset(), ip.upperLayerOffset() + ip.upperLayerLength(),
                    snaplenCut, flags);
        }
        return new DecodedPacket(frame, link, vlanTags, ip, tcp, flags.toList());
    }

    private static IpHeader decodeIp(byte[] b, int offset, int wireEnd, boolean snaplenCut, FlagCollector flags) {
        if (offset >= b.length) {
            flags.truncated(Problem.IP_HEADER_TRUNCATED, "IP header", offset, Ipv4Header.MIN_LENGTH, b.length,
                    snaplenCut);
            return null;
        }
        int version = (b[offset] & 0xff) >>> 4;
        return switch (version) {
            case 4 -> Ipv4Decoder.decode(b, offset, wireEnd, snaplenCut, flags);
            case 6 -> Ipv6Decoder.decode(b, offset, wireEnd, snaplenCut, flags);
            default -> {
                flags.add(Problem.IP_BAD_VERSION, offset, 1, "bogus IP version " + version + " (must be 4 or 6)");
                yield null;
            }
        };
    }

    /**
     * LOOP stores the family in network order. NULL stores it in the capturing host's order, which
     * the frame does not tell; families are small numbers, so whichever half is non-zero gives the
     * order away (Wireshark's rule too).
     */
    private static LoopbackHeader loopback(byte[] b, boolean networkOrder) {
        int bigEndian = Bytes.i32(b, 0);
        if (networkOrder || (bigEndian & 0xffff0000) == 0) {
            return new LoopbackHeader(0, bigEndian, true);
        }
        return new LoopbackHeader(0, Integer.reverseBytes(bigEndian), false);
    }

    private static DecodedPacket linkTruncated(RawFrame frame, FlagCollector flags, String what, int needed,
                                               boolean snaplenCut) {
        flags.truncated(Problem.LINK_HEADER_TRUNCATED, what, 0, needed, frame.data().length, snaplenCut);
        return new DecodedPacket(frame, null, List.of(), null, null, flags.toList());
    }
}
