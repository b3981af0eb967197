package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpinspect.cli.ReadCommandTest.Result;
import org.mptcpinspect.dissector.fields.Expert;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;

/**
 * read's tshark options against tshark 4.0 on every kernel capture in testdata/pcaps: the text
 * outputs of -x, -P -x, -V -x, -O tcp, -O ip,tcp and -n -P -O eth,sll byte for byte, and -T fields
 * of every field the -o preferences change, under each setting (and read -2 with
 * mptcp.intersubflows_retransmission off). Both outputs are compared less the differences
 * testdata/pcaps/README.md lists, each removed by a rule named below; anything else fails.
 *
 * <p>Where tshark is installed every comparison runs against its fresh output, and the SHA-256 of
 * that output (less the listed differences) is kept in {@link #DIGESTS}; where it is not, our
 * output's digest is compared with the recorded one.
 */
class TsharkOptionsOracleTest {
    private static final Path ROOT = TsharkFieldsOracleTest.projectRoot();
    private static final Path LAB = ROOT.resolve("testdata/pcaps");
    private static final Path DIGESTS = ROOT.resolve("cli/src/test/resources/oracle/tshark-options.sha256");

    /** tshark with the MPTCP analysis read does by default. */
    private static final List<String> ANALYSIS = List.of("-o", "mptcp.analyze_mappings:TRUE", "-o",
            "mptcp.intersubflows_retransmission:TRUE");

    private static final List<List<String>> TEXT_VARIANTS = List.of(List.of("-x"), List.of("-P", "-x"),
            List.of("-V", "-x"), List.of("-O", "tcp"), List.of("-O", "ip,tcp"), List.of("-n", "-P", "-O", "eth,sll"),
            List.of("-V", "-o", "mptcp.relative_sequence_numbers:FALSE"));

    /** Each -o setting, as given to read (tshark gets {@link #ANALYSIS} first). */
    private static final List<List<String>> SETTINGS = List.of(List.of("mptcp.analyze_mptcp:FALSE"),
            List.of("mptcp.analyze_mappings:FALSE"), List.of("mptcp.intersubflows_retransmission:FALSE"),
            List.of("mptcp.analyze_mappings:FALSE", "mptcp.intersubflows_retransmission:FALSE"),
            List.of("tcp.relative_sequence_numbers:FALSE"), List.of("mptcp.relative_sequence_numbers:FALSE"),
            List.of("mptcp.analyze_mappings:FALSE", "mptcp.relative_sequence_numbers:FALSE"));

    /** What the preferences change, and what locates it (frame.number, tcp.len, the MPTCP subtype). */
    private static final List<String> PREFERENCE_FIELDS = List.of("frame.number", "tcp.len",
            "tcp.options.mptcp.subtype", "tcp", "tcp.seq", "tcp.seq_raw", "tcp.nxtseq", "tcp.ack", "tcp.ack_raw",
            "tcp.options.sack_le", "tcp.options.sack_re", "mptcp.analysis", "mptcp.master", "mptcp.stream",
            "mptcp.analysis.subflows", "mptcp.related_mapping", "mptcp.rawdsn64", "mptcp.dsn", "mptcp.reinjection_of",
            "mptcp.dss.missing_mapping", "mptcp.ack", "mptcp.dss.dsn", "mptcp.expected_token", "mptcp.expected_idsn");

    private static final List<String> MAPPING_FIELDS = TsharkDifferences.MAPPING_FIELDS;

    private static OracleRecording recording;
    private static long comparedFrames;
    private static long comparedValues;

    @BeforeAll
    static void setUp() throws Exception {
        recording = new OracleRecording(DIGESTS);
    }

    @AfterAll
    static void saveDigests() throws Exception {
        recording.save("tshark options oracle: " + comparedFrames + " frames of text output, " + comparedValues
                + " field values compared");
    }

