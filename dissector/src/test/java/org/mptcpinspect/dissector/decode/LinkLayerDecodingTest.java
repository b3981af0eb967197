package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;

class LinkLayerDecodingTest {
    private static final byte[] SEGMENT = tcp(new byte[0], hex("68656c6c6f"));

    @Test
    void ethernetCarriesIpv4Tcp() {
        DecodedPacket p = decodeEthernet(ethernet(EtherType.IPV4, ipv4(SEGMENT)));
        EthernetHeader eth = assertInstanceOf(EthernetHeader.class, p.link());
        assertEquals(MAC_B, eth.destination());
        assertEquals(MAC_A, eth.source());
        assertEquals(EtherType.IPV4, eth.etherType());
        assertEquals(0, eth.offset());
        assertEquals(14, eth.length());
        assertEquals(14, p.ip().offset());
        assertEquals(34, p.tcp().offset());
        assertEquals(54, p.tcp().payloadOffset());
        assertEquals(5, p.tcp().payloadLength());
        assertEquals(List.of(), p.flags());
        assertEquals(List.of(), p.vlanTags());
    }

    @Test
    void ethernetPaddingIsNotTcpPayload() {
        // A bare ACK is 54 bytes; Ethernet pads it to 60. The IP total length marks the real end.
        byte[] frame = cat(ethernet(EtherType.IPV4, ipv4(tcp(new byte[0], new byte[0]))), new byte[6]);
        DecodedPacket p = decodeEthernet(frame);
        assertEquals(0, p.tcp().payloadLength());
        assertEquals(0, p.tcp().payloadCapturedLength());
        assertEquals(List.of(), p.flags());
    }

