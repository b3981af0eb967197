package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.cli.ReadCommandTest.Result;

/**
 * {@code read -2} (two-pass analysis) on every kernel capture in testdata/pcaps, frame by frame,
 * against tshark: mptcp.reinjected_in, and the items tshark's second pass fills from later frames
 * (tcp.completeness of the whole conversation, all of the connection's subflows, the first SYN's
 * "[MPTCP analysis]"); every other field as in a single pass.
 *
 * <p>Wireshark defines mptcp.reinjected_in as the other side of the lookup that gives
 * mptcp.reinjection_of (a frame whose DSNs another subflow carried again later names those later
 * frames), so the main oracle is single-pass tshark's mptcp.reinjection_of, inverted; the frames
 * whose reinjection_of is a listed difference ({@link TsharkFieldsOracleTest#KNOWN}) may differ
 * there. {@code tshark -2} itself is compared too: where it shows a value ours must equal it; where
 * it shows none, ours must be what its own single pass implies (Wireshark 4.0's second pass loses
 * most of them: testdata/pcaps/README.md).
 */
class TwoPassOracleTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");
    private static final String OF = "mptcp.reinjection_of";
    private static final String IN = "mptcp.reinjected_in";
    private static final List<String> FIELDS = List.of("-T", "fields", "-E", "header=y", "-e", "frame.number",
            "-e", OF, "-e", IN);
    /** What tshark's second pass takes from the whole capture: compared with tshark -2 on every frame. */
    private static final List<String> LOOK_AHEAD = List.of("tcp.completeness", "tcp.analysis.initial_rtt",
            "mptcp.analysis", "mptcp.master", "mptcp.stream", "mptcp.analysis.subflows");
    /** The connection's first SYN sits at the client's IDSN, known once the first pass saw its (v1) key. */
    private static final List<String> SYN_DSN = List.of("mptcp.rawdsn64", "mptcp.dsn");
    /** Where tshark -2 -T fields shows no "[MPTCP analysis]" though its -V does (testdata/pcaps/README.md). */
    private static final Set<String> SYN_SUBTREE_ONLY_IN_TREE = Set.of("fallback-tcp-server.pcap 3",
            "fallback-tcp-server.pcapng 3");

    private static List<String> tsharkFields() {
        List<String> args = new ArrayList<>(FIELDS);
        for (String f : LOOK_AHEAD) {
            args.addAll(List.of("-e", f));
        }
        for (String f : SYN_DSN) {
            args.addAll(List.of("-e", f));
        }
        args.addAll(List.of("-e", "tcp.flags"));
        return args;
    }

    @TestFactory
    Stream<DynamicTest> labCaptures() throws IOException {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> compare(c)));
    }

    private static void compare(Path capture) throws Exception {
        String name = capture.getFileName().toString();
        List<Map<String, String>> ours = ours(capture, true);
        List<Map<String, String>> single = ours(capture, false);
        List<Map<String, String>> tsharkSingle = rows(Tshark.readGzip(LAB.resolve(name + ".tshark-fields.tsv.gz")));
        List<String> twoPassArgs = new ArrayList<>(List.of("-2", "-o", "mptcp.analyze_mappings:TRUE", "-o",
                "mptcp.intersubflows_retransmission:TRUE", "-r", capture.toString()));
        twoPassArgs.addAll(tsharkFields());
        List<Map<String, String>> tsharkTwoPass = rows(Tshark.recorded(
                LAB.resolve(name + ".tshark-2-fields.tsv.gz"), twoPassArgs, UnaryOperator.identity()));
        List<String> ourArgs = new ArrayList<>(List.of("read", "-2", capture.toString()));
        ourArgs.addAll(tsharkFields());
        Result lookAhead = ReadCommandTest.run(ourArgs.toArray(String[]::new));
        assertEquals(0, lookAhead.code(), lookAhead.err());
        List<Map<String, String>> oursLookAhead = rows(lookAhead.out());
        assertEquals(tsharkTwoPass.size(), oursLookAhead.size(), "number of packets");
        assertEquals(tsharkSingle.size(), ours.size(), "number of packets");
        assertEquals(tsharkTwoPass.size(), ours.size(), "number of packets");
        assertEquals(single.size(), ours.size(), "number of packets");

        // The inverse of tshark's single-pass mptcp.reinjection_of.
        Map<String, Set<String>> inverse = new HashMap<>();
        for (Map<String, String> row : tsharkSingle) {
            for (String original : set(row.get(OF))) {
                inverse.computeIfAbsent(original, k -> new TreeSet<>()).add(row.get("frame.number"));
            }
        }
        List<String> differences = new ArrayList<>();
        int shown = 0;
        int twoPassAgrees = 0;
        int twoPassLost = 0;
        int lookAheadValues = 0;
        for (int i = 0; i < ours.size(); i++) {
            Map<String, String> o = ours.get(i);
            String frame = o.get("frame.number");
            Map<String, String> t2 = tsharkTwoPass.get(i);
            Map<String, String> o2 = oursLookAhead.get(i);
            List<String> compared = new ArrayList<>(LOOK_AHEAD);
            // The connection's first SYN (tshark's single pass gives it no subtree). On MP_JOIN SYNs
            // tshark -2 shows the other side's IDSN as rawdsn64 (README): not compared.
            if ("0x0002".equals(t2.get("tcp.flags")) && tsharkSingle.get(i).get("mptcp.analysis").isEmpty()) {
                compared.addAll(SYN_DSN);
            }
            for (String field : compared) {
                boolean listed = SYN_SUBTREE_ONLY_IN_TREE.contains(name + " " + frame) && field.startsWith("mptcp.");
                if (!t2.get(field).equals(o2.get(field)) && !listed) {
                    differences.add("frame " + frame + " " + field + ": tshark -2 \"" + t2.get(field) + "\", ours \""
                            + o2.get(field) + "\"");
                }
                lookAheadValues++;
            }
            assertEquals(single.get(i).get(OF), o.get(OF), name + " frame " + frame + ": -2 changed " + OF);
            assertEquals("", single.get(i).get(IN), name + " frame " + frame + ": " + IN + " in a single pass");
            Set<String> in = set(o.get(IN));
            shown += in.size();
            Set<String> expected = new TreeSet<>(inverse.getOrDefault(frame, Set.of()));
            // A frame whose reinjection_of is a listed difference may be in one side's list only.
            in.removeIf(later -> knownReinjection(name, later));
            expected.removeIf(later -> knownReinjection(name, later));
            if (!in.equals(expected)) {
                differences.add("frame " + frame + ": ours " + o.get(IN) + ", tshark's reinjection_of inverted "
                        + inverse.getOrDefault(frame, Set.of()));
            }
            // tshark -2: what it shows we must show; what it lost must be what its single pass gives.
            Map<String, String> t = tsharkTwoPass.get(i);
            assertEquals(frame, t.get("frame.number"));
            for (String field : List.of(OF, IN)) {
                Set<String> theirs = set(t.get(field));
                Set<String> mine = set(o.get(field));
                Set<String> theirSinglePass = field.equals(OF) ? set(tsharkSingle.get(i).get(OF))
                        : inverse.getOrDefault(frame, Set.of());
                if (!theirs.isEmpty()) {
                    if (theirs.equals(mine)) {
                        twoPassAgrees++;
                    } else {
                        differences.add("frame " + frame + " " + field + ": tshark -2 " + theirs + ", ours " + mine);
                    }
                } else if (!mine.isEmpty()) {
                    boolean listed = field.equals(OF) ? knownReinjection(name, frame)
                            : mine.stream().anyMatch(later -> knownReinjection(name, later));
                    if (!mine.equals(theirSinglePass) && !listed) {
                        differences.add("frame " + frame + " " + field + ": tshark -2 none, ours " + mine
                                + ", tshark single pass " + theirSinglePass);
                    }
                    twoPassLost++;
                }
            }
        }
        System.out.println("two-pass " + name + ": " + ours.size() + " frames, " + shown + " reinjected_in shown, "
                + twoPassAgrees + " reinjection values equal to tshark -2's, " + twoPassLost + " that tshark -2 lost, "
                + lookAheadValues + " look-ahead values compared");
        if (!differences.isEmpty()) {
            fail(name + ": " + differences.size() + " differences: " + String.join("; ",
                    differences.subList(0, Math.min(5, differences.size()))));
        }
    }

    private static boolean knownReinjection(String capture, String frame) {
        return TsharkFieldsOracleTest.known(OF, capture, Integer.parseInt(frame), Map.of());
    }

    /** -c limits the first pass too (as tshark -2 -c): a reinjection after the limit is not named. */
    @Test
    void countLimitsTheFirstPass() {
        Path capture = LAB.resolve("loss-reinjection.pcap");
        Map<String, String> all = column(ReadCommandTest.run("read", "-2", capture.toString(), "-T", "fields",
                "-e", "frame.number", "-e", IN));
        Map<String, String> first350 = column(ReadCommandTest.run("read", "-2", capture.toString(), "-c", "350",
                "-T", "fields", "-e", "frame.number", "-e", IN));
        assertEquals(350, first350.size());
        int cut = 0;
        for (Map.Entry<String, String> e : first350.entrySet()) {
            List<String> later = all.get(e.getKey()).isEmpty() ? List.of() : List.of(all.get(e.getKey()).split(","));
            List<String> expected = later.stream().filter(f -> Integer.parseInt(f) <= 350).toList();
            assertEquals(String.join(",", expected), e.getValue(), "frame " + e.getKey());
            cut += later.size() - expected.size();
        }
        assertTrue(cut > 0, "the capture reinjects data after frame 350");
    }

    /** -Y and -T json see mptcp.reinjected_in; the rest of the -V output is the single pass's. */
    @Test
    void filterJsonAndTreeShowIt() {
        String capture = LAB.resolve("loss-reinjection.pcap").toString();
        Map<String, String> in = column(ReadCommandTest.run("read", "-2", capture, "-T", "fields",
                "-e", "frame.number", "-e", IN));
        List<String> withIn = in.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        assertTrue(withIn.size() > 10, "loss-reinjection has reinjections");
        Result filtered = ReadCommandTest.run("read", "-2", capture, "-Y", IN, "-T", "fields", "-e", "frame.number");
        assertEquals(0, filtered.code(), filtered.err());
        assertEquals(String.join("\n", withIn) + "\n", filtered.out());
        Result none = ReadCommandTest.run("read", capture, "-Y", IN, "-T", "fields", "-e", "frame.number");
        assertEquals("", none.out(), "a single pass cannot know later frames");

        String first = withIn.get(0);
        Result json = ReadCommandTest.run("read", "-2", capture, "-T", "json", "-Y", "frame.number == " + first);
        assertTrue(json.out().contains("\"" + IN + "\": \"" + in.get(first) + "\""), json.out());

        Result tree = ReadCommandTest.run("read", "-2", capture, "-V");
        assertEquals(0, tree.code(), tree.err());
        long labels = tree.out().lines().filter(l -> l.startsWith("        [Data reinjected in: ")).count();
        assertEquals(in.values().stream().mapToInt(v -> set(v).size()).sum(), labels);
    }

    /**
     * Every field we support, single pass against -2: only the look-ahead items may differ (and the
     * DSN of the SYNs, reinjected_in).
     */
    @TestFactory
    Stream<DynamicTest> otherFieldsAsInOnePass() {
        return Stream.of("loss-reinjection.pcap", "join-subflow.pcapng", "fallback-tcp-server.pcap", "ipv6.pcap")
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    List<String> args = new ArrayList<>(List.of(LAB.resolve(name).toString(), "-T", "fields", "-E",
                            "header=y"));
                    for (String f : TsharkFieldsOracleTest.comparedFields()) {
                        args.addAll(List.of("-e", f));
                    }
                    List<String> one = new ArrayList<>(List.of("read"));
                    one.addAll(args);
                    List<String> two = new ArrayList<>(List.of("read", "-2"));
                    two.addAll(args);
                    List<Map<String, String>> single = rows(ReadCommandTest.run(one.toArray(String[]::new)).out());
                    List<Map<String, String>> twoPass = rows(ReadCommandTest.run(two.toArray(String[]::new)).out());
                    assertEquals(single.size(), twoPass.size());
                    int changed = 0;
                    for (int i = 0; i < single.size(); i++) {
                        boolean syn = "0x0002".equals(single.get(i).get("tcp.flags"));
                        for (Map.Entry<String, String> e : single.get(i).entrySet()) {
                            String field = e.getKey();
                            if (e.getValue().equals(twoPass.get(i).get(field))) {
                                continue;
                            }
                            changed++;
                            assertTrue(LOOK_AHEAD.contains(field) || field.equals(IN) || syn && SYN_DSN.contains(field),
                                    name + " frame " + (i + 1) + ": -2 changed " + field);
                        }
                    }
                    assertTrue(changed > 0, "tcp.completeness at least differs before the conversation ends");
                }));
    }

    /** A capture cut short: both passes stop at the cut; the frames before it, then one error line. */
    @Test
    void cutCaptureGivesFramesThenOneError(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(LAB.resolve("loss-reinjection.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 9 / 10));
        Result single = ReadCommandTest.run("read", cut.toString(), "-T", "fields", "-e", "frame.number",
                "-e", OF);
        Result twoPass = ReadCommandTest.run("read", "-2", cut.toString(), "-T", "fields", "-e", "frame.number",
                "-e", OF);
        assertEquals(Main.FAILED, twoPass.code());
        assertEquals(single.out(), twoPass.out());
        assertEquals(single.err(), twoPass.err());
        assertEquals(1, twoPass.err().lines().count(), twoPass.err());
    }

    @Test
    void standardInputCannotBeReadTwice() {
        Result r = ReadCommandTest.run("read", "-2", "-", "-T", "fields", "-e", "frame.number");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("-2"), r.err());
    }

    private static List<Map<String, String>> ours(Path capture, boolean twoPass) {
        List<String> args = new ArrayList<>(List.of("read"));
        if (twoPass) {
            args.add("-2");
        }
        args.add(capture.toString());
        args.addAll(FIELDS);
        Result r = ReadCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return rows(r.out());
    }

    /** frame.number -> the second column. */
    private static Map<String, String> column(Result r) {
        assertEquals(0, r.code(), r.err());
        Map<String, String> map = new java.util.LinkedHashMap<>();
        r.out().lines().forEach(l -> {
            String[] v = l.split("\t", -1);
            map.put(v[0], v[1]);
        });
        return map;
    }

    private static List<Map<String, String>> rows(String fields) {
        String[] lines = fields.split("\n");
        String[] header = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < v.length ? v[c] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static Set<String> set(String values) {
        Set<String> set = new TreeSet<>();
        for (String v : values == null ? new String[0] : values.split(",")) {
            if (!v.isEmpty()) {
                set.add(v);
            }
        }
        return set;
    }
}
