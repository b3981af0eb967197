package org.mptcpinspect.dissector.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.option;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.sequence;
import static org.mptcpinspect.dissector.mptcp.RawIpPcap.OPTION_OFFSET;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes hand-built MPTCP options into a pcap and checks, packet by packet, that tshark (the
 * oracle) prints for every tcp.options.mptcp.* field exactly what our records hold, and puts
 * every field at the byte range {@link MptcpOptionLayout} gives. Skipped without tshark.
 */
class TsharkCrossCheckTest {
    private static final long KEY_A = 0x8a1b2c3d4e5f6071L;
    private static final long KEY_B = 0x0102030405060708L;
    private static final byte[] V4 = {(byte) 192, 0, 2, 77};
    private static final byte[] V6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42};

    @TempDir
    static Path dir;
    private static final List<byte[]> FRAMES = new ArrayList<>();
    private static Path capture;

    @BeforeAll
    static void writeCapture() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed: skipping the tshark cross-check");
        List<byte[]> options = options();
        for (int i = 0; i < options.size(); i++) {
            FRAMES.add(RawIpPcap.packet(options.get(i), 20000 + i));
        }
        capture = dir.resolve("mptcp-options.pcap");
        RawIpPcap.write(capture, FRAMES);
    }

    /** Every subtype, length and flag combination the unit tests cover, as option bytes. */
    private static List<byte[]> options() {
        List<OptionBytes> o = new ArrayList<>();
        // MP_CAPABLE: v1 SYN, v0/v1 SYN and SYN/ACK, third ACK, v1 ACK with data (with and without checksum).
        o.add(option(4, 0, 1).u8(0xa1));
        o.add(option(4, 0, 1).u8(0xff));
        o.add(option(12, 0, 0).u8(0x81).u64(KEY_A));
        o.add(option(12, 0, 0).u8(0xff).u64(KEY_B));
        o.add(option(12, 0, 1).u8(0x01).u64(KEY_B));
        o.add(option(12, 0, 2).u8(0x41).u64(KEY_B));
        o.add(option(20, 0, 0).u8(0x81).u64(KEY_A).u64(KEY_B));
        o.add(option(20, 0, 1).u8(0x01).u64(KEY_B).u64(KEY_A));
        o.add(option(22, 0, 1).u8(0x01).u64(KEY_A).u64(KEY_B).u16(1400));
        o.add(option(24, 0, 1).u8(0x81).u64(KEY_A).u64(KEY_B).u16(100).u16(0xbeef));
        o.add(option(16, 0, 1).u8(0x81).u64(KEY_A).u32(7));
        o.add(option(3, 0, 1));
        // MP_JOIN: SYN (backup or not), SYN/ACK, ACK, and a length it does not have.
        o.add(option(12, 1, 1).u8(5).u32(0xdeadbeefL).u32(0x01020304L));
        o.add(option(12, 1, 0).u8(0).u32(1).u32(0xffffffffL));
        o.add(option(16, 1, 1).u8(3).u64(KEY_A).u32(0xfedcba98L));
        o.add(option(24, 1, 0).u8(0).bytes(sequence(0x40, 20)));
        o.add(option(24, 1, 0xf).u8(0x05).bytes(sequence(0xe0, 20)));
        o.add(option(20, 1, 1).bytes(sequence(1, 17)));
        // DSS: every flag combination, with and without checksum; the checksum quirk; truncated.
        for (int flags = 0; flags < 32; flags++) {
            boolean map = (flags & 4) != 0;
            o.add(dss(flags, false, 0));
            if (map) {
                o.add(dss(flags, true, 0));
                o.add(dss(flags, true, 2));
            }
        }
        o.add(option(4, 2, 0).u8(0xe0));
        o.add(option(8, 2, 0).u8(0x05).u32(0x01020300L));
        o.add(option(3, 2, 0));
        // ADD_ADDR: v1 with and without echo, port, HMAC, IPv4 and IPv6; v0 with IPVer; odd length; truncated.
        o.add(option(8, 3, 1).u8(7).bytes(V4));
        o.add(option(10, 3, 1).u8(7).bytes(V4).u16(8080));
        o.add(option(16, 3, 0).u8(7).bytes(V4).u64(KEY_A));
        o.add(option(18, 3, 0).u8(7).bytes(V4).u16(443).u64(KEY_B));
        o.add(option(20, 3, 1).u8(9).bytes(V6));
        o.add(option(22, 3, 1).u8(9).bytes(V6).u16(80));
        o.add(option(28, 3, 0).u8(9).bytes(V6).u64(KEY_A));
        o.add(option(30, 3, 0).u8(9).bytes(V6).u16(65535).u64(KEY_B));
        o.add(option(8, 3, 4).u8(1).bytes(V4));
        o.add(option(10, 3, 4).u8(1).bytes(V4).u16(8080));
        o.add(option(20, 3, 6).u8(2).bytes(V6));
        o.add(option(22, 3, 6).u8(2).bytes(V6).u16(8080));
        o.add(option(8, 3, 6).u8(1).bytes(V4));
        o.add(option(12, 3, 0).u8(3).bytes(V4).u16(1).u16(2));
        o.add(option(3, 3, 0));
        // REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST, undefined subtypes.
        o.add(option(4, 4, 0).u8(8));
        o.add(option(6, 4, 0).u8(1).u8(200).u8(3));
        o.add(option(3, 4, 0));
        o.add(option(3, 5, 1));
        o.add(option(3, 5, 0));
        o.add(option(4, 5, 1).u8(7));
        o.add(option(5, 5, 1).u8(7).u8(8));
        o.add(option(12, 6, 0).u8(0).u64(KEY_A));
        o.add(option(12, 6, 0xa).u8(0xbc).u64(1));
        o.add(option(11, 6, 0).u8(0).u32(1).u16(2).u8(3));
        o.add(option(12, 7, 0).u8(0).u64(KEY_B));
        o.add(option(4, 7, 0).u8(0));
        for (int flags = 0; flags < 16; flags++) {
            o.add(option(4, 8, flags).u8(flags % 8));
        }
        o.add(option(4, 8, 0x1).u8(0xff));
        o.add(option(3, 8, 0x1));
        for (int subtype = 9; subtype < 16; subtype++) {
            o.add(option(6, subtype, 3).u8(1).u8(2).u8(3));
        }
        return o.stream().map(OptionBytes::toByteArray).toList();
    }

    private static OptionBytes dss(int flags, boolean checksum, int trailing) {
        boolean ack8 = (flags & 2) != 0;
        boolean dsn8 = (flags & 8) != 0;
        int length = 4 + ((flags & 1) != 0 ? (ack8 ? 8 : 4) : 0) + ((flags & 4) != 0 ? (dsn8 ? 8 : 4) + 6 : 0)
                + (checksum ? 2 : 0) + trailing;
        OptionBytes b = option(length, 2, 0).u8(flags);
        if ((flags & 1) != 0) {
            b = ack8 ? b.u64(0xa0a1a2a3a4a5a6a7L) : b.u32(0xb0b1b2b3L);
        }
        if ((flags & 4) != 0) {
            b = (dsn8 ? b.u64(0xc0c1c2c3c4c5c6c7L) : b.u32(0xd0d1d2d3L)).u32(0xe0e1e2e3L).u16(flags * 100);
        }
        if (checksum) {
            b.u16(0xf00d);
        }
        for (int i = 0; i < trailing; i++) {
            b.u8(0x77);
        }
        return b;
    }

    @Test
    void everyFieldValueMatchesTshark() throws Exception {
        List<Map<String, String>> shown = TsharkMptcpFields.shownFields(capture);
        assertEquals(FRAMES.size(), shown.size(), "one row per packet");
        for (int i = 0; i < FRAMES.size(); i++) {
            MptcpOption decoded = dissect(FRAMES.get(i));
            Map<String, String> theirs = new TreeMap<>(shown.get(i));
            String where = "packet " + (i + 1) + ": " + decoded;
            if (decoded instanceof MalformedMptcpOption m && !m.reason().startsWith("MP_JOIN")) {
                // tshark shows the fields before the one that does not fit, then flags the packet.
                assertEquals(String.valueOf(m.subtype()), theirs.get(TsharkMptcpFields.P + "subtype"), where);
                assertTrue(theirs.containsKey(TsharkMptcpFields.MALFORMED), where + ": tshark should flag it malformed");
            } else {
                assertEquals(TsharkMptcpFields.expected(decoded), theirs, where);
            }
        }
    }

    @Test
    void everyFieldSpanMatchesTshark() throws Exception {
        List<Set<String>> shown = TsharkMptcpFields.shownSpans(capture);
        assertEquals(FRAMES.size(), shown.size());
        for (int i = 0; i < FRAMES.size(); i++) {
            MptcpOption decoded = dissect(FRAMES.get(i));
            assertEquals(shown.get(i), TsharkMptcpFields.ourSpans(FRAMES.get(i), List.of(decoded)),
                    "packet " + (i + 1) + ": " + decoded);
        }
    }

    private static MptcpOption dissect(byte[] frame) {
        return MptcpOptionDissector.dissect(frame, OPTION_OFFSET, frame[OPTION_OFFSET + 1] & 0xff);
    }
}
