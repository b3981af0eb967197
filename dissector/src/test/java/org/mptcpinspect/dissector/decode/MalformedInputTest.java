package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Bad input never throws and never points outside the captured bytes: valid frames of every link
 * type are cut at every length and have bytes flipped at random (fixed seed, so failures repeat).
 */
class MalformedInputTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL,
            LinkType.LOOP, LinkType.RAW, LinkType.IPV4, LinkType.IPV6};

    private static List<RawFrame> seeds() {
        byte[] dss = tcp(dssOptions(), new byte[40]);
        byte[] syn = tcp(51000, 80, 1, 0, TcpHeader.SYN, synOptions(), new byte[0]);
        byte[] v6ext = ipv6(IpProtocol.HOP_BY_HOP, cat(hex("2c00 0104 00000000"), hex("3300 0001 deadbeef"),
                hex("0602 0000 00000100 00000007 cafebabe"), dss));
        return List.of(
                frame(LinkType.ETHERNET, ethernet(EtherType.VLAN, vlan(1, 0, 10, EtherType.IPV4, ipv4(dss)))),
                frame(LinkType.ETHERNET, ethernet(EtherType.IPV6, v6ext)),
                frame(LinkType.LINUX_SLL, sll(4, EtherType.IPV4, ipv4(IpProtocol.TCP, hex("01010101"), 0, syn))),
                frame(LinkType.LINUX_SLL2, sll2(EtherType.IPV6, 2, 0, ipv6(IpProtocol.TCP, syn))),
                frame(LinkType.NULL, loopback(2, false, ipv4(dss))),
                frame(LinkType.LOOP, loopback(24, true, ipv6(IpProtocol.TCP, dss))),
                frame(LinkType.RAW, ipv4(syn)),
                frame(LinkType.IPV6, v6ext));
    }

    @Test
    void everyCutOfEveryFrame() {
        for (RawFrame seed : seeds()) {
            for (int captured = 0; captured <= seed.data().length; captured++) {
                // cut by the snaplen (wire length kept) and as a genuinely short frame
                check(new RawFrame(1, 0, 0, seed.linkType(), seed.originalLength(), Arrays.copyOf(seed.data(), captured)));
                check(new RawFrame(1, 0, 0, seed.linkType(), captured, Arrays.copyOf(seed.data(), captured)));
            }
        }
    }

    @Test
    void randomByteFlips() {
        SplittableRandom random = new SplittableRandom(8684);
        List<RawFrame> seeds = seeds();
        for (int i = 0; i < 200_000; i++) {
            RawFrame seed = seeds.get(random.nextInt(seeds.size()));
            byte[] data = seed.data().clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            int captured = random.nextInt(4) == 0 ? random.nextInt(data.length + 1) : data.length;
            check(new RawFrame(i, 0, 0, seed.linkType(), data.length, Arrays.copyOf(data, captured)));
        }
    }

    @Test
    void randomBytesOfEveryLinkType() {
        SplittableRandom random = new SplittableRandom(6824);
        for (int i = 0; i < 100_000; i++) {
            byte[] data = new byte[random.nextInt(120)];
            for (int k = 0; k < data.length; k++) {
                data[k] = (byte) random.nextInt(256);
            }
            int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
            // give the random bytes a fair chance of reaching IP and TCP
            if (data.length > 40 && random.nextBoolean()) {
                int ipAt = switch (linkType) {
                    case LinkType.ETHERNET -> 14;
                    case LinkType.LINUX_SLL -> 16;
                    case LinkType.LINUX_SLL2 -> 20;
                    case LinkType.NULL, LinkType.LOOP -> 4;
                    default -> 0;
                };
                if (ipAt + 20 < data.length) {
                    data[ipAt] = (byte) (0x45 + random.nextInt(3) * 0x20 - 0x20 * (random.nextInt(2)));
                    data[ipAt + 9] = IpProtocol.TCP;
                }
            }
            check(new RawFrame(i, 0, 0, linkType, data.length + random.nextInt(3) * random.nextInt(100), data));
        }
    }

    /** The invariants every decoded packet keeps, whatever the input. */
    private static void check(RawFrame frame) {
        DecodedPacket p;
        try {
            p = PacketDecoder.decode(frame);
        } catch (RuntimeException e) {
            fail("decoding threw for link type " + frame.linkType() + " bytes " + hexOf(frame) + " (wire "
                    + frame.originalLength() + ")", e);
            return;
        }
        int captured = frame.data().length;
        assertNotNull(p.flags());
        assertNotNull(p.vlanTags());
        for (DecodeFlag f : p.flags()) {
            assertTrue(f.message() != null && !f.message().isEmpty() && !f.message().contains("\n"), f.toString());
            assertTrue(f.offset() >= 0 && f.length() >= 0 && f.offset() + f.length() <= Math.max(captured,
                    frame.originalLength()), f.toString());
        }
        if (p.link() != null) {
            within(p.link().offset(), p.link().length(), captured, "link header");
        }
        for (VlanTag t : p.vlanTags()) {
            within(t.offset(), t.length(), captured, "VLAN tag");
        }
        if (p.ip() instanceof Ipv6Header v6) {
            within(v6.offset(), Ipv6Header.FIXED_LENGTH, captured, "IPv6 header");
            for (Ipv6ExtensionHeader h : v6.extensionHeaders()) {
                within(h.offset(), h.length(), captured, "IPv6 extension header");
            }
        } else if (p.ip() instanceof Ipv4Header v4) {
            within(v4.offset(), Ipv4Header.MIN_LENGTH, captured, "IPv4 header");
        }
        if (p.tcp() != null) {
            TcpHeader tcp = p.tcp();
            within(tcp.offset(), TcpHeader.MIN_LENGTH, captured, "TCP header");
            for (TcpOption o : tcp.options()) {
                int bytes = o instanceof TcpOption.Truncated t ? t.capturedLength() : o.length();
                within(o.offset(), bytes, captured, "TCP option " + o);
                assertTrue(o.offset() >= tcp.optionsOffset() && o.offset() + o.length() <= tcp.payloadOffset(),
                        "option inside the options area: " + o);
            }
            assertTrue(tcp.payloadCapturedLength() >= 0 && tcp.payloadLength() >= 0, tcp.toString());
            if (tcp.payloadCapturedLength() > 0) {
                within(tcp.payloadOffset(), tcp.payloadCapturedLength(), captured, "TCP payload");
            }
            assertEquals(tcp.payloadTruncated(), p.has(Problem.TCP_PAYLOAD_TRUNCATED), "snaplen cut is flagged");
        }
    }

    private static void within(int offset, int length, int captured, String what) {
        assertTrue(offset >= 0 && length >= 0 && offset + length <= captured,
                what + " at " + offset + "+" + length + " outside the " + captured + " captured bytes");
    }

    private static String hexOf(RawFrame frame) {
        StringBuilder out = new StringBuilder();
        for (byte b : frame.data()) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
