package org.mptcpinspect.dissector.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.option;
import static org.mptcpinspect.dissector.mptcp.OptionBytes.sequence;
import static org.mptcpinspect.dissector.mptcp.RawIpPcap.OPTION_OFFSET;

import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Writes hand-built MPTCP options into a pcap and checks, packet by packet, that tshark (the
 * oracle) prints for every tcp.options.mptcp.* field exactly what our records hold, and puts
 * every field at the byte range {@link MptcpOptionLayout} gives. Skipped without tshark.
 */
class TsharkCrossCheckTest {
    private static final String P = "tcp.options.mptcp.";
    /** Every field tshark 4.0 registers under tcp.options.mptcp, plus the generated removed-address count. */
    private static final List<String> FIELDS = List.of(P + "subtype", P + "version", P + "reserved", P + "flags",
            P + "backup.flag", P + "checksumreq.flags", P + "extensibility.flag", P + "nomoresubflows.flag",
            P + "sha1.flag", P + "sha256.flag", P + "datafin.flag", P + "dseqn8.flag", P + "dseqnpresent.flag",
            P + "dataack8.flag", P + "dataackpresent.flag", P + "reserved.flag", P + "flag_U.flag",
            P + "flag_V.flag", P + "flag_W.flag", P + "flag_T.flag", P + "rst_reason", P + "addrid", P + "sendkey",
            P + "recvkey", P + "recvtok", P + "sendrand", P + "sendtrunchmac", P + "sendhmac",
            P + "addaddrtrunchmac", P + "rawdataack", P + "rawdataseqno", P + "subflowseqno", P + "datalvllen",
            P + "checksum", P + "ipver", P + "echo", P + "ipv4", P + "ipv6", P + "port", "mptcp.rm_addr.count");
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
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "header=n", "-E", "occurrence=a",
                "-E", "aggregator=,", "-e", "_ws.malformed"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        String[] rows = Tshark.run(capture, args).split("\n");
        assertEquals(FRAMES.size(), rows.length, "one row per packet");
        for (int i = 0; i < rows.length; i++) {
            String[] columns = rows[i].split("\t", -1);
            Map<String, String> shown = new TreeMap<>();
            for (int f = 0; f < FIELDS.size(); f++) {
                if (!columns[f + 1].isEmpty()) {
                    shown.put(FIELDS.get(f), normalize(FIELDS.get(f), columns[f + 1]));
                }
            }
            boolean malformed = !columns[0].isEmpty();
            MptcpOption decoded = MptcpOptionDissector.dissect(FRAMES.get(i), OPTION_OFFSET,
                    FRAMES.get(i)[OPTION_OFFSET + 1] & 0xff);
            String where = "packet " + (i + 1) + ": " + decoded;
            if (decoded instanceof MalformedMptcpOption m && !m.reason().startsWith("MP_JOIN")) {
                // tshark shows the fields before the one that does not fit, then flags the packet.
                assertEquals(String.valueOf(m.subtype()), shown.get(P + "subtype"), where);
                assertEquals(true, malformed, where + ": tshark should flag a malformed packet");
            } else {
                assertFalse(malformed, where + ": tshark flagged a malformed packet");
                assertEquals(expected(decoded), shown, where);
            }
        }
    }

    /** What tshark 4.0 prints for each field of a decoded option (its display rules, not ours). */
    private static Map<String, String> expected(MptcpOption option) {
        Map<String, String> f = new TreeMap<>();
        f.put(P + "subtype", String.valueOf(option.subtype()));
        switch (option) {
            case MpCapable c -> {
                f.put(P + "version", String.valueOf(c.version()));
                f.put(P + "flags", hex2(c.flags()));
                f.put(P + "checksumreq.flags", bit(c.flags(), 0x80));
                f.put(P + "extensibility.flag", bit(c.flags(), 0x40));
                if (c.version() == 1) {
                    f.put(P + "nomoresubflows.flag", bit(c.flags(), 0x20));
                    f.put(P + "sha256.flag", bit(c.flags(), 0x01));
                } else {
                    f.put(P + "sha1.flag", bit(c.flags(), 0x01));
                }
                f.put(P + "reserved.flag", hex2(c.reservedFlags() >> 1));
                if (c.hasSenderKey()) {
                    f.put(P + "sendkey", Long.toUnsignedString(c.senderKey()));
                }
                if (c.hasReceiverKey()) {
                    f.put(P + "recvkey", Long.toUnsignedString(c.receiverKey()));
                }
                if (c.hasDataLevelLength()) {
                    f.put(P + "datalvllen", String.valueOf(c.dataLevelLength()));
                }
                if (c.hasChecksum()) {
                    f.put(P + "checksum", hex4(c.checksum()));
                }
            }
            case MpJoin j -> {
                if (j.stage() == MpJoin.Stage.ACK) {
                    f.put(P + "reserved", hex4(j.reserved()));
                    f.put(P + "sendhmac", j.senderHmac().toHex());
                } else {
                    f.put(P + "flags", hex2(j.subtype() << 4 | j.flags()));
                    f.put(P + "backup.flag", bit(j.flags(), 1));
                    f.put(P + "addrid", String.valueOf(j.addressId()));
                    f.put(P + "sendrand", String.valueOf(j.senderRandom()));
                    if (j.stage() == MpJoin.Stage.SYN) {
                        f.put(P + "recvtok", String.valueOf(j.receiverToken()));
                    } else {
                        f.put(P + "sendtrunchmac", Long.toUnsignedString(j.senderTruncatedHmac()));
                    }
                }
            }
            case Dss d -> {
                f.put(P + "flags", hex2(d.flags()));
                f.put(P + "datafin.flag", bit(d.flags(), 0x10));
                f.put(P + "dseqn8.flag", bit(d.flags(), 0x08));
                f.put(P + "dseqnpresent.flag", bit(d.flags(), 0x04));
                f.put(P + "dataack8.flag", bit(d.flags(), 0x02));
                f.put(P + "dataackpresent.flag", bit(d.flags(), 0x01));
                if (d.hasDataAck()) {
                    f.put(P + "rawdataack", Long.toUnsignedString(d.dataAck()));
                }
                if (d.hasMapping()) {
                    f.put(P + "rawdataseqno", Long.toUnsignedString(d.dataSequenceNumber()));
                    f.put(P + "subflowseqno", String.valueOf(d.subflowSequenceNumber()));
                    f.put(P + "datalvllen", String.valueOf(d.dataLevelLength()));
                }
                // Wireshark 4.0 shows the checksum only with four octets after the data-level length.
                if (d.hasMapping() && d.length() >= d.lengthWithoutChecksum() + 4) {
                    f.put(P + "checksum", hex4(d.checksum()));
                }
            }
            case AddAddr a -> {
                if (a.lowNibbleIsIpVersion()) {
                    f.put(P + "ipver", String.valueOf(a.flags()));
                } else {
                    f.put(P + "echo", bit(a.flags(), 1));
                }
                f.put(P + "addrid", String.valueOf(a.addressId()));
                if (a.ipVersion() != 0) {
                    f.put(P + (a.ipVersion() == 4 ? "ipv4" : "ipv6"), a.inetAddress().getHostAddress());
                }
                if (a.hasPort()) {
                    f.put(P + "port", String.valueOf(a.port()));
                }
                if (a.hasTruncatedHmac()) {
                    f.put(P + "addaddrtrunchmac", Long.toUnsignedString(a.truncatedHmac()));
                }
            }
            case RemoveAddr r -> {
                f.put("mptcp.rm_addr.count", String.valueOf(r.count()));
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < r.count(); i++) {
                    ids.add(String.valueOf(r.addressId(i)));
                }
                if (!ids.isEmpty()) {
                    f.put(P + "addrid", String.join(",", ids));
                }
            }
            case MpPrio p -> {
                f.put(P + "flags", hex2(p.subtype() << 4 | p.flags()));
                f.put(P + "backup.flag", bit(p.flags(), 1));
                if (p.hasAddressId()) {
                    f.put(P + "addrid", String.valueOf(p.addressId()));
                }
            }
            case MpFail m -> {
                f.put(P + "reserved", hex4(m.reserved()));
                f.put(P + "rawdataseqno", Long.toUnsignedString(m.dataSequenceNumber()));
            }
            case MpFastclose m -> {
                f.put(P + "reserved", hex4(m.reserved()));
                f.put(P + "recvkey", Long.toUnsignedString(m.receiverKey()));
            }
            case MpTcpRst r -> {
                f.put(P + "flags", hex2(r.subtype() << 4 | r.flags()));
                f.put(P + "flag_U.flag", bit(r.flags(), MpTcpRst.FLAG_U));
                f.put(P + "flag_V.flag", bit(r.flags(), MpTcpRst.FLAG_V));
                f.put(P + "flag_W.flag", bit(r.flags(), MpTcpRst.FLAG_W));
                f.put(P + "flag_T.flag", bit(r.flags(), MpTcpRst.FLAG_T));
                f.put(P + "rst_reason", hex2(r.reason()));
            }
            case UnknownMptcpOption u -> {
            }
            case MalformedMptcpOption m -> {
            }
        }
        return f;
    }

    private static String normalize(String field, String value) throws Exception {
        // tshark compresses IPv6 addresses its own way; compare the addresses, not the spelling.
        return field.endsWith(".ipv6") ? InetAddress.getByName(value).getHostAddress() : value;
    }

    private static String hex2(int v) {
        return String.format("0x%02x", v);
    }

    private static String hex4(int v) {
        return String.format("0x%04x", v);
    }

    private static String bit(int flags, int mask) {
        return (flags & mask) != 0 ? "1" : "0";
    }

    /** Our span names, per subtype, and the tshark field that covers the same octets. */
    private static String tsharkName(String span, ByteRange range) {
        return switch (span) {
            case "kind" -> "tcp.option_kind";
            case "length" -> "tcp.option_len";
            case "subtypeByte" -> P + "subtype";
            case "flags" -> P + "flags";
            case "senderKey" -> P + "sendkey";
            case "receiverKey" -> P + "recvkey";
            case "dataLevelLength" -> P + "datalvllen";
            case "checksum" -> P + "checksum";
            case "addressId" -> P + "addrid";
            case "receiverToken" -> P + "recvtok";
            case "senderRandom" -> P + "sendrand";
            case "senderTruncatedHmac" -> P + "sendtrunchmac";
            case "senderHmac" -> P + "sendhmac";
            case "dataAck" -> P + "rawdataack";
            case "dataSequenceNumber" -> P + "rawdataseqno";
            case "subflowSequenceNumber" -> P + "subflowseqno";
            case "address" -> P + (range.length() == 4 ? "ipv4" : "ipv6");
            case "port" -> P + "port";
            case "truncatedHmac" -> P + "addaddrtrunchmac";
            case "reason" -> P + "rst_reason";
            default -> span.startsWith("addressIds[") ? P + "addrid" : null;
        };
    }

    @Test
    void everyFieldSpanMatchesTshark() throws Exception {
        Document pdml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Tshark.run(capture, List.of("-T", "pdml")))));
        NodeList packets = pdml.getElementsByTagName("packet");
        assertEquals(FRAMES.size(), packets.getLength());
        for (int i = 0; i < FRAMES.size(); i++) {
            byte[] frame = FRAMES.get(i);
            MptcpOption decoded = MptcpOptionDissector.dissect(frame, OPTION_OFFSET, frame[OPTION_OFFSET + 1] & 0xff);
            Set<String> ours = new TreeSet<>();
            for (Map.Entry<String, ByteRange> span : MptcpOptionLayout.fieldSpans(frame, OPTION_OFFSET).entrySet()) {
                String name = tsharkName(span.getKey(), span.getValue());
                boolean checksumQuirk = decoded instanceof Dss d && name != null && name.equals(P + "checksum")
                        && d.length() < d.lengthWithoutChecksum() + 4;
                if (name != null && !checksumQuirk) {
                    ours.add(name + "@" + span.getValue().offset() + "+" + span.getValue().length());
                }
            }
            Set<String> theirs = new TreeSet<>();
            NodeList fields = ((Element) packets.item(i)).getElementsByTagName("field");
            for (int f = 0; f < fields.getLength(); f++) {
                Element field = (Element) fields.item(f);
                String name = field.getAttribute("name");
                int pos = Integer.parseInt(field.getAttribute("pos"));
                boolean inOption = ((Element) field.getParentNode()).getAttribute("name").equals("mptcp");
                // JOIN/PRIO/TCPRST flags live in the subtype octet, which our layout lists as subtypeByte.
                boolean flagsInSubtypeOctet = name.equals(P + "flags") && pos == OPTION_OFFSET + 2;
                if (inOption && MAPPED.contains(name) && !flagsInSubtypeOctet) {
                    theirs.add(name + "@" + pos + "+" + field.getAttribute("size"));
                }
            }
            assertEquals(theirs, ours, "packet " + (i + 1) + ": " + decoded);
        }
    }

    private static final Set<String> MAPPED = Set.of("tcp.option_kind", "tcp.option_len", P + "subtype",
            P + "flags", P + "sendkey", P + "recvkey", P + "datalvllen", P + "checksum", P + "addrid", P + "recvtok",
            P + "sendrand", P + "sendtrunchmac", P + "sendhmac", P + "rawdataack", P + "rawdataseqno",
            P + "subflowseqno", P + "ipv4", P + "ipv6", P + "port", P + "addaddrtrunchmac", P + "rst_reason");
}
