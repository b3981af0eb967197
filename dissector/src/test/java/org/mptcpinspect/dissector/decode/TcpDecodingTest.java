package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.decode.Ipv4DecodingTest.problems;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.mptcp.Dss;
import org.mptcpinspect.dissector.mptcp.MpCapable;

class TcpDecodingTest {
    /** Offset of the TCP header in an Ethernet + IPv4 frame. */
    private static final int TCP_AT = 34;
    private static final int OPTIONS_AT = TCP_AT + 20;

    private static DecodedPacket withOptions(String optionHex, byte[] payload) {
        return decodeEthernet(ethernet(EtherType.IPV4, ipv4(tcp(hex(optionHex), payload))));
    }

    private static List<TcpOption> options(String optionHex) {
        return withOptions(optionHex, new byte[0]).tcp().options();
    }

    @Test
    void fixedFields() {
        byte[] segment = tcp(443, 51000, 0xfffffff0L, 0x80000001L, TcpHeader.SYN | TcpHeader.ACK | TcpHeader.AE,
                new byte[0], new byte[0]);
        TcpHeader tcp = decode(LinkType.RAW, ipv4(segment)).tcp();
        assertEquals(new TcpHeader(20, 443, 51000, 0xfffffff0L, 0x80000001L, 20, 0x112, 0xfaf0, 0x1234, 0,
                List.of(), 40, 0, 0), tcp);
        assertTrue(tcp.syn());
        assertTrue(tcp.ack());
        assertTrue(tcp.ae());
        assertFalse(tcp.fin() || tcp.rst() || tcp.psh() || tcp.urg() || tcp.ece() || tcp.cwr());
        assertEquals(0, tcp.optionsLength());
        assertTrue(tcp.headerFitsSegment());
    }

    @Test
    void everyFlagBit() {
        int all = 0xfff;
        TcpHeader tcp = decode(LinkType.RAW, ipv4(tcp(1, 2, 0, 0, all, new byte[0], new byte[0]))).tcp();
        assertEquals(all, tcp.flags());
        assertTrue(tcp.fin() && tcp.syn() && tcp.rst() && tcp.psh() && tcp.ack() && tcp.urg() && tcp.ece()
                && tcp.cwr() && tcp.ae());
    }

