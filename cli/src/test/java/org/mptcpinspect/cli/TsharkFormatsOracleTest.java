package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpinspect.cli.JsonText.Arr;
import org.mptcpinspect.cli.JsonText.Member;
import org.mptcpinspect.cli.JsonText.Obj;
import org.mptcpinspect.cli.JsonText.Str;
import org.mptcpinspect.cli.JsonText.Value;
import org.mptcpinspect.cli.ReadCommandTest.Result;
import org.mptcpinspect.dissector.fields.Expert;

/**
 * read's -T json -x (and -e with -x, which tshark ignores there) against tshark 4.0 on every
 * kernel capture in testdata/pcaps, byte for byte less the differences testdata/pcaps/README.md
 * lists, each removed by a rule named below. Both outputs are parsed (keeping tshark's repeated
 * keys) and must be written back to the very same bytes by tshark's layout, so the layout is
 * compared exactly; the trees are then compared less the listed differences.
 *
 * <p>Where tshark is installed every comparison runs against its fresh output, and the SHA-256 of
 * that output (less the listed differences) is kept in {@link #DIGESTS}; where it is not, our
 * output's digest is compared with the recorded one.
 */
class TsharkFormatsOracleTest {
    private static final Path ROOT = TsharkFieldsOracleTest.projectRoot();
    private static final Path DIGESTS = ROOT.resolve("cli/src/test/resources/oracle/tshark-formats.sha256");

    /** tshark with the MPTCP analysis read does by default. */
    private static final List<String> ANALYSIS = List.of("-o", "mptcp.analyze_mappings:TRUE", "-o",
            "mptcp.intersubflows_retransmission:TRUE");

    /** -e fields without listed differences: with -x, tshark prints them as without. */
    private static final List<String> FIELDS = List.of("-e", "frame.number", "-e", "ip.src", "-e", "ipv6.src", "-e",
            "tcp.srcport", "-e", "tcp.options.mptcp.subtype", "-e", "tcp.options.mptcp.rawdataseqno", "-e", "mptcp.stream");

    /** Layers not dissected: tshark shows their fields, we name the protocol only (README, "Text output"). */
    private static final Set<String> UNDISSECTED_LAYERS = Set.of("arp", "udp", "icmpv6");

    /**
     * Items of tshark's alone: its TCP sequence analysis (SEQ/ACK analysis, retransmitted data,
     * D-SACK), IPv6 extension header options, and the pcapng interface name and section, which the
     * capture reader does not report (README).
     */
    private static final Set<String> TSHARK_ONLY = Set.of("tcp.analysis", "tcp.segment_data", "tcp.options.sack.dsack_le",
            "tcp.options.sack.dsack_re", "D-SACK Sequence", "ipv6.hopopts", "frame.interface_id_tree",
            "frame.section_number");

    private static OracleRecording recording;
    private static long comparedFrames;
    private static long comparedBytes;

    @BeforeAll
    static void load() throws Exception {
        recording = new OracleRecording(DIGESTS);
    }

    @AfterAll
    static void save() throws Exception {
        recording.save("tshark formats oracle: " + comparedFrames + " frames, " + comparedBytes
                + " bytes of tshark's output compared");
    }

