package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.cli.ReadCommandTest.Result;
import org.mptcpinspect.dissector.fields.Expert;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;

/**
 * {@code read -V} against {@code tshark -V} (with its MPTCP analysis on) for the TCP layer of
 * chosen kernel-capture packets: MP_CAPABLE, MP_JOIN, DSS mappings and DATA_ACKs, DATA_FIN,
 * ADD_ADDR and its echo, DSS checksums, MP_FASTCLOSE, a reinjection. Labels, values and the
 * tree placement of the MPTCP options, the "[MPTCP analysis]" subtree and the experts must be
 * tshark's, line for line, with the "[SEQ/ACK analysis]" subtree; our own experts, which
 * Wireshark 4.0 does not have, are left out. tshark's output is recorded in the test resources and refreshed when
 * tshark is installed, so the test also runs without it.
 */
class MptcpTreeOracleTest {
    private static final Path RECORDING = TsharkFieldsOracleTest.projectRoot()
            .resolve("cli/src/test/resources/oracle/mptcp-trees.tshark.txt");

    /** Capture -> frames, each picked for what its MPTCP part shows. */
    private static final Map<String, List<Integer>> CASES = new LinkedHashMap<>();

    static {
        // SYN/ACK and third ACK (keys, token, IDSN), DSS with mapping, DATA_ACK alone, MP_JOIN SYN, SYN/ACK, ACK.
        CASES.put("join-subflow.pcap", List.of(4, 5, 6, 7, 20, 21, 22));
        // ADD_ADDR with HMAC, its echo, DATA_FIN with data.
        CASES.put("add-addr-signal.pcap", List.of(6, 7, 170));
        // Checksums negotiated: MP_CAPABLE with C, a DSS with checksum and DATA_FIN.
        CASES.put("checksum.pcap", List.of(5, 134));
        // ADD_ADDR with an IPv6 address.
        CASES.put("ipv6.pcap", List.of(9));
        // MP_FASTCLOSE and MP_TCPRST on a RST.
        CASES.put("fastclose.pcap", List.of(79));
        // A reinjection on the other subflow (mptcp.reinjection_of).
        CASES.put("loss-reinjection.pcap", List.of(353));
    }

    private static final Path TWO_PASS_RECORDING = TsharkFieldsOracleTest.projectRoot()
            .resolve("cli/src/test/resources/oracle/mptcp-trees-two-pass.tshark.txt");

    /**
     * Frames whose data a later frame reinjects, for read -2 against tshark -2 (the only such frame
     * tshark 4.0's second pass still names: testdata/pcaps/README.md).
     */
    private static final Map<String, List<Integer>> TWO_PASS_CASES = Map.of("join-subflow.pcapng", List.of(70));

    /**
     * The "[MPTCP analysis]" subtree with mptcp.reinjected_in, read -2 -V against tshark -2 -V. Only
     * that subtree: tshark's second pass also changes other TCP items (README).
     */
    @Test
    void twoPassAnalysisSubtreeIsTsharks() throws Exception {
        Map<String, String> tshark = sections(expected(TWO_PASS_RECORDING, TWO_PASS_CASES, List.of("-2")));
        for (Map.Entry<String, List<Integer>> c : TWO_PASS_CASES.entrySet()) {
            Path capture = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps").resolve(c.getKey());
            Result r = ReadCommandTest.run("read", "-2", capture.toString(), "-V", "-Y", filter(c.getValue()));
            assertEquals(0, r.code(), r.err());
            Map<Integer, String> ours = tcpLayers(r.out());
            for (int frame : c.getValue()) {
                String key = c.getKey() + " frame " + frame;
                assertTrue(tshark.containsKey(key), "not recorded: " + key);
                String theirs = subtree(tshark.get(key), "    [MPTCP analysis]", true);
                assertTrue(theirs.contains("[Data reinjected in: "), theirs);
                assertEquals(theirs, subtree(withoutOurExperts(ours.get(frame)), "    [MPTCP analysis]", true), key);
            }
        }
    }

