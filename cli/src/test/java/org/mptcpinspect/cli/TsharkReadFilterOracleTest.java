package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpinspect.cli.ReadCommandTest.Result;

/**
 * {@code read -2 -R FILTER} against {@code tshark -2 -R FILTER} on every kernel capture in
 * testdata/pcaps, for a set of read filters: -T fields of every field, the summary lines and the
 * -V trees, less the listed differences (testdata/pcaps/README.md): those of a single pass
 * (TsharkOptionsOracleTest's text rules) and those of tshark's second pass, whose MPTCP mapping
 * fields are checked instead against tshark's single pass of the same frames, renumbered as the
 * read filter numbers them ({@link #mappingFieldsAsSinglePass}).
 *
 * <p>Where tshark is installed every comparison runs against its fresh output and records its
 * SHA-256; where it is not, our output's digest is compared with the record.
 */
class TsharkReadFilterOracleTest {
    private static final Path ROOT = TsharkFieldsOracleTest.projectRoot();
    private static final Path DIGESTS = ROOT.resolve("cli/src/test/resources/oracle/tshark-read-filter.sha256");

    /** tshark with the MPTCP analysis read does by default. */
    private static final List<String> ANALYSIS = List.of("-o", "mptcp.analyze_mappings:TRUE", "-o",
            "mptcp.intersubflows_retransmission:TRUE");

    /**
     * Read filters: by protocol, payload, stream, direction, MPTCP option; frame.number as tshark's
     * first pass numbers frames (one more than the frames kept so far: "> 10" keeps none).
     */
    static final List<String> FILTERS = List.of("mptcp", "tcp.len > 0", "tcp.stream == 1", "tcp.srcport == 8000",
            "tcp.options.mptcp.subtype == 2", "!(tcp.flags.syn == 1)", "frame.number <= 10", "frame.number > 10");

    /** The filters whose -V trees are compared too (the trees are large). */
    private static final List<String> TREE_FILTERS = List.of("tcp.len > 0", "tcp.stream == 1", "mptcp");

    /**
     * The MPTCP mapping fields tshark 4.0's second pass loses or misplaces (README, "Two-pass
     * analysis"): compared with its single pass instead.
     */
    private static final List<String> SECOND_PASS_MAPPING = List.of("mptcp.related_mapping", "mptcp.rawdsn64",
            "mptcp.dsn", "mptcp.ack", "mptcp.dss.dsn", "mptcp.dss.missing_mapping", "mptcp.reinjection_of",
            "mptcp.reinjected_in");

    /** Frame lists, renumbered as the read filter numbers frames. */
    private static final List<String> FRAME_LISTS = List.of("mptcp.related_mapping", "mptcp.reinjection_of");

    /** What places a frame among the single pass's rows. */
    private static final List<String> SIGNATURE = List.of("frame.time_epoch", "frame.len", "tcp.stream",
            "tcp.seq_raw", "tcp.ack_raw");

    /** The SYN's "[MPTCP analysis]" tshark -2 -T fields does not show (README: fallback-tcp-server frame 3). */
    private static final List<String> SYN_SUBTREE = List.of("mptcp.analysis", "mptcp.master", "mptcp.stream",
            "mptcp.analysis.subflows");

    private static OracleRecording recording;
    private static long comparedRows;

    @BeforeAll
    static void setUp() throws Exception {
        recording = new OracleRecording(DIGESTS);
    }

    @AfterAll
    static void saveDigests() throws Exception {
        recording.save("tshark read filter oracle: " + comparedRows + " lines of -T fields, summary lines and -V trees compared");
    }