    @TestFactory
    Stream<DynamicTest> jsonWithRawFields() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().map(capture -> DynamicTest.dynamicTest(
                capture.getFileName() + " -T json -x", () -> compareJson(capture, List.of("-T", "json", "-x"),
                        "-T json -x")));
    }

    @TestFactory
    Stream<DynamicTest> jsonFieldsWithRaw() throws Exception {
        List<String> args = new ArrayList<>(List.of("-T", "json", "-x"));
        args.addAll(FIELDS);
        return TsharkFieldsOracleTest.labCaptureFiles().stream().map(capture -> DynamicTest.dynamicTest(
                capture.getFileName() + " -T json -x -e ...", () -> compareJson(capture, args, "-T json -x -e ...")));
    }

    private static void compareJson(Path capture, List<String> variant, String label) throws Exception {
        String name = capture.getFileName().toString();
        Result r = read(capture, variant);
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows(name);
        List<String> tshark = tsharkArgs(capture, variant);
        comparedBytes += recording.check(name + " " + label, tshark,
                out -> normalizeJson(out, true, name, rows), normalizeJson(r.out(), false, name, rows));
        comparedFrames += rows.size();
    }

    private static Result read(Path capture, List<String> variant) {
        List<String> ours = new ArrayList<>(List.of("read", capture.toString()));
        ours.addAll(variant);
        Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        return r;
    }

    private static List<String> tsharkArgs(Path capture, List<String> variant) {
        List<String> tshark = new ArrayList<>(ANALYSIS);
        tshark.addAll(List.of("-r", capture.toString()));
        tshark.addAll(variant);
        return tshark;
    }

    // ---- -T json ----

    /**
     * A -T json output less the listed differences, in tshark's layout (after checking that the
     * output has that layout exactly).
     */
    static String normalizeJson(String out, boolean tshark, String capture, Map<Integer, Map<String, String>> rows) {
        List<Value> all = JsonText.parseAll(out);
        assertEquals(1, all.size(), "one JSON array");
        OracleRecording.assertSameText((tshark ? "tshark" : "our") + " -T json layout", out,
                JsonText.pretty(all.get(0)) + "\n");
        List<Value> packets = new ArrayList<>();
        for (Value p : ((Arr) all.get(0)).values()) {
            Obj packet = (Obj) p;
            Obj layers = (Obj) ((Obj) packet.get("_source")).get("layers");
            Value frame = layers.get("frame");
            Set<String> known = frame == null ? Set.of() : TsharkDifferences.knownMappingDifferences(capture, rows,
                    Integer.parseInt(((Str) ((Obj) frame).get("frame.number")).text()));
            List<Member> kept = new ArrayList<>();
            for (Member m : layers.members()) {
                if (!UNDISSECTED_LAYERS.contains(withoutRaw(m.name()))) {
                    kept.add(m);
                }
            }
            Obj normalized = normalizeTree(new Obj(kept), tshark, known);
            List<Member> members = new ArrayList<>(packet.members());
            members.set(members.size() - 1, new Member("_source", new Obj(List.of(new Member("layers", normalized)))));
            packets.add(new Obj(members));
        }
        return JsonText.pretty(new Arr(packets)) + "\n";
    }

    private static String withoutRaw(String key) {
        return key.endsWith("_raw") ? key.substring(0, key.length() - 4) : key;
    }

    /**
     * The tree less: tshark's items of {@link #TSHARK_ONLY}; our experts (Wireshark 4.0 has none
     * of them); the MPTCP mapping items with a listed difference in this frame ({@code known}); and
     * with mptcp.reinjection_of compared as a set (sorted).
     */
    private static Obj normalizeTree(Obj tree, boolean tshark, Set<String> known) {
        List<Member> kept = new ArrayList<>();
        for (Member m : tree.members()) {
            String key = withoutRaw(m.name());
            if (tshark && TSHARK_ONLY.contains(key) || known.contains(key)
                    || key.equals("_ws.expert") && m.value() instanceof Obj expert && droppedExpert(expert, tshark, known)) {
                continue;
            }
            kept.add(m.value() instanceof Obj o ? new Member(m.name(), normalizeTree(o, tshark, known)) : m);
        }
        sortRuns(kept, "mptcp.reinjection_of");
        return new Obj(kept);
    }

    private static boolean droppedExpert(Obj expert, boolean tshark, Set<String> known) {
        if (known.contains("mptcp.dss.missing_mapping") && expert.get("mptcp.dss.missing_mapping") != null) {
            return true;
        }
        if (!tshark) {
            for (Expert e : MptcpTreeOracleTest.OUR_EXPERTS) {
                if (expert.get(e.field().abbrev()) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sorts each run of consecutive members named {@code name} by value. */
    private static void sortRuns(List<Member> members, String name) {
        int i = 0;
        while (i < members.size()) {
            int j = i;
            while (j < members.size() && members.get(j).name().equals(name)) {
                j++;
            }
            if (j > i + 1) {
                members.subList(i, j).sort(Comparator.comparing(m -> JsonText.compact(m.value())));
            }
            i = Math.max(j, i + 1);
        }
    }

    /** The normalization removes only what it names: two outputs that differ elsewhere still differ. */
    @Test
    void jsonNormalizationKeepsOtherDifferences() throws Exception {
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows("loss-reinjection.pcap");
        String packet = """
                [
                  {
                    "_index": "packets-2026-11-24",
                    "_type": "doc",
                    "_score": null,
                    "_source": {
                      "layers": {
                        "frame": {
                          "frame.number": "%s"
                        },
                        "tcp": {
                          "tcp.analysis": {
                            "tcp.analysis.initial_rtt": "0.1"
                          },
                          "mptcp.analysis": {
                            "mptcp.reinjection_of": "%s"
                          }
                        }
                      }
                    }
                  }
                ]
                """;
        String theirs = packet.formatted("351", "345");
        String ours = packet.formatted("351", "298").replace("""
                          "tcp.analysis": {
                            "tcp.analysis.initial_rtt": "0.1"
                          },
                """, "");
        // Frame 351's reinjection_of is a listed difference (tshark names 345, we 298); tcp.analysis goes.
        assertEquals(normalizeJson(theirs, true, "loss-reinjection.pcap", rows),
                normalizeJson(ours, false, "loss-reinjection.pcap", rows));
        theirs = theirs.replace("\"351\"", "\"350\"");
        ours = ours.replace("\"351\"", "\"350\"");
        org.junit.jupiter.api.Assertions.assertNotEquals(normalizeJson(theirs, true, "loss-reinjection.pcap", rows),
                normalizeJson(ours, false, "loss-reinjection.pcap", rows));
    }
}