    /**
     * The item {@code header} of a layer with its subtree (keep), or the layer without them
     * (!keep): the subtree is the lines indented deeper than the item.
     */
    private static String subtree(String layer, String header, boolean keep) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : layer.split("\n")) {
            if (line.equals(header)) {
                inside = true;
            } else if (inside && !line.startsWith("        ")) {
                inside = false;
            }
            if (inside == keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void mptcpPartsOfTheTreeAreTsharks() throws Exception {
        String expected = expected(RECORDING, CASES, List.of());
        Map<String, String> tshark = sections(expected);
        int compared = 0;
        for (Map.Entry<String, List<Integer>> c : CASES.entrySet()) {
            Path capture = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps").resolve(c.getKey());
            Result r = ReadCommandTest.run("read", capture.toString(), "-V", "-Y", filter(c.getValue()));
            assertEquals(0, r.code(), r.err());
            Map<Integer, String> ours = tcpLayers(r.out());
            for (int frame : c.getValue()) {
                String key = c.getKey() + " frame " + frame;
                assertTrue(tshark.containsKey(key), "not recorded: " + key);
                assertEquals(withoutKnownDifferences(tshark.get(key)), withoutOurExperts(ours.get(frame)), key);
                compared++;
            }
        }
        assertEquals(CASES.values().stream().mapToInt(List::size).sum(), compared);
    }

    /** tshark's TCP layers, fresh when tshark is installed (the recording is updated), else recorded. */
    private static String expected(Path recording, Map<String, List<Integer>> cases, List<String> options)
            throws Exception {
        if (!Tshark.available()) {
            return Files.readString(recording, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Integer>> c : cases.entrySet()) {
            Path capture = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps").resolve(c.getKey());
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-o", "mptcp.analyze_mappings:TRUE", "-o",
                    "mptcp.intersubflows_retransmission:TRUE", "-r", capture.toString(), "-V", "-Y",
                    filter(c.getValue())));
            String v = Tshark.run(args);
            tcpLayers(v).forEach((frame, layer) -> out.append("### ").append(c.getKey()).append(" frame ")
                    .append(frame).append('\n').append(layer));
        }
        String fresh = out.toString();
        if (!Files.exists(recording) || !fresh.equals(Files.readString(recording, StandardCharsets.UTF_8))) {
            Files.writeString(recording, fresh, StandardCharsets.UTF_8);
        }
        return fresh;
    }

    private static String filter(List<Integer> frames) {
        StringJoiner j = new StringJoiner(" or ");
        frames.forEach(f -> j.add("frame.number == " + f));
        return j.toString();
    }

    /** Each frame's "Transmission Control Protocol" layer (its top line and everything under it). */
    private static Map<Integer, String> tcpLayers(String verbose) {
        Map<Integer, String> layers = new LinkedHashMap<>();
        int frame = -1;
        StringBuilder layer = null;
        for (String line : verbose.split("\n", -1)) {
            if (line.startsWith("Frame ")) {
                frame = Integer.parseInt(line.substring(6, line.indexOf(':')));
            }
            if (layer != null && !line.startsWith(" ")) {
                layers.put(frame, layer.toString());
                layer = null;
            }
            if (line.startsWith("Transmission Control Protocol")) {
                layer = new StringBuilder();
            }
            if (layer != null) {
                layer.append(line).append('\n');
            }
        }
        return layers;
    }

    /**
     * tshark's layer less the one listed difference these packets show: Wireshark 4.0 flags a
     * segment without data for lacking a mapping (testdata/pcaps/README.md; RFC 8684 section
     * 3.3: mappings map data).
     */
    private static String withoutKnownDifferences(String layer) {
        boolean noData = layer.substring(0, layer.indexOf('\n')).endsWith("Len: 0");
        return noData ? withoutExperts(layer, List.of(MptcpAnalysisFields.EXPERT_MISSING_MAPPING)) : layer;
    }

    /** The experts Wireshark 4.0 does not have (MptcpExpertsTest checks those). */
    static final List<Expert> OUR_EXPERTS = List.of(MptcpAnalysisFields.EXPERT_BAD_JOIN_HMAC,
            MptcpAnalysisFields.EXPERT_BAD_ADD_ADDR_HMAC, MptcpAnalysisFields.EXPERT_BAD_FASTCLOSE_KEY,
            MptcpAnalysisFields.EXPERT_BAD_DSS_CHECKSUM, MptcpAnalysisFields.EXPERT_REINJECTION);

    /** Our layer less the experts Wireshark 4.0 does not have. */
    private static String withoutOurExperts(String layer) {
        return withoutExperts(layer, OUR_EXPERTS);
    }

    /** An expert's first line in -V, without its indentation. */
    static String expertHead(Expert e) {
        return "[Expert Info (" + e.severity().label() + "/" + e.group().label() + "): " + e.message() + "]";
    }

    private static String withoutExperts(String layer, List<Expert> experts) {
        List<String> heads = new ArrayList<>();
        for (Expert e : experts) {
            heads.add(expertHead(e));
        }
        String[] lines = layer.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (heads.contains(lines[i].trim())) {
                i += 3; // its message, severity and group lines
                continue;
            }
            out.append(lines[i]).append('\n');
        }
        return out.toString();
    }

    /** "### CAPTURE frame N" sections of the recording. */
    private static Map<String, String> sections(String recording) {
        Map<String, String> sections = new LinkedHashMap<>();
        String key = null;
        StringBuilder body = new StringBuilder();
        List<String> lines = new ArrayList<>(List.of(recording.split("\n")));
        for (String line : lines) {
            if (line.startsWith("### ")) {
                if (key != null) {
                    sections.put(key, body.toString());
                }
                key = line.substring(4);
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        if (key != null) {
            sections.put(key, body.toString());
        }
        return sections;
    }
}