    @Test
    void synOptionsOfAnMptcpConnect() {
        DecodedPacket p = withOptions("020405b4 0402 080a 00001111 00000000 01 030307 1e0c0101 0102030405060708",
                new byte[0]);
        List<TcpOption> options = p.tcp().options();
        assertEquals(6, options.size());
        assertEquals(new TcpOption.MaximumSegmentSize(OPTIONS_AT, 1460), options.get(0));
        assertEquals(new TcpOption.SackPermitted(OPTIONS_AT + 4), options.get(1));
        assertEquals(new TcpOption.Timestamps(OPTIONS_AT + 6, 0x1111, 0), options.get(2));
        assertEquals(new TcpOption.NoOperation(OPTIONS_AT + 16), options.get(3));
        assertEquals(new TcpOption.WindowScale(OPTIONS_AT + 17, 7), options.get(4));
        assertEquals(128, ((TcpOption.WindowScale) options.get(4)).multiplier());
        TcpOption.Mptcp mptcp = assertInstanceOf(TcpOption.Mptcp.class, options.get(5));
        assertEquals(OPTIONS_AT + 20, mptcp.offset());
        assertEquals(12, mptcp.length());
        assertEquals(30, mptcp.kind());
        // what the MPTCP dissector got: the option's own offset and length byte
        assertEquals(OPTIONS_AT + 20, mptcp.option().offset());
        assertEquals(12, mptcp.option().length());
        assertEquals(new MpCapable(OPTIONS_AT + 20, 12, 1, 0x01, 0x0102030405060708L, 0, 0, 0), mptcp.option());
        assertEquals(32, p.tcp().optionsLength());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void dssDataSegment() {
        DecodedPacket p = withOptions("0101 080a 00002222 00001111 1e142005 0a0b0c0d 01020304 00000001 05dc 0000",
                new byte[100]);
        List<TcpOption> options = p.tcp().options();
        assertEquals(4, options.size());
        assertEquals(new TcpOption.NoOperation(OPTIONS_AT), options.get(0));
        assertEquals(new TcpOption.NoOperation(OPTIONS_AT + 1), options.get(1));
        assertEquals(new TcpOption.Timestamps(OPTIONS_AT + 2, 0x2222, 0x1111), options.get(2));
        TcpOption.Mptcp mptcp = (TcpOption.Mptcp) options.get(3);
        assertEquals(2, mptcp.option().subtype());
        // the dissector was pointed at the option's bytes: its fields come out right
        assertEquals(new Dss(OPTIONS_AT + 12, 20, 0x05, 0x0a0b0c0dL, 0x01020304L, 1, 1500, 0), mptcp.option());
        assertEquals(TCP_AT + 52, p.tcp().payloadOffset());
        assertEquals(100, p.tcp().payloadLength());
        assertEquals(100, p.tcp().payloadCapturedLength());
    }

    @Test
    void sackBlocks() {
        List<TcpOption> options = options("0101 050a 00000100 00000200 0101 0512 00000300 00000400 fffffff0 00000010");
        assertEquals(new TcpOption.Sack(OPTIONS_AT + 2, 10, List.of(new TcpOption.SackBlock(0x100, 0x200))),
                options.get(2));
        assertEquals(new TcpOption.Sack(OPTIONS_AT + 14, 18, List.of(new TcpOption.SackBlock(0x300, 0x400),
                new TcpOption.SackBlock(0xfffffff0L, 0x10))), options.get(5));
    }

    @Test
    void sackWithPartialBlock() {
        DecodedPacket p = withOptions("050e 00000100 00000200 00000300 0000", new byte[0]);
        TcpOption.Sack sack = (TcpOption.Sack) p.tcp().options().get(0);
        assertEquals(14, sack.length());
        assertEquals(List.of(new TcpOption.SackBlock(0x100, 0x200)), sack.blocks());
        assertEquals(new TcpOption.EndOfOptionList(OPTIONS_AT + 14), p.tcp().options().get(1));
        assertEquals(List.of(Problem.TCP_OPTION_BAD_LENGTH), problems(p));
    }

    @Test
    void md5AndTcpAo() {
        List<TcpOption> options = options("1312 00112233445566778899aabbccddeeff 0101"
                + "1d10 0507 000102030405060708090a0b");
        TcpOption.Md5Signature md5 = (TcpOption.Md5Signature) options.get(0);
        assertEquals(new TcpOption.Md5Signature(OPTIONS_AT), md5);
        assertEquals(OPTIONS_AT + 2, md5.digestOffset());
        TcpOption.TcpAuthentication ao = (TcpOption.TcpAuthentication) options.get(3);
        assertEquals(new TcpOption.TcpAuthentication(OPTIONS_AT + 20, 16, 5, 7), ao);
        assertEquals(OPTIONS_AT + 24, ao.macOffset());
        assertEquals(12, ao.macLength());
    }

    @Test
    void unknownKindsStayRaw() {
        List<TcpOption> options = options("2206 c0ffee00 fe04 f989 0000");
        assertEquals(new TcpOption.Unknown(OPTIONS_AT, 6, 34), options.get(0));
        assertEquals(new TcpOption.Unknown(OPTIONS_AT + 6, 4, 254), options.get(1));
        assertEquals(new TcpOption.EndOfOptionList(OPTIONS_AT + 10), options.get(2));
        assertEquals(new TcpOption.EndOfOptionList(OPTIONS_AT + 11), options.get(3));
        assertEquals(4, options.size());
    }

    @Test
    void zeroPaddingAfterEndOfOptionListListsEachByte() {
        DecodedPacket p = withOptions("0204 05b4 00 000000", new byte[0]);
        assertEquals(List.of(new TcpOption.MaximumSegmentSize(OPTIONS_AT, 1460),
                new TcpOption.EndOfOptionList(OPTIONS_AT + 4), new TcpOption.EndOfOptionList(OPTIONS_AT + 5),
                new TcpOption.EndOfOptionList(OPTIONS_AT + 6), new TcpOption.EndOfOptionList(OPTIONS_AT + 7)),
                p.tcp().options());
        assertTrue(p.flags().isEmpty());
    }

    @Test
    void nonZeroPaddingEndsTheWalk() {
        // A byte that would be a bogus option after EOL is padding, not an option.
        DecodedPacket p = withOptions("0204 05b4 00 00 1e00", new byte[0]);
        assertEquals(List.of(new TcpOption.MaximumSegmentSize(OPTIONS_AT, 1460),
                new TcpOption.EndOfOptionList(OPTIONS_AT + 4), new TcpOption.EndOfOptionList(OPTIONS_AT + 5)),
                p.tcp().options());
        assertEquals(List.of(new DecodeFlag(Problem.TCP_NONZERO_PADDING, OPTIONS_AT + 6, 2,
                "non-zero TCP header padding after end of option list")), p.flags());
    }

    @Test
    void wrongLengthForAKnownKindIsKeptAndTheWalkGoesOn() {
        DecodedPacket p = withOptions("0203 05 0101 03030e 01010101 01 0805000000 00 00", new byte[0]);
        List<TcpOption> options = p.tcp().options();
        assertEquals(new TcpOption.BadLength(OPTIONS_AT, 3, TcpOption.MSS), options.get(0));
        assertEquals(new TcpOption.NoOperation(OPTIONS_AT + 3), options.get(1));
        assertEquals(new TcpOption.WindowScale(OPTIONS_AT + 5, 14), options.get(3));
        assertEquals(new TcpOption.BadLength(OPTIONS_AT + 13, 5, TcpOption.TIMESTAMPS), options.get(9));
        assertEquals(List.of(Problem.TCP_OPTION_BAD_LENGTH, Problem.TCP_OPTION_BAD_LENGTH), problems(p));
        assertEquals("TCP option MSS (kind 2): length 3, should be 4", p.flags().get(0).message());
        assertEquals(OPTIONS_AT + 1, p.flags().get(0).offset());
        assertEquals("TCP option timestamps (kind 8): length 5, should be 10", p.flags().get(1).message());
    }

    @Test
    void otherFixedLengthKindsChecked() {
        assertEquals(List.of(Problem.TCP_OPTION_BAD_LENGTH, Problem.TCP_OPTION_BAD_LENGTH,
                Problem.TCP_OPTION_BAD_LENGTH), problems(withOptions("0403 00 1303 00 1d03 00 00000000 000000", new byte[0])));
        assertEquals(new TcpOption.BadLength(OPTIONS_AT + 6, 3, TcpOption.TCP_AO),
                options("0403 00 1303 00 1d03 00 00000000 000000").get(2));
    }

    @Test
    void windowScaleAbove14() {
        DecodedPacket p = withOptions("030310 00", new byte[0]);
        TcpOption.WindowScale ws = (TcpOption.WindowScale) p.tcp().options().get(0);
        assertEquals(16, ws.shiftCount());
        assertEquals(1 << 14, ws.multiplier());
        assertEquals(List.of(Problem.TCP_OPTION_BAD_VALUE), problems(p));
    }

    @Test
    void lengthByteBelowTwoStopsTheWalk() {
        DecodedPacket p = withOptions("0101 0801 0000 0000 0000 0000", new byte[0]);
        assertEquals(2, p.tcp().options().size());
        assertEquals(List.of(Problem.TCP_OPTION_BAD_LENGTH), problems(p));
        assertEquals("TCP option timestamps (kind 8): too-short option length 1", p.flags().get(0).message());
        assertEquals(OPTIONS_AT + 2, p.flags().get(0).offset());
    }

    @Test
    void optionRunningPastTheHeaderStopsTheWalk() {
        DecodedPacket p = withOptions("0101 1e20 2005 00000000 0000", new byte[4]);
        assertEquals(2, p.tcp().options().size());
        assertEquals("TCP option MPTCP (kind 30): length 32 runs past the end of the options",
                p.flags().get(0).message());
        // the payload is still where the data offset says
        assertEquals(4, p.tcp().payloadLength());
    }

    @Test
    void lengthBytePastTheEnd() {
        DecodedPacket p = withOptions("010101 02", new byte[0]);
        assertEquals(3, p.tcp().options().size());
        assertEquals("TCP option MSS (kind 2): length byte past end of options", p.flags().get(0).message());
    }

    @Test
    void snaplenInsideTheOptions() {
        byte[] frame = ethernet(EtherType.IPV4, ipv4(tcp(dssOptionsBytes(), new byte[1000])));
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.ETHERNET, frame, OPTIONS_AT + 16));
        List<TcpOption> options = p.tcp().options();
        assertEquals(4, options.size()); // NOP NOP TS, then the DSS of which 4 bytes were captured
        assertEquals(new TcpOption.Truncated(OPTIONS_AT + 12, TcpOption.MPTCP, 20, 4), options.get(3));
        assertEquals(List.of(Problem.TCP_OPTIONS_TRUNCATED, Problem.TCP_PAYLOAD_TRUNCATED), problems(p));
        assertEquals(1000, p.tcp().payloadLength());
        assertEquals(0, p.tcp().payloadCapturedLength());
        assertTrue(p.tcp().payloadTruncated());
    }

    @Test
    void snaplenBetweenKindAndLength() {
        byte[] frame = ethernet(EtherType.IPV4, ipv4(tcp(dssOptionsBytes(), new byte[10])));
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.ETHERNET, frame, OPTIONS_AT + 13));
        assertEquals(3, p.tcp().options().size()); // the length byte is missing: nothing to show
        assertEquals(new DecodeFlag(Problem.TCP_OPTIONS_TRUNCATED, OPTIONS_AT + 12, 1,
                "TCP options cut by the snaplen: the options from here on are not decoded"), p.flags().get(0));
        // the cut fell exactly between two options: nothing partial to show
        DecodedPacket q = PacketDecoder.decode(snapped(LinkType.ETHERNET, frame, OPTIONS_AT + 12));
        assertEquals(3, q.tcp().options().size());
        assertEquals(List.of(Problem.TCP_OPTIONS_TRUNCATED, Problem.TCP_PAYLOAD_TRUNCATED), problems(q));
    }

    @Test
    void snaplenInsideThePayload() {
        byte[] frame = ethernet(EtherType.IPV4, ipv4(tcp(dssOptionsBytes(), new byte[1000])));
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.ETHERNET, frame, 128));
        assertEquals(4, p.tcp().options().size());
        assertEquals(1000, p.tcp().payloadLength());
        assertEquals(128 - (OPTIONS_AT + 32), p.tcp().payloadCapturedLength());
        assertEquals(List.of(new DecodeFlag(Problem.TCP_PAYLOAD_TRUNCATED, OPTIONS_AT + 32, 42,
                "TCP payload cut by the snaplen: the missing bytes are unknown")), p.flags());
    }

    @Test
    void snaplenInsideTheFixedHeader() {
        byte[] frame = ethernet(EtherType.IPV4, ipv4(tcp(new byte[0], new byte[10])));
        DecodedPacket p = PacketDecoder.decode(snapped(LinkType.ETHERNET, frame, TCP_AT + 10));
        assertEquals(4, p.ip().version());
        assertNull(p.tcp());
        assertEquals("TCP header cut short: 10 of 20 bytes captured (snaplen)", p.flags().get(0).message());
    }

    @Test
    void segmentShorterThanAHeader() {
        DecodedPacket p = decode(LinkType.RAW, ipv4(IpProtocol.TCP, new byte[0], 0, new byte[12]));
        assertNull(p.tcp());
        assertEquals("TCP segment of 12 bytes is shorter than the 20-byte TCP header", p.flags().get(0).message());
    }

    @Test
    void bogusDataOffset() {
        byte[] small = tcp(new byte[0], new byte[8]);
        small[12] = 0x40; // 16 bytes
        DecodedPacket p = decode(LinkType.RAW, ipv4(small));
        assertEquals(16, p.tcp().headerLength());
        assertEquals(List.of(), p.tcp().options());
        assertEquals(12, p.tcp().payloadLength()); // what Wireshark shows as tcp.len: 28 - 16
        assertTrue(p.tcp().headerFitsSegment());
        assertEquals(0, p.tcp().optionsLength());
        assertEquals("bogus TCP header length 16 (must be at least 20)", p.flags().get(0).message());

        byte[] big = tcp(new byte[0], new byte[8]);
        big[12] = (byte) 0xf0; // 60 bytes in a 28-byte segment
        DecodedPacket q = decode(LinkType.RAW, ipv4(big));
        assertEquals(60, q.tcp().headerLength());
        assertEquals(0, q.tcp().payloadLength());
        assertFalse(q.tcp().headerFitsSegment());
        assertEquals(0, q.tcp().optionsLength());
        assertEquals("bogus TCP header length 60 (the segment has only 28 bytes)", q.flags().get(0).message());
    }

    private static byte[] dssOptionsBytes() {
        return dssOptions();
    }
}
