package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/**
 * tshark is the oracle for decoded values: hand-built frames of every link type and every odd case
 * go into pcap files, and for each frame the decoder's records must give exactly the values tshark
 * prints for the same Wireshark fields. (This is a check of the decoder, not the product's field
 * mapper: the little rendering below only turns record values into tshark's notation.)
 *
 * <p>tshark runs with IP reassembly off (the decoder does not reassemble), absolute sequence
 * numbers, and ipv6.tso_support on (the decoder, like Wireshark's IPv4 default, takes an IP length
 * of 0 to mean "the frame's length").
 */
class TsharkOracleTest {

    private record Case(String name, int linkType, byte[] bytes, int captured) {
        RawFrame frame(long number) {
            return new RawFrame(number, number * 1000, 0, linkType, bytes.length, Arrays.copyOf(bytes, captured));
        }
    }

    /** One compared field: its name and how the decoder's records render it in tshark's notation. */
    private record Field(String name, Function<DecodedPacket, String> render) {
    }

    private static final byte[] SYN_OPTIONS = hex("020405b4 0402 080a 00001111 00000000 01 030307 1e0c0101 0102030405060708");
    private static final byte[] DSS_OPTIONS = dssOptions();

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        byte[] syn = tcp(51000, 80, 0x01020304L, 0, TcpHeader.SYN, SYN_OPTIONS, new byte[0]);
        byte[] data = tcp(DSS_OPTIONS, new byte[100]);
        byte[] bare = tcp(new byte[0], new byte[0]);
        int eth = LinkType.ETHERNET;
        add(cases, "ethernet ipv4 syn", eth, ethernet(EtherType.IPV4, ipv4(syn)));
        add(cases, "ethernet ipv4 dss", eth, ethernet(EtherType.IPV4, ipv4(data)));
        add(cases, "ethernet ipv6 dss", eth, ethernet(EtherType.IPV6, ipv6(IpProtocol.TCP, data)));
        add(cases, "ethernet padding", eth, cat(ethernet(EtherType.IPV4, ipv4(bare)), new byte[6]));
        add(cases, "vlan", eth, ethernet(EtherType.VLAN, vlan(5, 1, 100, EtherType.IPV4, ipv4(data))));
        add(cases, "qinq ipv6", eth, ethernet(EtherType.SERVICE_VLAN,
                vlan(0, 0, 4000, EtherType.VLAN, vlan(3, 0, 7, EtherType.IPV6, ipv6(IpProtocol.TCP, syn)))));
        add(cases, "arp", eth, ethernet(0x0806, new byte[28]));
        add(cases, "ipv4 options", eth, ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, hex("07070400000000 01"), 0, data)));
        add(cases, "ipv4 dscp ecn", eth, ethernet(EtherType.IPV4, with(ipv4(data), 1, 0xb9)));
        add(cases, "ipv4 first fragment", eth, ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, new byte[0], 0x2000, data)));
        add(cases, "ipv4 last fragment", eth, ethernet(EtherType.IPV4, ipv4(IpProtocol.TCP, new byte[0], 185, data)));
        add(cases, "ipv4 total length 0 (TSO)", eth, ethernet(EtherType.IPV4, with(with(ipv4(data), 2, 0), 3, 0)));
        add(cases, "ipv4 total length past frame", eth, ethernet(EtherType.IPV4, with(ipv4(data), 2, 0x10)));
        add(cases, "ipv4 udp", eth, ethernet(EtherType.IPV4, ipv4(17, new byte[0], 0, new byte[8])));
        byte[] extensions = cat(hex("2b00 0104 00000000"), hex("3c02 0401 00000000 20010db8000000000000000000000003"),
                hex("2c01 010c 000000000000000000000000"), hex("3300 0001 deadbeef"),
                hex("0602 0000 00000100 00000007 cafebabe"), data);
        add(cases, "ipv6 extension headers", eth, ethernet(EtherType.IPV6, ipv6(IpProtocol.HOP_BY_HOP, extensions)));
        add(cases, "ipv6 later fragment", eth, ethernet(EtherType.IPV6,
                ipv6(IpProtocol.FRAGMENT, cat(hex("0600 05a8 00000042"), data))));
        add(cases, "ipv6 esp", eth, ethernet(EtherType.IPV6, ipv6(IpProtocol.ESP, cat(hex("00000100 00000001"), data))));
        add(cases, "ipv6 payload length 0", eth, ethernet(EtherType.IPV6, ipv6(IpProtocol.TCP, 0, data)));
        add(cases, "md5 ao", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("1312 00112233445566778899aabbccddeeff 0101"
                + "1d10 0507 000102030405060708090a0b 0101 0101"), new byte[0]))));
        add(cases, "unknown kinds", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("2206 c0ffee00 fe04 f989 aa02 0000 0000"),
                new byte[0]))));
        add(cases, "sack", eth, ethernet(EtherType.IPV4, ipv4(tcp(
                hex("0101 050a 00000100 00000200 0101 0512 00000300 00000400 fffffff0 00000010"), new byte[0]))));
        add(cases, "sack partial block", eth, ethernet(EtherType.IPV4, ipv4(tcp(
                hex("050e 00000100 00000200 00000300 0000"), new byte[0]))));
        add(cases, "eol zero padding", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("0204 05b4 00 000000"), new byte[0]))));
        add(cases, "eol non-zero padding", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("0204 05b4 00 00 1e00"), new byte[0]))));
        add(cases, "bad fixed lengths", eth, ethernet(EtherType.IPV4, ipv4(tcp(
                hex("0203 05 0101 03030e 01010101 01 0805000000 00 00"), new byte[0]))));
        add(cases, "more bad fixed lengths", eth, ethernet(EtherType.IPV4, ipv4(tcp(
                hex("0403 00 1303 00 1d03 00 00000000 000000"), new byte[0]))));
        add(cases, "window scale 16", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("030310 00"), new byte[0]))));
        add(cases, "option length 1", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("0101 0801 0000 0000 0000 0000"),
                new byte[0]))));
        add(cases, "option past end", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("0101 1e20 2005 00000000 0000"),
                new byte[4]))));
        add(cases, "length byte past end", eth, ethernet(EtherType.IPV4, ipv4(tcp(hex("010101 02"), new byte[0]))));
        add(cases, "all flags", eth, ethernet(EtherType.IPV4, ipv4(tcp(1, 2, 0xfffffff0L, 0x80000001L, 0xfff,
                new byte[0], new byte[0]))));
        add(cases, "data offset 16", eth, ethernet(EtherType.IPV4, ipv4(with(tcp(new byte[0], new byte[8]), 12, 0x40))));
        byte[] bigData = ethernet(EtherType.IPV4, ipv4(tcp(DSS_OPTIONS, new byte[1000])));
        cases.add(new Case("snaplen in payload", eth, bigData, 128));
        cases.add(new Case("snaplen in dss", eth, bigData, 34 + 20 + 16));
        cases.add(new Case("snaplen after dss kind", eth, bigData, 34 + 20 + 13));

        int sll = LinkType.LINUX_SLL;
        add(cases, "sll ipv4", sll, sll(4, EtherType.IPV4, ipv4(data)));
        add(cases, "sll ipv6", sll, sll(0, EtherType.IPV6, ipv6(IpProtocol.TCP, syn)));
        int sll2 = LinkType.LINUX_SLL2;
        add(cases, "sll2 ipv4", sll2, sll2(EtherType.IPV4, 3, 4, ipv4(syn)));
        add(cases, "sll2 ipv6", sll2, sll2(EtherType.IPV6, 1, 0, ipv6(IpProtocol.TCP, data)));
        int loopNull = LinkType.NULL;
        add(cases, "null ipv4 little-endian", loopNull, loopback(2, false, ipv4(data)));
        add(cases, "null ipv4 big-endian", loopNull, loopback(2, true, ipv4(syn)));
        add(cases, "null ipv6 24", loopNull, loopback(24, false, ipv6(IpProtocol.TCP, data)));
        add(cases, "null ipv6 28", loopNull, loopback(28, false, ipv6(IpProtocol.TCP, data)));
        add(cases, "null ipv6 30", loopNull, loopback(30, true, ipv6(IpProtocol.TCP, syn)));
        add(cases, "loop ipv4", LinkType.LOOP, loopback(2, true, ipv4(data)));
        add(cases, "loop ipv6", LinkType.LOOP, loopback(24, true, ipv6(IpProtocol.TCP, syn)));
        add(cases, "raw ipv4", LinkType.RAW, ipv4(syn));
        add(cases, "raw ipv6", LinkType.RAW, ipv6(IpProtocol.TCP, data));
        add(cases, "ipv4 link type", LinkType.IPV4, ipv4(data));
        add(cases, "ipv6 link type", LinkType.IPV6, ipv6(IpProtocol.TCP, syn));
        return cases;
    }

    private static final List<Field> FIELDS = List.of(
            new Field("eth.dst", p -> p.link() instanceof EthernetHeader e ? AddressFormat.mac(e.destination()) : ""),
            new Field("eth.src", p -> p.link() instanceof EthernetHeader e ? AddressFormat.mac(e.source()) : ""),
            new Field("eth.type", p -> p.link() instanceof EthernetHeader e && e.etherType() >= EtherType.MIN_ETHERTYPE
                    ? hex4(e.etherType()) : ""),
            // Wireshark dissects 0x8100 and 0x9100 tags as "vlan", 0x88a8 tags as "ieee8021ad" (type: ieee8021ah.etype)
            new Field("vlan.priority", p -> tags(p, false, t -> String.valueOf(t.priority()))),
            new Field("vlan.dei", p -> tags(p, false, t -> String.valueOf(t.dei()))),
            new Field("vlan.id", p -> tags(p, false, t -> String.valueOf(t.vlanId()))),
            new Field("vlan.etype", p -> tags(p, false, t -> hex4(t.etherType()))),
            new Field("ieee8021ad.priority", p -> tags(p, true, t -> String.valueOf(t.priority()))),
            new Field("ieee8021ad.dei", p -> tags(p, true, t -> String.valueOf(t.dei()))),
            new Field("ieee8021ad.id", p -> tags(p, true, t -> String.valueOf(t.vlanId()))),
            new Field("ieee8021ah.etype", p -> tags(p, true, t -> hex4(t.etherType()))),
            new Field("sll.pkttype", p -> switch (p.link()) {
                case LinuxSllHeader s -> String.valueOf(s.packetType());
                case LinuxSll2Header s -> String.valueOf(s.packetType());
                case null, default -> "";
            }),
            new Field("sll.hatype", p -> switch (p.link()) {
                case LinuxSllHeader s -> String.valueOf(s.arphrdType());
                case LinuxSll2Header s -> String.valueOf(s.arphrdType());
                case null, default -> "";
            }),
            new Field("sll.halen", p -> switch (p.link()) {
                case LinuxSllHeader s -> String.valueOf(s.addressLength());
                case LinuxSll2Header s -> String.valueOf(s.addressLength());
                case null, default -> "";
            }),
            new Field("sll.src.eth", p -> switch (p.link()) {
                case LinuxSllHeader s -> AddressFormat.mac(s.address());
                case LinuxSll2Header s -> AddressFormat.mac(s.address());
                case null, default -> "";
            }),
            new Field("sll.etype", p -> switch (p.link()) {
                case LinuxSllHeader s -> hex4(s.protocol());
                case LinuxSll2Header s -> hex4(s.protocol());
                case null, default -> "";
            }),
            new Field("sll.ifindex", p -> p.link() instanceof LinuxSll2Header s ? String.valueOf(s.interfaceIndex()) : ""),
            new Field("null.family", p -> p.link() instanceof LoopbackHeader l ? String.valueOf(l.family()) : ""),
            new Field("ip.version", p -> p.ip() == null ? "" : String.valueOf(p.ip().version())),
            new Field("ip.hdr_len", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().headerLength())),
            new Field("ip.dsfield", p -> p.ipv4() == null ? "" : hex2(p.ipv4().dsField())),
            new Field("ip.dsfield.dscp", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().dscp())),
            new Field("ip.dsfield.ecn", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().ecn())),
            // Wireshark shows the length it used: the frame's under TSO (total length 0)
            new Field("ip.len", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().totalLength() != 0
                    ? p.ipv4().totalLength() : p.ipv4().headerLength() + p.ipv4().upperLayerLength())),
            new Field("ip.id", p -> p.ipv4() == null ? "" : hex4(p.ipv4().identification())),
            new Field("ip.flags", p -> p.ipv4() == null ? "" : hex2(p.ipv4().flags())),
            new Field("ip.flags.mf", p -> p.ipv4() == null ? "" : p.ipv4().moreFragments() ? "1" : "0"),
            new Field("ip.frag_offset", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().fragmentOffset())),
            new Field("ip.ttl", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().ttl())),
            new Field("ip.proto", p -> p.ipv4() == null ? "" : String.valueOf(p.ipv4().protocol())),
            new Field("ip.checksum", p -> p.ipv4() == null ? "" : hex4(p.ipv4().checksum())),
            new Field("ip.src", p -> p.ipv4() == null ? "" : AddressFormat.ipv4(p.ipv4().source())),
            new Field("ip.dst", p -> p.ipv4() == null ? "" : AddressFormat.ipv4(p.ipv4().destination())),
            new Field("ipv6.tclass", p -> p.ipv6() == null ? "" : String.format("0x%08x", p.ipv6().trafficClass())),
            new Field("ipv6.flow", p -> p.ipv6() == null ? "" : String.format("0x%06x", p.ipv6().flowLabel())),
            // with ipv6.tso_support, Wireshark shows the length it used when the field is 0
            new Field("ipv6.plen", p -> p.ipv6() == null ? "" : String.valueOf(p.ipv6().payloadLength() != 0
                    ? p.ipv6().payloadLength()
                    : p.ipv6().upperLayerOffset() - p.ipv6().offset() - 40 + p.ipv6().upperLayerLength())),
            new Field("ipv6.nxt", p -> p.ipv6() == null ? "" : String.valueOf(p.ipv6().nextHeader())),
            new Field("ipv6.hlim", p -> p.ipv6() == null ? "" : String.valueOf(p.ipv6().hopLimit())),
            new Field("ipv6.src", p -> p.ipv6() == null ? "" : AddressFormat.ipv6(p.ipv6().sourceHigh(), p.ipv6().sourceLow())),
            new Field("ipv6.dst", p -> p.ipv6() == null ? ""
                    : AddressFormat.ipv6(p.ipv6().destinationHigh(), p.ipv6().destinationLow())),
            new Field("ipv6.routing.type", p -> extensions(p, Ipv6ExtensionHeader.Routing.class, r -> String.valueOf(r.routingType()))),
            new Field("ipv6.routing.segleft", p -> extensions(p, Ipv6ExtensionHeader.Routing.class, r -> String.valueOf(r.segmentsLeft()))),
            new Field("ipv6.fraghdr.offset", p -> extensions(p, Ipv6ExtensionHeader.Fragment.class, f -> String.valueOf(f.fragmentOffset()))),
            new Field("ipv6.fraghdr.more", p -> extensions(p, Ipv6ExtensionHeader.Fragment.class, f -> f.moreFragments() ? "1" : "0")),
            new Field("ipv6.fraghdr.ident", p -> extensions(p, Ipv6ExtensionHeader.Fragment.class, f -> String.format("0x%08x", f.identification()))),
            new Field("ah.spi", p -> extensions(p, Ipv6ExtensionHeader.Authentication.class, a -> String.format("0x%08x", a.spi()))),
            new Field("ah.sequence", p -> extensions(p, Ipv6ExtensionHeader.Authentication.class, a -> String.valueOf(a.sequenceNumber()))),
            new Field("tcp.srcport", p -> p.tcp() == null ? "" : String.valueOf(p.tcp().sourcePort())),
            new Field("tcp.dstport", p -> p.tcp() == null ? "" : String.valueOf(p.tcp().destinationPort())),
            new Field("tcp.seq_raw", p -> p.tcp() == null ? "" : String.valueOf(p.tcp().sequenceNumber())),
            new Field("tcp.ack_raw", p -> !fullHeader(p) ? "" : String.valueOf(p.tcp().acknowledgmentNumber())),
            new Field("tcp.hdr_len", p -> p.tcp() == null ? "" : String.valueOf(p.tcp().headerLength())),
            new Field("tcp.flags", p -> !fullHeader(p) ? "" : hex4(p.tcp().flags())),
            new Field("tcp.window_size_value", p -> !fullHeader(p) ? "" : String.valueOf(p.tcp().window())),
            new Field("tcp.checksum", p -> !fullHeader(p) ? "" : hex4(p.tcp().checksum())),
            new Field("tcp.urgent_pointer", p -> !fullHeader(p) ? "" : String.valueOf(p.tcp().urgentPointer())),
            new Field("tcp.len", p -> p.tcp() == null || !p.tcp().headerFitsSegment() || p.ip().isFragment() ? ""
                    : String.valueOf(p.tcp().payloadLength())),
            new Field("tcp.option_kind", p -> options(p, TcpOption.class, o -> String.valueOf(o.kind()))),
            new Field("tcp.option_len", p -> options(p, TcpOption.class, o -> switch (o) {
                case TcpOption.EndOfOptionList e -> null;
                case TcpOption.NoOperation n -> null;
                default -> String.valueOf(o.length());
            })),
            new Field("tcp.options.mss_val", p -> options(p, TcpOption.MaximumSegmentSize.class, o -> String.valueOf(o.value()))),
            new Field("tcp.options.wscale.shift", p -> options(p, TcpOption.WindowScale.class, o -> String.valueOf(o.shiftCount()))),
            new Field("tcp.options.wscale.multiplier", p -> options(p, TcpOption.WindowScale.class, o -> String.valueOf(o.multiplier()))),
            // Wireshark also shows the left edge of a trailing half block
            new Field("tcp.options.sack_le", p -> options(p, TcpOption.Sack.class,
                    o -> join(o.blocks(), b -> String.valueOf(b.leftEdge()))
                            + ((o.length() - 2) % 8 >= 4 ? "," + Integer.toUnsignedString(
                            java.nio.ByteBuffer.wrap(p.frame().data()).getInt(o.offset() + 2 + 8 * o.blocks().size())) : ""))),
            new Field("tcp.options.sack_re", p -> options(p, TcpOption.Sack.class,
                    o -> join(o.blocks(), b -> String.valueOf(b.rightEdge())))),
            new Field("tcp.options.sack.count", p -> options(p, TcpOption.Sack.class, o -> String.valueOf(o.blocks().size()))),
            new Field("tcp.options.timestamp.tsval", p -> options(p, TcpOption.Timestamps.class, o -> String.valueOf(o.value()))),
            new Field("tcp.options.timestamp.tsecr", p -> options(p, TcpOption.Timestamps.class, o -> String.valueOf(o.echoReply()))),
            new Field("tcp.options.md5.digest", p -> options(p, TcpOption.Md5Signature.class,
                    o -> hexBytes(p.frame().data(), o.digestOffset(), 16))),
            new Field("tcp.options.ao.keyid", p -> options(p, TcpOption.TcpAuthentication.class, o -> String.valueOf(o.keyId()))),
            new Field("tcp.options.ao.rnextkeyid", p -> options(p, TcpOption.TcpAuthentication.class, o -> String.valueOf(o.rNextKeyId()))),
            new Field("tcp.options.ao.mac", p -> options(p, TcpOption.TcpAuthentication.class,
                    o -> hexBytes(p.frame().data(), o.macOffset(), o.macLength()))),
            // the subtype comes from the MPTCP dissector, or from the frame when the snaplen cut the option
            new Field("tcp.options.mptcp.subtype", p -> options(p, TcpOption.class, o -> switch (o) {
                case TcpOption.Mptcp m -> String.valueOf(m.option().subtype());
                case TcpOption.Truncated t when t.kind() == TcpOption.MPTCP && t.capturedLength() >= 3 ->
                        String.valueOf((p.frame().data()[t.offset() + 2] & 0xff) >> 4);
                default -> null;
            })));

    @Test
    void handBuiltFramesAgreeWithTshark(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed (apt-get install tshark)");
        Map<Integer, List<Case>> byLinkType = new LinkedHashMap<>();
        for (Case c : cases()) {
            byLinkType.computeIfAbsent(c.linkType(), k -> new ArrayList<>()).add(c);
        }
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<Integer, List<Case>> group : byLinkType.entrySet()) {
            Path pcap = dir.resolve("linktype-" + group.getKey() + ".pcap");
            List<RawFrame> frames = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (PcapWriter writer = PcapWriter.create(pcap, group.getKey(), TimestampResolution.MICROSECONDS)) {
                for (Case c : group.getValue()) {
                    RawFrame frame = c.frame(frames.size() + 1);
                    frames.add(frame);
                    names.add(c.name());
                    writer.write(frame);
                }
            }
            compared += compare(pcap, frames, names, mismatches);
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " values differ from tshark:\n"
                + String.join("\n", mismatches));
    }

    /** The lab's captures of the real kernel (testdata/pcaps): every frame, every field. */
    @Test
    void realKernelCapturesAgreeWithTshark() throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed (apt-get install tshark)");
        List<Path> captures = kernelCaptures();
        assumeTrue(!captures.isEmpty(), "no testdata/pcaps captures in this checkout");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        int tcpPackets = 0;
        for (Path capture : captures) {
            List<RawFrame> frames = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                for (RawFrame f = reader.next(); f != null; f = reader.next()) {
                    frames.add(f);
                    names.add(capture.getFileName() + " frame " + f.number());
                    if (PacketDecoder.decode(f).hasTcp()) {
                        tcpPackets++;
                    }
                }
            }
            compared += compare(capture, frames, names, mismatches);
        }
        assertTrue(tcpPackets > 100, "the captures hold TCP: " + tcpPackets);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " values differ from tshark:\n"
                + String.join("\n", mismatches.subList(0, Math.min(50, mismatches.size()))));
    }

    /** Compares every field of every frame with tshark's reading of {@code pcap}; returns how many values. */
    private static int compare(Path pcap, List<RawFrame> frames, List<String> names, List<String> mismatches)
            throws IOException, InterruptedException {
        List<String[]> tshark = tsharkFields(pcap);
        assertEquals(frames.size(), tshark.size(), "tshark printed one line per frame of " + pcap);
        int compared = 0;
        for (int i = 0; i < frames.size(); i++) {
            DecodedPacket packet = PacketDecoder.decode(frames.get(i));
            for (int f = 0; f < FIELDS.size(); f++) {
                String expected = f < tshark.get(i).length ? tshark.get(i)[f] : "";
                String actual = FIELDS.get(f).render().apply(packet);
                compared++;
                if (!expected.equals(actual)) {
                    mismatches.add(names.get(i) + ": " + FIELDS.get(f).name() + " tshark=[" + expected + "] decoder=["
                            + actual + "]");
                }
            }
        }
        return compared;
    }

    private static List<Path> kernelCaptures() throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path pcaps = d.resolve("testdata/pcaps");
            if (Files.isDirectory(pcaps)) {
                try (var files = Files.list(pcaps)) {
                    return files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                            .sorted().toList();
                }
            }
        }
        return List.of();
    }

    private static List<String[]> tsharkFields(Path pcap) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE", "-o", "ipv6.tso_support:TRUE",
                "-o", "tcp.relative_sequence_numbers:FALSE",
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (Field f : FIELDS) {
            command.add("-e");
            command.add(f.name());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(new File("/dev/null")).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "tshark did not finish");
        assertEquals(0, process.exitValue(), "tshark failed on " + pcap);
        List<String[]> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            lines.add(line.split("\t", -1));
        }
        return lines;
    }

    private static void add(List<Case> cases, String name, int linkType, byte[] bytes) {
        cases.add(new Case(name, linkType, bytes, bytes.length));
    }

    private static byte[] with(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String hex2(int v) {
        return String.format("0x%02x", v);
    }

    private static String hex4(int v) {
        return String.format("0x%04x", v);
    }

    private static String hexBytes(byte[] b, int offset, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(String.format("%02x", b[offset + i]));
        }
        return out.toString();
    }

    /** tshark shows nothing past the data offset when it is below 20. */
    private static boolean fullHeader(DecodedPacket p) {
        return p.tcp() != null && p.tcp().headerLength() >= TcpHeader.MIN_LENGTH;
    }

    private static String tags(DecodedPacket p, boolean serviceTags, Function<VlanTag, String> render) {
        return join(p.vlanTags().stream().filter(t -> (t.tpid() == EtherType.SERVICE_VLAN) == serviceTags).toList(),
                render);
    }

    private static <T> String join(List<T> items, Function<T, String> render) {
        StringJoiner out = new StringJoiner(",");
        for (T item : items) {
            out.add(render.apply(item));
        }
        return out.toString();
    }

    private static <T extends TcpOption> String options(DecodedPacket p, Class<T> type, Function<T, String> render) {
        StringJoiner out = new StringJoiner(",");
        if (p.tcp() != null) {
            for (TcpOption o : p.tcp().options()) {
                String value = type.isInstance(o) ? render.apply(type.cast(o)) : null;
                if (value != null && !value.isEmpty()) {
                    out.add(value);
                }
            }
        }
        return out.toString();
    }

    private static <T extends Ipv6ExtensionHeader> String extensions(DecodedPacket p, Class<T> type,
                                                                      Function<T, String> render) {
        StringJoiner out = new StringJoiner(",");
        if (p.ipv6() != null) {
            for (Ipv6ExtensionHeader h : p.ipv6().extensionHeaders()) {
                if (type.isInstance(h)) {
                    out.add(render.apply(type.cast(h)));
                }
            }
        }
        return out.toString();
    }
}
