package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;

class Ipv4DecodingTest {
    private static final byte[] SEGMENT = tcp(new byte[0], hex("0102030405060708"));

    @Test
    void fixedFields() {
        Ipv4Header ip = decode(LinkType.RAW, ipv4(SEGMENT)).ipv4();
        assertEquals(new Ipv4Header(0, 20, 0, 48, 0x1234, Ipv4Header.FLAG_DONT_FRAGMENT, 0, 64, 6, 0,
                CLIENT_V4, SERVER_V4, 28), ip);
        assertEquals(4, ip.version());
        assertTrue(ip.dontFragment());
        assertFalse(ip.moreFragments());
        assertFalse(ip.isFragment());
        assertEquals(0, ip.optionsLength());
        assertEquals(20, ip.upperLayerOffset());
        assertEquals(IpProtocol.TCP, ip.upperLayerProtocol());
    }

    @Test
    void dsFieldSplitsIntoDscpAndEcn() {
        byte[] bytes = ipv4(SEGMENT);
        bytes[1] = (byte) 0xb9; // DSCP 46 (EF), ECN 1
        Ipv4Header ip = decode(LinkType.RAW, bytes).ipv4();
        assertEquals(0xb9, ip.dsField());
        assertEquals(46, ip.dscp());
        assertEquals(1, ip.ecn());
    }

    @Test
    void optionsAreKeptRawAndSkipped() {
        // Record Route (7) with room for one address, then NOP padding: 8 option bytes.
        byte[] options = hex("07070400000000 01");
        DecodedPacket p = decode(LinkType.RAW, ipv4(IpProtocol.TCP, options, 0, SEGMENT));
        Ipv4Header ip = p.ipv4();
        assertEquals(28, ip.headerLength());
        assertEquals(20, ip.optionsOffset());
        assertEquals(8, ip.optionsLength());
        assertEquals(28, p.tcp().offset());
        assertEquals(8, p.tcp().payloadLength());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void firstFragmentDecodesWhatItHolds() {
        DecodedPacket p = decode(LinkType.RAW, ipv4(IpProtocol.TCP, new byte[0], 0x2000, SEGMENT));
        assertTrue(p.ipv4().isFragment());
        assertTrue(p.ipv4().moreFragments());
        assertFalse(p.ipv4().isNonFirstFragment());
        assertNotNull(p.tcp());
        assertEquals(8, p.tcp().payloadLength());
        assertEquals(List.of(Problem.IP_FRAGMENT), problems(p));
        assertEquals(Severity.NOTE, p.worstSeverity());
    }

    @Test
    void laterFragmentCarriesNoTcp() {
        // Offset 185 * 8 = 1480 bytes, last fragment; its first bytes would look like a TCP header.
        DecodedPacket p = decode(LinkType.RAW, ipv4(IpProtocol.TCP, new byte[0], 185, SEGMENT));
        assertEquals(1480, p.ipv4().fragmentOffsetBytes());
        assertTrue(p.ipv4().isNonFirstFragment());
        assertNull(p.tcp());
        assertEquals("IPv4 fragment at offset 1480: carries no transport header (not reassembled)",
                p.flags().get(0).message());
    }

    @Test
    void headerLengthBelowTwenty() {
        byte[] bytes = ipv4(SEGMENT);
        bytes[0] = 0x44;
        DecodedPacket p = decode(LinkType.RAW, bytes);
        assertEquals(16, p.ipv4().headerLength());
        assertEquals(0, p.ipv4().optionsLength());
        assertNull(p.tcp());
        assertEquals(List.of(Problem.IP_BAD_HEADER_LENGTH), problems(p));
    }

    @Test
    void totalLengthBelowHeaderLength() {
        byte[] bytes = ipv4(SEGMENT);
        bytes[2] = 0;
        bytes[3] = 19;
        DecodedPacket p = decode(LinkType.RAW, bytes);
        assertNotNull(p.ip());
        assertNull(p.tcp());
        assertEquals(List.of(Problem.IP_BAD_TOTAL_LENGTH), problems(p));
    }

    @Test
    void totalLengthBeyondTheFrameIsClamped() {
        byte[] bytes = ipv4(SEGMENT);
        bytes[3] += 10;
        DecodedPacket p = decode(LinkType.RAW, bytes);
        assertEquals(58, p.ipv4().totalLength());
        assertEquals(28, p.ipv4().upperLayerLength());
        assertEquals(8, p.tcp().payloadLength());
        assertEquals(List.of(Problem.IP_LENGTH_EXCEEDS_FRAME), problems(p));
        assertEquals("IPv4 total length 58 exceeds the 48 bytes left in the frame", p.flags().get(0).message());
    }

    @Test
    void totalLengthZeroMeansTso() {
        byte[] bytes = ipv4(tcp(new byte[0], new byte[3000]));
        bytes[2] = 0;
        bytes[3] = 0;
        DecodedPacket p = decode(LinkType.RAW, bytes);
        assertEquals(3000, p.tcp().payloadLength());
        assertEquals(List.of(Problem.IP_LENGTH_ZERO), problems(p));
    }

    @Test
    void headerCutShort() {
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.RAW, ipv4(SEGMENT), 12));
        assertNull(p.ip());
        assertEquals("IPv4 header cut short: 12 of 20 bytes captured (snaplen)", p.flags().get(0).message());
        // options cut: the fixed part is there, the transport layer is not decoded
        byte[] withOptions = ipv4(IpProtocol.TCP, hex("01010101 01010101"), 0, SEGMENT);
        DecodedPacket cut = PacketDecoder.decode(snapped(LinkType.RAW, withOptions, 24));
        assertEquals(28, cut.ipv4().headerLength());
        assertNull(cut.tcp());
        assertEquals(List.of(Problem.IP_HEADER_TRUNCATED), problems(cut));
    }

    @Test
    void otherProtocolsAreNotTcp() {
        DecodedPacket udp = decode(LinkType.RAW, ipv4(17, new byte[0], 0, new byte[8]));
        assertEquals(17, udp.ip().upperLayerProtocol());
        assertNull(udp.tcp());
        assertTrue(udp.flags().isEmpty());
    }

    static List<Problem> problems(DecodedPacket p) {
        return p.flags().stream().map(DecodeFlag::problem).toList();
    }
}