    @TestFactory
    Stream<DynamicTest> textOutputs() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> TEXT_VARIANTS.stream().map(v ->
                DynamicTest.dynamicTest(capture.getFileName() + " " + String.join(" ", v), () -> compareText(capture, v))));
    }

    @TestFactory
    Stream<DynamicTest> preferenceFields() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> SETTINGS.stream().map(s ->
                DynamicTest.dynamicTest(capture.getFileName() + " -o " + String.join(" -o ", s),
                        () -> compareFields(capture, s))));
    }

    private static void compareText(Path capture, List<String> variant) throws Exception {
        String name = capture.getFileName().toString();
        List<String> ours = new ArrayList<>(List.of("read", capture.toString()));
        ours.addAll(variant);
        Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows(name);
        List<String> tshark = new ArrayList<>(ANALYSIS);
        tshark.addAll(List.of("-r", capture.toString()));
        tshark.addAll(variant);
        String key = name + " " + String.join(" ", variant);
        recording.check(key, tshark, out -> normalizeText(out, true, name, rows), normalizeText(r.out(), false, name, rows));
        comparedFrames += rows.size();
    }

    private static void compareFields(Path capture, List<String> setting) throws Exception {
        String name = capture.getFileName().toString();
        List<String> fields = new ArrayList<>();
        for (String f : PREFERENCE_FIELDS) {
            fields.addAll(List.of("-e", f));
        }
        List<String> ours = new ArrayList<>(List.of("read", capture.toString(), "-T", "fields", "-E", "header=y"));
        setting.forEach(s -> ours.addAll(List.of("-o", s)));
        ours.addAll(fields);
        Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        List<String> tshark = new ArrayList<>(ANALYSIS);
        setting.forEach(s -> tshark.addAll(List.of("-o", s)));
        tshark.addAll(List.of("-r", capture.toString(), "-T", "fields", "-E", "header=y"));
        tshark.addAll(fields);
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows(name);
        boolean raw = setting.contains("tcp.relative_sequence_numbers:FALSE");
        recording.check(name + " -T fields -o " + String.join(" -o ", setting), tshark,
                out -> normalizeFields(out, name, rows, raw), normalizeFields(r.out(), name, rows, raw));
        comparedValues += (long) rows.size() * PREFERENCE_FIELDS.size();
        if (raw) {
            // A display preference: the MPTCP analysis itself must not change with it.
            ours.removeAll(List.of("-o", "tcp.relative_sequence_numbers:FALSE"));
            assertEquals(mptcpColumns(ReadCommandTest.run(ours.toArray(String[]::new)).out()), mptcpColumns(r.out()),
                    name + ": the MPTCP analysis changed with tcp.relative_sequence_numbers");
        }
        if (setting.contains(MPTCP_RAW)) {
            // Also a display preference: only the data sequence numbers' form may change.
            List<String> relative = new ArrayList<>(ours);
            int at = relative.indexOf(MPTCP_RAW);
            relative.subList(at - 1, at + 1).clear();
            assertEquals(withoutColumns(ReadCommandTest.run(relative.toArray(String[]::new)).out(), DSN_FORMS),
                    withoutColumns(r.out(), DSN_FORMS), name + ": more changed with " + MPTCP_RAW);
        }
    }

    private static final String MPTCP_RAW = "mptcp.relative_sequence_numbers:FALSE";

    /** What mptcp.relative_sequence_numbers chooses the form of. */
    private static final Set<String> DSN_FORMS = Set.of("mptcp.dsn", "mptcp.ack", "mptcp.dss.dsn");

    /** A -T fields output with header less the named columns. */
    private static String withoutColumns(String out, Set<String> names) {
        String[] lines = out.split("\n", -1);
        List<String> header = List.of(lines[0].split("\t", -1));
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String[] v = line.split("\t", -1);
            for (int c = 0; c < v.length; c++) {
                if (c >= header.size() || !names.contains(header.get(c))) {
                    sb.append(v[c]).append('\t');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * mptcp.intersubflows_retransmission off also drops read -2's mptcp.reinjected_in, as tshark -2's:
     * join-subflow.pcapng frame 70 is the one link tshark 4.0's second pass keeps (README).
     */
    @Test
    void twoPassReinjectedInFollowsIntersubflowsRetransmission() throws Exception {
        Path capture = LAB.resolve("join-subflow.pcapng");
        for (String value : List.of("TRUE", "FALSE")) {
            String setting = "mptcp.intersubflows_retransmission:" + value;
            Result r = ReadCommandTest.run("read", "-2", capture.toString(), "-o", setting, "-Y", "frame.number == 70",
                    "-T", "fields", "-e", "mptcp.reinjected_in");
            assertEquals(Main.OK, r.code(), r.err());
            assertEquals(value.equals("TRUE") ? "154\n" : "\n", r.out(), setting);
            List<String> tshark = new ArrayList<>(List.of("-2", "-o", "mptcp.analyze_mappings:TRUE", "-o", setting,
                    "-r", capture.toString(), "-Y", "frame.number == 70", "-T", "fields", "-e", "mptcp.reinjected_in"));
            recording.check("join-subflow.pcapng -2 -o " + setting + " mptcp.reinjected_in", tshark, out -> out, r.out());
        }
    }

    // ---- -T fields ----

    /**
     * The rows less the listed differences: a value with a known difference (the frame's MPTCP
     * mapping fields) becomes "~" on both sides; occurrences of mptcp.reinjection_of are sorted (a
     * set, README). With tcp.relative_sequence_numbers off, also the mapping fields of segments
     * that Wireshark maps through an MP_CAPABLE data mapping ({@link #mappedThroughMpCapable}).
     */
    private static String normalizeFields(String out, String capture, Map<Integer, Map<String, String>> rows,
                                          boolean rawSequenceNumbers) {
        String[] lines = out.split("\n", -1);
        String[] header = lines[0].split("\t", -1);
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] values = lines[i].split("\t", -1);
            Set<String> known = TsharkDifferences.knownMappingDifferences(capture, rows, i);
            boolean mpCapable = rawSequenceNumbers && mappedThroughMpCapable(rows, i);
            for (int c = 0; c < header.length; c++) {
                String v = c < values.length ? values[c] : "";
                if (known.contains(header[c]) || mpCapable && MAPPING_FIELDS.contains(header[c])) {
                    v = "~";
                } else if (header[c].equals("mptcp.reinjection_of")) {
                    String[] frames = v.split(",");
                    Arrays.sort(frames);
                    v = String.join(",", frames);
                }
                sb.append(c > 0 ? "\t" : "").append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * With tcp.relative_sequence_numbers off, Wireshark 4.0 files an MP_CAPABLE data mapping under
     * the segment's raw sequence number but looks mappings up by the relative one, so the segments it
     * maps through such a mapping (with the preference on) get "No mapping available" or only their
     * other mappings (README). The test also checks that the preference changes none of our MPTCP fields.
     */
    private static boolean mappedThroughMpCapable(Map<Integer, Map<String, String>> rows, int frame) {
        for (String m : rows.get(frame).getOrDefault("mptcp.related_mapping", "").split(",")) {
            Map<String, String> mapping = m.isEmpty() ? null : rows.get(Integer.parseInt(m));
            if (mapping != null && Arrays.asList(mapping.get("tcp.options.mptcp.subtype").split(",")).contains("0")) {
                return true;
            }
        }
        return false;
    }

    /** The MPTCP analysis columns of a -T fields output (from mptcp.analysis on). */
    private static String mptcpColumns(String out) {
        int first = PREFERENCE_FIELDS.indexOf("mptcp.analysis");
        StringBuilder sb = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            String[] v = line.split("\t", -1);
            sb.append(String.join("\t", Arrays.copyOfRange(v, Math.min(first, v.length), v.length))).append('\n');
        }
        return sb.toString();
    }

    // ---- text ----

    private static final Pattern SUMMARY = Pattern.compile("^ +(\\d+) +-?\\d+\\.\\d+ .*");
    private static final Pattern DUMP = Pattern.compile("^[0-9a-f]{4,8}  .*");
    private static final Pattern FRAME = Pattern.compile("^Frame (\\d+): .*");
    /** ICMPv6 is not dissected: its Info column is tshark's alone. */
    private static final Pattern ICMPV6_INFO = Pattern.compile("^(.* ICMPv6 \\d+)( .*)?$");
    private static final Pattern INTERFACE_ID = Pattern.compile("^(    Interface id: \\d+) \\(.*\\)$");

    /**
     * A text output less the listed differences (testdata/pcaps/README.md), line by line: on summary
     * lines our MPTCP option names and the ICMPv6 Info; in trees, tshark's D-SACK marks,
     * the details of ARP, ICMPv6 and UDP and IPv6 extension headers (not dissected), the pcapng
     * interface's name (not reported by the capture reader), our own experts (Wireshark 4.0 has
     * none), the MPTCP mapping items of frames with a listed difference (TsharkFieldsOracleTest.KNOWN),
     * and the order of mptcp.reinjection_of items (a set).
     */
    static String normalizeText(String text, boolean tshark, String capture,
                                        Map<Integer, Map<String, String>> rows) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> reinjections = new ArrayList<>();
        int frame = 0;
        Set<String> known = Set.of();
        int dropDeeperThan = -1;
        for (String line : text.split("\n", -1)) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (dropDeeperThan >= 0) {
                if (!line.isEmpty() && indent > dropDeeperThan) {
                    continue;
                }
                dropDeeperThan = -1;
            }
            if (!line.trim().startsWith("[Reinjection of: ")) {
                reinjections.sort(null);
                reinjections.forEach(l -> out.append(l).append('\n'));
                reinjections.clear();
            }
            Matcher m;
            if ((m = SUMMARY.matcher(line)).matches()) {
                frame = Integer.parseInt(m.group(1));
                known = TsharkDifferences.knownMappingDifferences(capture, rows, frame);
                line = TsharkDifferences.info(line, tshark);
                if ((m = ICMPV6_INFO.matcher(line)).matches()) {
                    line = m.group(1);
                }
            } else if (DUMP.matcher(line).matches() || line.isEmpty()) {
                // Hex dumps are compared as they are.
            } else if ((m = FRAME.matcher(line)).matches()) {
                frame = Integer.parseInt(m.group(1));
                known = TsharkDifferences.knownMappingDifferences(capture, rows, frame);
                line = TsharkDifferences.unknownInterface(line);
            } else if (tshark && (line.startsWith("    IPv6 Hop-by-Hop Option")
                    || line.trim().equals("D-SACK Sequence"))) {
                dropDeeperThan = indent;
                continue;
            } else if (tshark && (line.startsWith("        Interface name: ") || line.startsWith("    Section number: ")
                    || line.trim().startsWith("[D-SACK "))) {
                continue;
            } else if (tshark && indent == 0 && (line.startsWith("Address Resolution Protocol")
                    || line.startsWith("Internet Control Message Protocol v6") || line.startsWith("User Datagram Protocol"))) {
                dropDeeperThan = indent;
            } else if (tshark && (m = INTERFACE_ID.matcher(line)).matches()) {
                line = m.group(1);
            } else if (!tshark && isExpert(line, MptcpTreeOracleTest.OUR_EXPERTS)) {
                dropDeeperThan = indent;
                continue;
            } else if (indent == 8 && knownItem(line, known)) {
                if (line.trim().startsWith("[Expert Info")) {
                    dropDeeperThan = indent;
                }
                continue;
            } else if (line.trim().startsWith("[Reinjection of: ")) {
                reinjections.add(line);
                continue;
            }
            out.append(line).append('\n');
        }
        reinjections.sort(null);
        reinjections.forEach(l -> out.append(l).append('\n'));
        // The split gives one line after the final newline; keep the text's own ending.
        return out.substring(0, Math.max(0, out.length() - 1));
    }

    private static boolean isExpert(String line, List<Expert> experts) {
        String trimmed = line.trim();
        for (Expert e : experts) {
            if (trimmed.equals(MptcpTreeOracleTest.expertHead(e))) {
                return true;
            }
        }
        return false;
    }

    /** An "[MPTCP analysis]" item of a field whose difference in this frame is listed. */
    private static boolean knownItem(String line, Set<String> known) {
        String t = line.trim();
        return known.contains("mptcp.related_mapping") && t.startsWith("[Related mapping: ")
                || known.contains("mptcp.rawdsn64") && (t.startsWith("Raw Data Sequence Number: ")
                        || t.startsWith("[Raw Data Sequence Number: ")) // generated: mptcp.relative_sequence_numbers off
                || known.contains("mptcp.dsn") && t.startsWith("[Data Sequence Number: ")
                || known.contains("mptcp.reinjection_of") && t.startsWith("[Reinjection of: ")
                || known.contains("mptcp.dss.missing_mapping")
                        && t.equals(MptcpTreeOracleTest.expertHead(MptcpAnalysisFields.EXPERT_MISSING_MAPPING));
    }

    /** The normalization removes only what it names: two outputs that differ elsewhere still differ. */
    @Test
    void normalizationKeepsOtherDifferences() throws Exception {
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows("loss-reinjection.pcap");
        String tree = "Frame 351: 1520 bytes\n    IPv6 Hop-by-Hop Option\n        Length: 0\n"
                + "    [MPTCP analysis]\n        [Stream index: 0]\n        [Reinjection of: 345]\n";
        String ours = tree.replace("    IPv6 Hop-by-Hop Option\n        Length: 0\n", "")
                .replace("345", "298");
        // Frame 351's reinjection_of is a listed difference (tshark names 345, we 298); the IPv6 option goes.
        assertEquals(normalizeText(tree, true, "loss-reinjection.pcap", rows),
                normalizeText(ours, false, "loss-reinjection.pcap", rows));
        assertNotEquals(normalizeText(tree.replace("Frame 351", "Frame 350"), true, "loss-reinjection.pcap", rows),
                normalizeText(ours.replace("Frame 351", "Frame 350"), false, "loss-reinjection.pcap", rows));
        // The TCP analysis' Info prefixes are compared.
        assertTrue(normalizeText("    3   0.000034    192.0.2.1 \u2192 192.0.2.2    MPTCP 84 [TCP Window Update] 1 \u2192 2"
                + " [ACK] Seq=0", true, "x", rows).endsWith("MPTCP 84 [TCP Window Update] 1 \u2192 2 [ACK] Seq=0"));
    }
}