    @TestFactory
    Stream<DynamicTest> fields() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> FILTERS.stream().map(f ->
                DynamicTest.dynamicTest(capture.getFileName() + " -2 -R " + f + " -T fields", () -> compareFields(capture, f))));
    }

    @TestFactory
    Stream<DynamicTest> summaryLines() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> FILTERS.stream().map(f ->
                DynamicTest.dynamicTest(capture.getFileName() + " -2 -R " + f, () -> compareText(capture, f, List.of()))));
    }

    @TestFactory
    Stream<DynamicTest> trees() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> TREE_FILTERS.stream().map(f ->
                DynamicTest.dynamicTest(capture.getFileName() + " -2 -R " + f + " -V",
                        () -> compareText(capture, f, List.of("-V")))));
    }

    @TestFactory
    Stream<DynamicTest> mappingFieldsAsSinglePass() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> FILTERS.stream().map(f ->
                DynamicTest.dynamicTest(capture.getFileName() + " -2 -R " + f + " mapping fields",
                        () -> compareMappingFields(capture, f))));
    }

    private static List<String> fieldArgs(List<String> fields) {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "header=y"));
        for (String f : fields) {
            args.addAll(List.of("-e", f));
        }
        return args;
    }

    private static Result ours(Path capture, String filter, List<String> options) {
        List<String> args = new ArrayList<>(List.of("read", capture.toString(), "-2", "-R", filter));
        args.addAll(options);
        Result r = ReadCommandTest.run(args.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        return r;
    }

    private static List<String> tshark(Path capture, String filter, List<String> options) {
        List<String> args = new ArrayList<>(ANALYSIS);
        args.addAll(List.of("-r", capture.toString(), "-2", "-R", filter));
        args.addAll(options);
        return args;
    }

    private static void compareFields(Path capture, String filter) throws Exception {
        String name = capture.getFileName().toString();
        List<String> fields = new ArrayList<>(TsharkFieldsOracleTest.comparedFields());
        fields.removeAll(SECOND_PASS_MAPPING);
        // A dropped frame's TCP analysis lands on the next kept frame in tshark -2 -R (README).
        fields.removeIf(f -> f.startsWith("tcp.analysis"));
        List<String> options = fieldArgs(fields);
        Result r = ours(capture, filter, options);
        recording.check(name + " -2 -R " + filter + " -T fields", tshark(capture, filter, options),
                out -> normalizeFields(out, true, name), normalizeFields(r.out(), false, name));
        comparedRows += r.out().chars().filter(c -> c == '\n').count() - 1;
    }

    /**
     * Long values as TsharkFieldsOracleTest records them; tshark's pcapng interface names as ours
     * ("unknown"); in fallback-tcp-server, the SYN's "[MPTCP analysis]" fields, which tshark -2
     * -T fields leaves out (README, "Two-pass analysis").
     */
    private static String normalizeFields(String out, boolean tshark, String capture) {
        // The frame label first: long values become a hash.
        String[] lines = TsharkFieldsOracleTest.normalize(tshark ? labelsAsOurs(out) : out).split("\n", -1);
        List<String> header = List.of(lines[0].split("\t", -1));
        int flags = header.indexOf("tcp.flags");
        boolean fallback = capture.startsWith("fallback-tcp-server.");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] v = lines[i].split("\t", -1);
            if (fallback && v[flags].equals("0x0002")) {
                for (String f : SYN_SUBTREE) {
                    v[header.indexOf(f)] = "";
                }
            }
            sb.append(String.join("\t", v)).append('\n');
        }
        return sb.toString();
    }

    private static String labelsAsOurs(String out) {
        StringBuilder sb = new StringBuilder(out.length());
        for (String line : out.split("\n", -1)) {
            sb.append(TsharkDifferences.unknownInterface(line)).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static void compareText(Path capture, String filter, List<String> options) throws Exception {
        String name = capture.getFileName().toString();
        Result r = ours(capture, filter, options);
        String key = name + " -2 -R " + filter + (options.isEmpty() ? "" : " " + String.join(" ", options));
        recording.check(key, tshark(capture, filter, options), out -> normalizeText(out, true, name),
                normalizeText(r.out(), false, name));
        comparedRows += r.out().chars().filter(c -> c == '\n').count();
    }

    /**
     * The single pass's listed text differences, and the second pass's MPTCP mapping items left
     * out; in fallback-tcp-server the SYN's "[MPTCP analysis]", which tshark -2 shows or not
     * depending on the frames before it (README, "Two-pass analysis").
     */
    private static String normalizeText(String text, boolean tshark, String capture) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean fallback = capture.startsWith("fallback-tcp-server.");
        boolean syn = false;
        int dropDeeperThan = -1;
        for (String line : text.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (dropDeeperThan >= 0 && !line.isEmpty() && indent > dropDeeperThan) {
                continue;
            }
            dropDeeperThan = -1;
            String t = line.trim();
            if (line.startsWith("Frame ")) {
                syn = false;
            } else if (t.equals("Flags: 0x002 (SYN)")) {
                syn = true;
            }
            if (SECOND_PASS_ITEMS.stream().anyMatch(t::startsWith)) {
                continue;
            }
            if (t.startsWith("[Expert Info (Warning/Protocol): No mapping available]")
                    || fallback && syn && t.equals("[MPTCP analysis]") || line.equals("    [SEQ/ACK analysis]")) {
                dropDeeperThan = indent;
                continue;
            }
            sb.append(TCP_ANALYSIS_INFO.matcher(line).replaceAll("")).append('\n');
        }
        return TsharkOptionsOracleTest.normalizeText(sb.substring(0, Math.max(0, sb.length() - 1)), tshark, capture,
                Map.of());
    }

    /**
     * The summary line's TCP analysis prefixes ("[TCP Dup ACK 49#1] "): in tshark -2 -R a dropped
     * frame's analysis lands on the next kept frame (README), so the SEQ/ACK analysis is compared
     * by the single-pass oracles only.
     */
    private static final java.util.regex.Pattern TCP_ANALYSIS_INFO = java.util.regex.Pattern.compile("\\[TCP [^\\]]*\\] ");

    /** The -V items of {@link #SECOND_PASS_MAPPING}. */
    private static final List<String> SECOND_PASS_ITEMS = List.of("[Related mapping: ", "Raw Data Sequence Number: ",
            "[Data Sequence Number: ", "[Multipath TCP Data ACK: ", "[Reinjection of: ", "[Data reinjected in: ",
            "[DSS Data Sequence Number: ", "No mapping available");

    /**
     * The mapping fields of each kept frame equal tshark's single pass for that frame (less its
     * listed differences), frame numbers renumbered as the read filter numbers frames: a frame's
     * number is one more than the frames kept before it.
     */
    private static void compareMappingFields(Path capture, String filter) throws Exception {
        String name = capture.getFileName().toString();
        List<String> fields = new ArrayList<>(SIGNATURE);
        List<String> compared = SECOND_PASS_MAPPING.stream().filter(f -> !f.equals("mptcp.reinjected_in")).toList();
        fields.addAll(compared);
        String[] lines = ours(capture, filter, fieldArgs(fields)).out().split("\n");
        Map<Integer, Map<String, String>> base = TsharkDifferences.baseRows(name);
        // Each kept row is the next single-pass row with its signature (frames keep their order).
        List<Integer> kept = new ArrayList<>();
        int next = 1;
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split("\t", -1);
            while (base.containsKey(next) && !signature(base.get(next)).equals(Arrays.asList(v).subList(0, SIGNATURE.size()))) {
                next++;
            }
            assertTrue(base.containsKey(next), name + ": kept row " + i + " is no frame of the single pass: " + lines[i]);
            kept.add(next++);
        }
        for (int i = 0; i < kept.size(); i++) {
            int frame = kept.get(i);
            String[] v = lines[i + 1].split("\t", -1);
            Set<String> known = TsharkDifferences.knownMappingDifferences(name, base, frame);
            for (int c = 0; c < compared.size(); c++) {
                String field = compared.get(c);
                if (known.contains(field)) {
                    continue;
                }
                String expected = base.get(frame).get(field);
                if (FRAME_LISTS.contains(field)) {
                    expected = renumbered(expected, kept);
                }
                String ours = v[SIGNATURE.size() + c];
                if (field.equals("mptcp.reinjection_of")) {
                    expected = String.valueOf(new TreeSet<>(List.of(expected.split(","))));
                    ours = String.valueOf(new TreeSet<>(List.of(ours.split(","))));
                }
                assertEquals(expected, ours, name + " -2 -R " + filter + ": frame " + (i + 1) + " (single pass "
                        + frame + ") " + field);
            }
        }
        comparedRows += kept.size();
    }

    private static List<String> signature(Map<String, String> row) {
        return SIGNATURE.stream().map(row::get).toList();
    }

    /** Frame numbers of the single pass as the read filter numbers them: 1 + the kept frames before. */
    private static String renumbered(String frames, List<Integer> kept) {
        if (frames.isEmpty()) {
            return frames;
        }
        List<String> out = new ArrayList<>();
        for (String f : frames.split(",")) {
            int n = Integer.parseInt(f);
            int before = 0;
            while (before < kept.size() && kept.get(before) < n) {
                before++;
            }
            out.add(String.valueOf(before + 1));
        }
        return String.join(",", out);
    }

    /** The first pass numbers frames as tshark's: a filter on frame.number sees 1 until a frame is kept. */
    @Test
    void framesAreNumberedAsKept() {
        String capture = ROOT.resolve("testdata/pcaps/loss-reinjection.pcap").toString();
        assertEquals("", ReadCommandTest.run("read", capture, "-2", "-R", "frame.number > 10").out());
        Result r = ReadCommandTest.run("read", capture, "-2", "-R", "tcp.len > 0", "-c", "7", "-T", "fields",
                "-e", "frame.number", "-e", "tcp.seq");
        // Frames 6 and 8 carry data; -c 7 ends at the first kept frame once 7 were read (tshark's -c).
        assertEquals("1\t1\n2\t1425\n", r.out());
        Result alone = ReadCommandTest.run("read", capture, "-R", "tcp");
        assertEquals(Main.USAGE, alone.code());
        assertEquals("mptcp-inspect read: -R without -2 is deprecated. For single-pass filtering use -Y.\n", alone.err());
    }

    /** A kept frame's frame.time_delta is from the previous kept frame; number 1 stands for the file's first. */
    @Test
    void timeDeltasFollowKeptFrames() {
        String capture = ROOT.resolve("testdata/pcaps/loss-reinjection.pcap").toString();
        Result r = ReadCommandTest.run("read", capture, "-2", "-R", "tcp.len > 0", "-c", "10", "-T", "fields",
                "-e", "frame.number", "-e", "frame.time_relative", "-e", "frame.time_delta",
                "-e", "frame.time_delta_displayed");
        assertEquals("1\t0.036735000\t0.000000000\t0.000000000\n2\t0.036807000\t0.036807000\t0.036807000\n"
                + "3\t0.036814000\t0.000007000\t0.000007000\n", r.out());
    }
}
