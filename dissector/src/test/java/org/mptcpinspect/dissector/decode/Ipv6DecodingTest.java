package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.decode.Ipv4DecodingTest.problems;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;

class Ipv6DecodingTest {
    private static final byte[] SEGMENT = tcp(new byte[0], hex("01020304"));

    @Test
    void fixedHeader() {
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.TCP, SEGMENT));
        Ipv6Header ip = p.ipv6();
        assertEquals(new Ipv6Header(0, 0x00, 0xabcde, 24, IpProtocol.TCP, 64, DOC_V6_HIGH, 1, DOC_V6_HIGH, 2,
                List.of(), IpProtocol.TCP, 40, 24), ip);
        assertFalse(ip.isFragment());
        assertNull(ip.fragmentHeader());
        assertEquals(4, p.tcp().payloadLength());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void trafficClassAndFlowLabel() {
        byte[] bytes = ipv6(IpProtocol.TCP, SEGMENT);
        bytes[0] = 0x6b; // traffic class 0xb8 (EF)
        bytes[1] = (byte) 0x8f;
        bytes[2] = (byte) 0xff;
        bytes[3] = (byte) 0xff;
        Ipv6Header ip = decode(LinkType.RAW, bytes).ipv6();
        assertEquals(0xb8, ip.trafficClass());
        assertEquals(0xfffff, ip.flowLabel());
    }

    @Test
    void everyExtensionHeaderIsWalked() {
        // hop-by-hop (8, PadN) -> routing type 4 (24) -> destination options (16) -> fragment (8, first)
        // -> AH (12 + 4 ICV = 16 bytes, length byte 2) -> TCP
        byte[] hopByHop = hex("2b00 0104 00000000");
        byte[] routing = hex("3c02 0401 00000000" + "20010db8000000000000000000000003");
        byte[] destination = hex("2c01 010c" + "000000000000000000000000");
        byte[] fragment = hex("3300 0001 deadbeef");
        byte[] ah = hex("0602 0000 00000100 00000007 cafebabe");
        byte[] payload = cat(hopByHop, routing, destination, fragment, ah, SEGMENT);
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.HOP_BY_HOP, payload));
        Ipv6Header ip = p.ipv6();
        assertEquals(List.of(
                new Ipv6ExtensionHeader.Options(40, 8, 0, 43),
                new Ipv6ExtensionHeader.Routing(48, 24, 60, 4, 1),
                new Ipv6ExtensionHeader.Options(72, 16, 60, 44),
                new Ipv6ExtensionHeader.Fragment(88, 51, 0, true, 0xdeadbeefL),
                new Ipv6ExtensionHeader.Authentication(96, 16, 6, 0x100, 7)), ip.extensionHeaders());
        assertEquals(IpProtocol.TCP, ip.upperLayerProtocol());
        assertEquals(112, ip.upperLayerOffset());
        assertEquals(24, ip.upperLayerLength());
        assertEquals(112, p.tcp().offset());
        assertEquals(4, p.tcp().payloadLength());
        assertTrue(ip.isFragment());
        assertEquals(List.of(Problem.IP_FRAGMENT), problems(p));
    }

    @Test
    void laterFragmentHasNoTcp() {
        byte[] fragment = hex("0600 05a8 00000042"); // offset 181 * 8 = 1448, last fragment
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.FRAGMENT, cat(fragment, SEGMENT)));
        assertEquals(1448, p.ipv6().fragmentOffsetBytes());
        assertTrue(p.ipv6().isNonFirstFragment());
        assertNull(p.tcp());
        assertEquals(List.of(Problem.IP_FRAGMENT), problems(p));
    }

    @Test
    void atomicFragmentIsNotAFragment() {
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.FRAGMENT, cat(hex("0600 0000 00000042"), SEGMENT)));
        assertNotNull(p.ipv6().fragmentHeader());
        assertFalse(p.ipv6().isFragment());
        assertNotNull(p.tcp());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void espAndNoNextHeaderEndTheWalk() {
        DecodedPacket esp = decode(LinkType.RAW, ipv6(IpProtocol.ESP, cat(hex("00000100 00000001"), SEGMENT)));
        assertEquals(IpProtocol.ESP, esp.ip().upperLayerProtocol());
        assertEquals(40, esp.ip().upperLayerOffset());
        assertNull(esp.tcp());
        assertTrue(esp.flags().isEmpty());
        DecodedPacket none = decode(LinkType.RAW, ipv6(IpProtocol.DESTINATION_OPTIONS, hex("3b00 0104 00000000")));
        assertEquals(IpProtocol.NO_NEXT_HEADER, none.ip().upperLayerProtocol());
        assertEquals(48, none.ip().upperLayerOffset());
        assertEquals(0, none.ip().upperLayerLength());
        assertTrue(none.flags().isEmpty());
    }

    @Test
    void extensionHeaderRunningPastThePayload() {
        // destination options claims 16 bytes, the payload holds 8
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.DESTINATION_OPTIONS, hex("0601 0104 00000000")));
        assertNull(p.tcp());
        assertEquals(List.of(Problem.IPV6_BAD_EXTENSION_HEADER_LENGTH), problems(p));
        assertTrue(p.ipv6().extensionHeaders().isEmpty());
        assertEquals(IpProtocol.DESTINATION_OPTIONS, p.ip().upperLayerProtocol());
    }

    @Test
    void extensionHeaderCutBySnaplen() {
        byte[] bytes = ipv6(IpProtocol.ROUTING, cat(hex("0602 0401 00000000" + "20010db8000000000000000000000003"),
                SEGMENT));
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.RAW, bytes, 60));
        assertNull(p.tcp());
        assertEquals(List.of(Problem.IPV6_EXTENSION_HEADER_TRUNCATED), problems(p));
        assertEquals("IPv6 extension header 43 cut short: 20 of 24 bytes captured (snaplen)",
                p.flags().get(0).message());
    }

    @Test
    void fixedHeaderCutShort() {
        DecodedPacket p = decode(LinkType.RAW, new byte[] {0x60, 0, 0, 0});
        assertNull(p.ip());
        assertEquals(List.of(Problem.IP_HEADER_TRUNCATED), problems(p));
    }

    @Test
    void payloadLengthBeyondFrame() {
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.TCP, 100, SEGMENT));
        assertEquals(4, p.tcp().payloadLength());
        assertEquals(List.of(Problem.IP_LENGTH_EXCEEDS_FRAME), problems(p));
    }

    @Test
    void zeroPayloadLengthWithoutJumboUsesTheFrame() {
        // Linux BIG TCP hands captures IPv6 packets over 64k with payload length 0
        byte[] segment = tcp(new byte[0], new byte[70000]);
        DecodedPacket p = decode(LinkType.RAW, ipv6(IpProtocol.TCP, 0, segment));
        assertEquals(70000, p.tcp().payloadLength());
        assertEquals(List.of(Problem.IP_LENGTH_ZERO), problems(p));
    }

    @Test
    void jumboPayloadOption() {
        byte[] segment = tcp(new byte[0], new byte[70000]);
        byte[] hopByHop = hex("0600 c204 000111f8"); // jumbo payload length 70136 = 8 + 20 + 70000 + 108 extra
        byte[] bytes = cat(ipv6(IpProtocol.HOP_BY_HOP, 0, cat(hopByHop, segment)), new byte[108]);
        DecodedPacket p = decode(LinkType.RAW, bytes);
        assertEquals(70108, p.tcp().payloadLength());
        assertTrue(p.flags().isEmpty());
    }
}
