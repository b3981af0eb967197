package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;

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
     * Items of tshark's alone: its D-SACK marks, IPv6 extension header options, and the pcapng
     * interface name and section, which the capture reader does not report (README).
     */
    private static final Set<String> TSHARK_ONLY = Set.of("tcp.options.sack.dsack_le",
            "tcp.options.sack.dsack_re", "D-SACK Sequence", "ipv6.hopopts", "frame.interface_id_tree",
            "frame.section_number");
    /** The same in -T ek, where they are members of their protocol: the names they start with. */
    private static final Set<String> TSHARK_ONLY_EK = Set.of("tcp_tcp_options_sack_dsack", "ipv6_hopopts",
            "frame_frame_interface_name", "frame_frame_section_number");

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

    /** A normalization of one output format: the output, whether tshark's, the capture, its rows. */
    private interface Normalization {
        String apply(String out, boolean tshark, String capture, Map<Integer, Map<String, String>> rows);
    }

    /** One comparison: read's and tshark's arguments, its name, how the outputs are normalized. */
    private record Variant(List<String> args, String label, Normalization normalization) {
        Variant(String options, Normalization normalization) {
            this(List.of(options.split(" ")), options, normalization);
        }

        /** With the {@link #FIELDS}. */
        Variant withFields() {
            List<String> all = new ArrayList<>(args);
            all.addAll(FIELDS);
            return new Variant(all, label + " -e ...", normalization);
        }
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("-T json -x", TsharkFormatsOracleTest::normalizeJson),
            new Variant("-T json -x", TsharkFormatsOracleTest::normalizeJson).withFields(),
            new Variant("-T jsonraw", TsharkFormatsOracleTest::normalizeJson),
            new Variant("-T ek", TsharkFormatsOracleTest::normalizeEk),
            new Variant("-T ek -x", TsharkFormatsOracleTest::normalizeEk),
            new Variant("-T ek", TsharkFormatsOracleTest::normalizeEk).withFields(),
            new Variant("-T ek -P", TsharkFormatsOracleTest::normalizeEk),
            new Variant("-T pdml", TsharkFormatsOracleTest::normalizePdml),
            new Variant("-T pdml", TsharkFormatsOracleTest::normalizePdml).withFields(),
            new Variant("-T psml", TsharkFormatsOracleTest::normalizePsml));

    @TestFactory
    Stream<DynamicTest> formats() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> VARIANTS.stream().map(v ->
                DynamicTest.dynamicTest(capture.getFileName() + " " + v.label(), () -> compare(capture, v))));
    }

    private static void compare(Path capture, Variant variant) throws Exception {
        String name = capture.getFileName().toString();
        Result r = read(capture, variant.args());
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows(name);
        List<String> tshark = tsharkArgs(capture, variant.args());
        Normalization normalize = variant.normalization();
        comparedBytes += recording.check(name + " " + variant.label(), tshark,
                out -> normalize.apply(out, true, name, rows), normalize.apply(r.out(), false, name, rows));
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
            // -T jsonraw has no values: the packets of a whole capture are its frames in order.
            Set<String> known = layers.get("frame") instanceof Obj frame && frame.get("frame.number") == null
                    ? TsharkDifferences.knownMappingDifferences(capture, rows, packets.size() + 1)
                    : known(capture, rows, layers, "frame.number");
            Differences d = new Differences(false, tshark, known);
            List<Member> members = new ArrayList<>(packet.members());
            members.set(members.size() - 1, new Member("_source", new Obj(List.of(new Member("layers",
                    d.layers(layers))))));
            packets.add(new Obj(members));
        }
        return JsonText.pretty(new Arr(packets)) + "\n";
    }

    /** The MPTCP analysis fields with a listed difference in the packet (none without its frame layer: -e). */
    private static Set<String> known(String capture, Map<Integer, Map<String, String>> rows, Obj layers,
                                     String number) {
        if (!(layers.get("frame") instanceof Obj frame)) {
            return Set.of();
        }
        return TsharkDifferences.knownMappingDifferences(capture, rows, Integer.parseInt(((Str) frame.get(number)).text()));
    }

    // ---- -T ek ----

    /**
     * A -T ek output less the listed differences, line by line, in tshark's layout (after checking
     * that the output has that layout exactly).
     */
    static String normalizeEk(String out, boolean tshark, String capture, Map<Integer, Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (String line : out.split("\n")) {
            List<Value> values = JsonText.parseAll(line);
            assertEquals(1, values.size(), "one JSON value per line");
            OracleRecording.assertSameText((tshark ? "tshark" : "our") + " -T ek layout", line,
                    JsonText.compact(values.get(0)));
            Obj document = summaryColumns((Obj) values.get(0), tshark);
            if (document.get("layers") instanceof Obj layers) {
                Differences d = new Differences(true, tshark, known(capture, rows, layers, "frame_frame_number"));
                List<Member> members = new ArrayList<>(document.members());
                members.set(members.size() - 1, new Member("layers", d.layers(layers)));
                document = new Obj(members);
            }
            sb.append(JsonText.compact(document)).append('\n');
        }
        return sb.toString();
    }

    /** -T ek -P's summary columns less the listed differences in the Info column (ICMPv6's all of it). */
    private static Obj summaryColumns(Obj document, boolean tshark) {
        if (!(document.get("info") instanceof Str info)) {
            return document;
        }
        boolean icmpv6 = document.get("protocol") instanceof Str p && p.text().equals("ICMPv6");
        List<Member> members = new ArrayList<>();
        for (Member m : document.members()) {
            members.add(m.name().equals("info")
                    ? new Member("info", new Str(icmpv6 ? "" : TsharkDifferences.info(info.text(), tshark))) : m);
        }
        return new Obj(members);
    }

    // ---- -T pdml, -T psml ----

    /** The program and the time of the run in the document's head: tshark's differ from ours. */
    private static final Pattern HEAD = Pattern.compile("^(<p[ds]ml version=\"0\" creator=\")[^\"]*(\")"
            + "(?:( time=\")[^\"]*(\"))?(.*)$");
    /** The capture's directory in the head: the checkout's, which the recorded digests must not depend on. */
    private static final Pattern CAPTURE_DIRECTORY = Pattern.compile("( capture_file=\")[^\"]*/");
    private static final Pattern NAME = Pattern.compile("^\\s*<(?:proto|field) name=\"([^\"]*)\"");
    private static final Pattern SHOW = Pattern.compile(" show=\"([^\"]*)\"");
    private static final Pattern INTERFACE_ID = Pattern.compile("(showname=\"Interface id: \\d+) \\([^)]*\\)\"");

    private static String withoutCaptureDirectory(String head) {
        return CAPTURE_DIRECTORY.matcher(head).replaceFirst("$1");
    }

    /** An XML element of -T pdml: its line, and its children and closing line unless it is empty. */
    private record Element(String line, List<Element> children, String close) {
        String name() {
            Matcher m = NAME.matcher(line);
            return m.find() ? m.group(1) : null;
        }

        /** A text item's text ("show"), or null. */
        String text() {
            Matcher m = SHOW.matcher(line);
            return "".equals(name()) && m.find() ? m.group(1) : null;
        }

        void appendTo(StringBuilder sb) {
            if (close != null && children.isEmpty()) {
                sb.append(line, 0, line.length() - 2).append("\"/>\n"); // its children all went
                return;
            }
            sb.append(line).append('\n');
            children.forEach(c -> c.appendTo(sb));
            if (close != null) {
                sb.append(close).append('\n');
            }
        }
    }

    /**
     * A -T pdml output less the listed differences: the program and time of the run in the head;
     * per packet, the elements {@link Differences} names (tshark's items of {@link #TSHARK_ONLY},
     * the undissected layers, our experts, the mapping items with a listed difference), the pcapng
     * interface's name in tshark's frame and interface id labels. Every other line is compared as
     * it is.
     */
    static String normalizePdml(String out, boolean tshark, String capture, Map<Integer, Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder(out.length());
        List<Element> packet = null;
        List<List<Element>> open = new ArrayList<>();
        List<String> openLines = new ArrayList<>();
        int frame = 0;
        for (String line : out.split("\n", -1)) {
            String t = line.trim();
            Matcher head = HEAD.matcher(line);
            if (head.matches()) {
                sb.append(withoutCaptureDirectory(head.replaceFirst("$1*$2$3*$4$5"))).append('\n');
            } else if (t.equals("<packet>")) {
                packet = new ArrayList<>();
                sb.append(line).append('\n');
            } else if (t.equals("</packet>")) {
                Differences d = new Differences(false, tshark, TsharkDifferences.knownMappingDifferences(capture,
                        rows, frame));
                for (Element e : d.elements(packet, true)) {
                    e.appendTo(sb);
                }
                packet = null;
                sb.append(line).append('\n');
            } else if (packet == null) {
                sb.append(line).append('\n');
            } else if (t.startsWith("</")) {
                List<Element> children = open.removeLast();
                Element e = new Element(openLines.removeLast(), children, line);
                (open.isEmpty() ? packet : open.getLast()).add(e);
            } else if (t.endsWith("/>")) {
                if (t.startsWith("<field name=\"num\"")) {
                    frame = Integer.parseInt(SHOW.matcher(line).results().findFirst().orElseThrow().group(1));
                }
                (open.isEmpty() ? packet : open.getLast()).add(new Element(line, List.of(), null));
            } else {
                open.add(new ArrayList<>());
                openLines.add(line);
            }
        }
        // The split gives one line after the final newline; keep the text's own ending.
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * A -T psml output less the listed differences: the program in the head; in each packet's Info
     * section tshark's TCP analysis prefixes and our MPTCP option names, and ICMPv6's whole Info
     * (not dissected).
     */
    static String normalizePsml(String out, boolean tshark, String capture, Map<Integer, Map<String, String>> rows) {
        StringBuilder sb = new StringBuilder(out.length());
        List<String> sections = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            Matcher head = HEAD.matcher(line);
            if (head.matches()) {
                line = withoutCaptureDirectory(head.replaceFirst("$1*$2$3*$4$5"));
            } else if (line.startsWith("<section>")) {
                sections.add(line);
                if (sections.size() == SummaryCells.TITLES.size() && !sections.getFirst().equals("<section>No.</section>")) {
                    String info = sections.getLast();
                    String text = info.substring("<section>".length(), info.length() - "</section>".length());
                    line = "<section>" + (sections.get(4).equals("<section>ICMPv6</section>") ? ""
                            : TsharkDifferences.info(text, tshark)) + "</section>";
                }
            } else {
                sections.clear();
            }
            sb.append(line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * The listed differences in one packet of a JSON output (-T json or -T ek), under the names
     * that output gives members: tshark's items of {@link #TSHARK_ONLY} (in -T ek, where the items
     * below a field are members of its protocol, every member whose name starts with one of
     * those), the layers of {@link #UNDISSECTED_LAYERS}, our experts (Wireshark 4.0 has none of
     * them), the MPTCP mapping items with a listed difference in this frame; and
     * mptcp.reinjection_of compared as a set (sorted).
     */
    private static final class Differences {
        private final boolean ek;
        private final boolean tshark;
        private final Set<String> known = new HashSet<>();
        private final Set<String> ours = new HashSet<>();
        private final String expert;
        private final String missingMapping;
        private final String reinjection;

        /** @param ek whether in -T ek (else -T json) */
        Differences(boolean ek, boolean tshark, Set<String> knownFields) {
            this.ek = ek;
            this.tshark = tshark;
            knownFields.forEach(f -> known.add(name(f)));
            MptcpTreeOracleTest.OUR_EXPERTS.forEach(e -> ours.add(name(e.field().abbrev())));
            expert = ek ? "_ws_expert" : "_ws.expert";
            missingMapping = name(MptcpAnalysisFields.MISSING_MAPPING.abbrev());
            reinjection = name(MptcpAnalysisFields.REINJECTION_OF.abbrev());
        }

        /** The member name of a field: -T json's is its name, -T ek's its protocol, '_', its name, '_' for '.'. */
        private String name(String abbrev) {
            if (!ek) {
                return abbrev;
            }
            String protocol = FieldRegistry.standard().lookup(abbrev).protocol();
            return (protocol == null ? abbrev : protocol + "_" + abbrev).replace('.', '_');
        }

        Obj layers(Obj layers) {
            List<Member> kept = new ArrayList<>();
            for (Member m : layers.members()) {
                if (!UNDISSECTED_LAYERS.contains(withoutRaw(m.name()))) {
                    kept.add(m);
                }
            }
            return tree(new Obj(kept));
        }

        /**
         * PDML elements less the listed differences (at the top of the packet, {@code top}, the
         * undissected layers), the pcapng interface's name as ours.
         */
        List<Element> elements(List<Element> elements, boolean top) {
            List<Element> kept = new ArrayList<>();
            for (Element e : elements) {
                String name = e.name();
                if (top && UNDISSECTED_LAYERS.contains(name) || tsharkOnly(name) || tsharkOnly(e.text())
                        || tshark && "frame.interface_name".equals(name) || known.contains(name)
                        || expert.equals(name) && droppedExpert(e.children().isEmpty() ? null : e.children().getFirst().name())) {
                    continue;
                }
                String line = tshark ? INTERFACE_ID.matcher(TsharkDifferences.unknownInterface(e.line()))
                        .replaceFirst("$1\"") : e.line();
                kept.add(new Element(line, elements(e.children(), false), e.close()));
            }
            sortRuns(kept, Element::name, Element::line, reinjection);
            return kept;
        }

        private boolean tsharkOnly(String name) {
            if (!tshark || name == null) {
                return false;
            }
            if (!ek) {
                return TSHARK_ONLY.contains(name);
            }
            for (String prefix : TSHARK_ONLY_EK) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        private Obj tree(Obj tree) {
            List<Member> kept = new ArrayList<>();
            List<Member> members = tree.members();
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                String name = withoutRaw(m.name());
                if (tsharkOnly(name) || known.contains(name)) {
                    continue;
                }
                if (m.name().equals(expert + "_raw") && i + 1 < members.size()
                        && members.get(i + 1).name().equals(expert) && experts(members.get(i + 1).value()) == null) {
                    continue; // -T jsonraw: the raw array of an expert item that goes
                }
                Value v = m.name().equals(expert) ? experts(m.value()) : m.name().equals("text") ? texts(m.value())
                        : values(m.value());
                if (v != null) {
                    kept.add(new Member(m.name(), m.name().equals(reinjection) && v instanceof Arr a ? sorted(a) : v));
                }
            }
            sortRuns(kept, Member::name, m -> JsonText.compact(m.value()), reinjection);
            return new Obj(kept);
        }

        private Value values(Value v) {
            if (v instanceof Obj o) {
                return tree(o);
            }
            if (v instanceof Arr a && !a.values().isEmpty() && a.values().getFirst() instanceof Obj) {
                return new Arr(a.values().stream().map(this::values).toList());
            }
            return v;
        }

        /** The expert items less the dropped ones; one left is no array (as tshark -T ek writes one). */
        private Value experts(Value v) {
            List<Value> kept = new ArrayList<>();
            for (Value e : v instanceof Arr a ? a.values() : List.of(v)) {
                if (!droppedExpert((Obj) e)) {
                    kept.add(values(e));
                }
            }
            return kept.isEmpty() ? null : kept.size() == 1 ? kept.getFirst() : new Arr(kept);
        }

        private boolean droppedExpert(Obj expert) {
            for (Member m : expert.members()) {
                if (droppedExpert(withoutRaw(m.name()))) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an expert item holding this field goes: tshark's alone, ours, or a listed difference. */
        private boolean droppedExpert(String field) {
            return field != null && (tsharkOnly(field) || !tshark && ours.contains(field)
                    || field.equals(missingMapping) && known.contains(missingMapping));
        }

        /** -T ek's text items less tshark's "D-SACK Sequence". */
        private Value texts(Value v) {
            if (!tshark || !ek) {
                return values(v);
            }
            List<Value> kept = new ArrayList<>();
            for (Value t : v instanceof Arr a ? a.values() : List.of(v)) {
                if (!(t instanceof Str s && s.text().equals("D-SACK Sequence"))) {
                    kept.add(t);
                }
            }
            return kept.isEmpty() ? null : kept.size() == 1 ? kept.getFirst() : new Arr(kept);
        }

        private static Arr sorted(Arr a) {
            List<Value> values = new ArrayList<>(a.values());
            values.sort(Comparator.comparing(JsonText::compact));
            return new Arr(values);
        }
    }

    private static String withoutRaw(String key) {
        return key.endsWith("_raw") ? key.substring(0, key.length() - 4) : key;
    }

    /** Sorts each run of consecutive items named {@code name} by {@code key}. */
    private static <T> void sortRuns(List<T> items, Function<T, String> nameOf, Function<T, String> key, String name) {
        int i = 0;
        while (i < items.size()) {
            int j = i;
            while (j < items.size() && name.equals(nameOf.apply(items.get(j)))) {
                j++;
            }
            if (j > i + 1) {
                items.subList(i, j).sort(Comparator.comparing(key));
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
                          "tcp.options.sack.dsack_le": "1",
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
                          "tcp.options.sack.dsack_le": "1",
                """, "");
        // Frame 351's reinjection_of is a listed difference (tshark names 345, we 298); the D-SACK edge goes.
        assertEquals(normalizeJson(theirs, true, "loss-reinjection.pcap", rows),
                normalizeJson(ours, false, "loss-reinjection.pcap", rows));
        theirs = theirs.replace("\"351\"", "\"350\"");
        ours = ours.replace("\"351\"", "\"350\"");
        assertNotEquals(normalizeJson(theirs, true, "loss-reinjection.pcap", rows),
                normalizeJson(ours, false, "loss-reinjection.pcap", rows));
    }

    /** The same for -T ek, where tshark's D-SACK edges lie flat among the TCP layer's members. */
    @Test
    void ekNormalizationKeepsOtherDifferences() throws Exception {
        Map<Integer, Map<String, String>> rows = TsharkDifferences.baseRows("loss-reinjection.pcap");
        String index = "{\"index\":{\"_index\":\"packets-2026-11-24\",\"_type\":\"doc\"}}\n";
        String packet = index + "{\"timestamp\":\"1795545775978\",\"layers\":{\"frame\":{\"frame_frame_number\":\"%s\"},"
                + "\"tcp\":{\"tcp_tcp_len\":\"1\",%s\"mptcp_mptcp_reinjection_of\":[\"%s\",\"9\"]}}}\n";
        String theirs = packet.formatted("351", "\"tcp_tcp_options_sack_dsack_le\":\"5\",", "345");
        String ours = packet.formatted("351", "", "298");
        assertEquals(normalizeEk(theirs, true, "loss-reinjection.pcap", rows),
                normalizeEk(ours, false, "loss-reinjection.pcap", rows));
        assertNotEquals(normalizeEk(theirs.replace("\"351\"", "\"350\""), true, "loss-reinjection.pcap", rows),
                normalizeEk(ours.replace("\"351\"", "\"350\""), false, "loss-reinjection.pcap", rows));
        assertNotEquals(normalizeEk(theirs.replace("\"1\"", "\"2\""), true, "loss-reinjection.pcap", rows),
                normalizeEk(ours, false, "loss-reinjection.pcap", rows));
    }
}