    @Test
    void singleVlanTag() {
        byte[] frame = ethernet(EtherType.VLAN, vlan(5, 1, 100, EtherType.IPV4, ipv4(SEGMENT)));
        DecodedPacket p = decodeEthernet(frame);
        assertEquals(EtherType.VLAN, ((EthernetHeader) p.link()).etherType());
        assertEquals(List.of(new VlanTag(14, EtherType.VLAN, 5, 1, 100, EtherType.IPV4)), p.vlanTags());
        assertEquals(18, p.ip().offset());
        assertEquals(38, p.tcp().offset());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void qinqServiceAndCustomerTags() {
        byte[] frame = ethernet(EtherType.SERVICE_VLAN,
                vlan(0, 0, 4000, EtherType.VLAN, vlan(3, 0, 7, EtherType.IPV6, ipv6(IpProtocol.TCP, SEGMENT))));
        DecodedPacket p = decodeEthernet(frame);
        assertEquals(List.of(new VlanTag(14, EtherType.SERVICE_VLAN, 0, 0, 4000, EtherType.VLAN),
                new VlanTag(18, EtherType.VLAN, 3, 0, 7, EtherType.IPV6)), p.vlanTags());
        assertEquals(22, p.ipv6().offset());
        assertEquals(62, p.tcp().offset());
        assertEquals(80, p.tcp().destinationPort());
    }

    @Test
    void truncatedVlanTagIsFlaggedAndStops() {
        byte[] frame = cat(ethernet(EtherType.VLAN, hex("a0")));
        DecodedPacket p = decodeEthernet(frame);
        assertNotNull(p.link());
        assertNull(p.ip());
        assertTrue(p.has(Problem.LINK_HEADER_TRUNCATED));
        assertEquals(Severity.ERROR, p.worstSeverity());
    }

    @Test
    void nonIpEthernetIsPlainTrafficNotAProblem() {
        DecodedPacket arp = decodeEthernet(ethernet(0x0806, new byte[28]));
        assertNull(arp.ip());
        assertNull(arp.tcp());
        assertTrue(arp.flags().isEmpty());
        // IEEE 802.3 length field instead of an EtherType
        DecodedPacket llc = decodeEthernet(ethernet(46, new byte[46]));
        assertNull(llc.ip());
        assertTrue(llc.flags().isEmpty());
    }

    @Test
    void shortEthernetHeader() {
        DecodedPacket p = decodeEthernet(hex("020000000002 0200000000"));
        assertNull(p.link());
        assertTrue(p.has(Problem.LINK_HEADER_TRUNCATED));
        assertEquals("Ethernet header cut short: 11 of 14 bytes in the frame", p.flags().get(0).message());
    }

    @Test
    void linuxCookedV1() {
        DecodedPacket p = decode(LinkType.LINUX_SLL, sll(4, EtherType.IPV4, ipv4(SEGMENT)));
        LinuxSllHeader sll = assertInstanceOf(LinuxSllHeader.class, p.link());
        assertEquals(new LinuxSllHeader(0, 4, 1, 6, MAC_A, EtherType.IPV4), sll);
        assertEquals(16, sll.length());
        assertEquals(16, p.ip().offset());
        assertEquals(36, p.tcp().offset());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void linuxCookedV2() {
        DecodedPacket p = decode(LinkType.LINUX_SLL2, sll2(EtherType.IPV6, 3, 0, ipv6(IpProtocol.TCP, SEGMENT)));
        LinuxSll2Header sll2 = assertInstanceOf(LinuxSll2Header.class, p.link());
        assertEquals(new LinuxSll2Header(0, EtherType.IPV6, 3, 772, 0, 6, MAC_B), sll2);
        assertEquals(20, p.ipv6().offset());
        assertEquals(60, p.tcp().offset());
    }

    @Test
    void cookedHeadersCutShort() {
        assertTrue(decode(LinkType.LINUX_SLL, new byte[15]).has(Problem.LINK_HEADER_TRUNCATED));
        assertTrue(decode(LinkType.LINUX_SLL2, new byte[19]).has(Problem.LINK_HEADER_TRUNCATED));
        assertTrue(decode(LinkType.NULL, new byte[3]).has(Problem.LINK_HEADER_TRUNCATED));
    }

    @Test
    void bsdNullInEitherHostOrder() {
        DecodedPacket little = decode(LinkType.NULL, loopback(2, false, ipv4(SEGMENT)));
        assertEquals(new LoopbackHeader(0, 2, false), little.link());
        assertNotNull(little.tcp());
        DecodedPacket big = decode(LinkType.NULL, loopback(2, true, ipv4(SEGMENT)));
        assertEquals(new LoopbackHeader(0, 2, true), big.link());
        assertNotNull(big.tcp());
        for (int family : new int[] {24, 28, 30}) {
            DecodedPacket v6 = decode(LinkType.NULL, loopback(family, false, ipv6(IpProtocol.TCP, SEGMENT)));
            assertEquals(family, ((LoopbackHeader) v6.link()).family());
            assertEquals(44, v6.tcp().offset());
        }
    }

    @Test
    void openBsdLoopIsNetworkOrder() {
        DecodedPacket p = decode(LinkType.LOOP, loopback(24, true, ipv6(IpProtocol.TCP, SEGMENT)));
        assertEquals(new LoopbackHeader(0, 24, true), p.link());
        assertNotNull(p.tcp());
    }

    @Test
    void loopbackWithOtherFamilyHasNoIp() {
        DecodedPacket p = decode(LinkType.NULL, loopback(7, false, new byte[20]));
        assertNull(p.ip());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void rawPicksIpVersionFromTheNibble() {
        DecodedPacket v4 = decode(LinkType.RAW, ipv4(SEGMENT));
        assertNull(v4.link());
        assertEquals(4, v4.ip().version());
        assertEquals(20, v4.tcp().offset());
        DecodedPacket v6 = decode(LinkType.RAW, ipv6(IpProtocol.TCP, SEGMENT));
        assertEquals(6, v6.ip().version());
        assertEquals(40, v6.tcp().offset());
    }

    @Test
    void ipv4AndIpv6LinkTypes() {
        assertEquals(4, decode(LinkType.IPV4, ipv4(SEGMENT)).ip().version());
        assertEquals(6, decode(LinkType.IPV6, ipv6(IpProtocol.TCP, SEGMENT)).ip().version());
    }

    @Test
    void rawWithBogusVersion() {
        DecodedPacket p = decode(LinkType.RAW, cat(hex("50"), new byte[30]));
        assertNull(p.ip());
        assertTrue(p.has(Problem.IP_BAD_VERSION));
        assertEquals("bogus IP version 5 (must be 4 or 6)", p.flags().get(0).message());
        assertTrue(decode(LinkType.RAW, new byte[0]).has(Problem.IP_HEADER_TRUNCATED));
    }

    @Test
    void unknownLinkTypeKeepsOnlyTheFrame() {
        byte[] data = hex("0102030405");
        DecodedPacket p = decode(147, data);
        assertNull(p.link());
        assertNull(p.ip());
        assertNull(p.tcp());
        assertEquals(List.of(new DecodeFlag(Problem.UNKNOWN_LINK_TYPE, 0, 5,
                "unsupported link type LINKTYPE_147 (147)")), p.flags());
        assertEquals(Severity.WARNING, p.worstSeverity());
        assertEquals(data.length, p.frame().data().length);
        assertFalse(p.hasTcp());
    }
}
