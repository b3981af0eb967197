package org.mptcpinspect.dissector.mptcp;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * tshark 4.0's display rules for the tcp.options.mptcp.* fields, applied to our records, so the
 * cross-check tests can compare with what tshark prints. (Test code: the product's own field
 * mapping lives elsewhere and is checked against tshark on its own.)
 */
final class TsharkMptcpFields {
    static final String P = "tcp.options.mptcp.";
    /** Every field tshark 4.0 registers under tcp.options.mptcp, plus the generated removed-address count. */
    static final List<String> FIELDS = List.of(P + "subtype", P + "version", P + "reserved", P + "flags",
            P + "backup.flag", P + "checksumreq.flags", P + "extensibility.flag", P + "nomoresubflows.flag",
            P + "sha1.flag", P + "sha256.flag", P + "datafin.flag", P + "dseqn8.flag", P + "dseqnpresent.flag",
            P + "dataack8.flag", P + "dataackpresent.flag", P + "reserved.flag", P + "flag_U.flag",
            P + "flag_V.flag", P + "flag_W.flag", P + "flag_T.flag", P + "rst_reason", P + "addrid", P + "sendkey",
            P + "recvkey", P + "recvtok", P + "sendrand", P + "sendtrunchmac", P + "sendhmac",
            P + "addaddrtrunchmac", P + "rawdataack", P + "rawdataseqno", P + "subflowseqno", P + "datalvllen",
            P + "checksum", P + "ipver", P + "echo", P + "ipv4", P + "ipv6", P + "port", "mptcp.rm_addr.count");
    /** Key of {@link #shownFields}' rows set when tshark flagged the packet as malformed. */
    static final String MALFORMED = "_ws.malformed";

    private TsharkMptcpFields() {
    }

    /** Per packet, in capture order: every MPTCP field tshark shows, with its value(s) as printed. */
    static List<Map<String, String>> shownFields(Path capture) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "header=n", "-E", "occurrence=a",
                "-E", "aggregator=,", "-e", MALFORMED));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        List<Map<String, String>> packets = new ArrayList<>();
        for (String row : Tshark.run(capture, args).split("\n")) {
            String[] columns = row.split("\t", -1);
            Map<String, String> shown = new TreeMap<>();
            if (!columns[0].isEmpty()) {
                shown.put(MALFORMED, columns[0]);
            }
            for (int f = 0; f < FIELDS.size(); f++) {
                if (!columns[f + 1].isEmpty()) {
                    shown.put(FIELDS.get(f), normalize(FIELDS.get(f), columns[f + 1]));
                }
            }
            packets.add(shown);
        }
        return packets;
    }

    /**
     * Per packet, in capture order: "field@offset+length" of every MPTCP field tshark places in the
     * frame (PDML), for the fields {@link #tsharkName} maps our spans to.
     */
    static List<Set<String>> shownSpans(Path capture) throws Exception {
        Document pdml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Tshark.run(capture, List.of("-T", "pdml")))));
        NodeList packets = pdml.getElementsByTagName("packet");
        List<Set<String>> result = new ArrayList<>();
        for (int i = 0; i < packets.getLength(); i++) {
            Set<String> spans = new TreeSet<>();
            NodeList fields = ((Element) packets.item(i)).getElementsByTagName("field");
            for (int f = 0; f < fields.getLength(); f++) {
                Element field = (Element) fields.item(f);
                Element parent = (Element) field.getParentNode();
                if (!parent.getAttribute("name").equals("mptcp") || !MAPPED.contains(field.getAttribute("name"))) {
                    continue;
                }
                int pos = Integer.parseInt(field.getAttribute("pos"));
                // JOIN/PRIO/TCPRST flags live in the subtype octet, which our layout lists as subtypeByte.
                if (field.getAttribute("name").equals(P + "flags")
                        && pos == Integer.parseInt(parent.getAttribute("pos")) + 2) {
                    continue;
                }
                spans.add(field.getAttribute("name") + "@" + pos + "+" + field.getAttribute("size"));
            }
            result.add(spans);
        }
        return result;
    }

    /** Our {@link MptcpOptionLayout} spans of the options in {@code frame}, named as {@link #shownSpans} names them. */
    static Set<String> ourSpans(byte[] frame, List<MptcpOption> options) {
        Set<String> spans = new TreeSet<>();
        for (MptcpOption option : options) {
            for (Map.Entry<String, ByteRange> span : MptcpOptionLayout.fieldSpans(frame, option.offset()).entrySet()) {
                String name = tsharkName(span.getKey(), span.getValue());
                // Wireshark 4.0 shows the DSS checksum only with four octets after the data-level length.
                boolean checksumQuirk = option instanceof Dss d && (P + "checksum").equals(name)
                        && d.length() < d.lengthWithoutChecksum() + 4;
                if (name != null && !checksumQuirk) {
                    spans.add(name + "@" + span.getValue().offset() + "+" + span.getValue().length());
                }
            }
        }
        return spans;
    }

    /** The fields tshark prints for the MPTCP options of one packet: values of repeated fields joined by ",". */
    static Map<String, String> expected(List<MptcpOption> options) {
        Map<String, String> joined = new TreeMap<>();
        for (MptcpOption option : options) {
            expected(option).forEach((field, value) -> joined.merge(field, value, (a, b) -> a + "," + b));
        }
        return joined;
    }

    /** What tshark 4.0 prints for each field of a decoded option (its display rules, not ours). */
    static Map<String, String> expected(MptcpOption option) {
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

    static String normalize(String field, String value) throws UnknownHostException {
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

    /** Our span names and the tshark field that covers the same octets. */
    static String tsharkName(String span, ByteRange range) {
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

    static final Set<String> MAPPED = Set.of("tcp.option_kind", "tcp.option_len", P + "subtype",
            P + "flags", P + "sendkey", P + "recvkey", P + "datalvllen", P + "checksum", P + "addrid", P + "recvtok",
            P + "sendrand", P + "sendtrunchmac", P + "sendhmac", P + "rawdataack", P + "rawdataseqno",
            P + "subflowseqno", P + "ipv4", P + "ipv6", P + "port", P + "addaddrtrunchmac", P + "rst_reason");
}
