package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.plot.TimelinePlot;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code timeline}: the SVG of each real-kernel capture's connection 0, both directions, read back
 * as a picture and compared with what the kernel's endpoints recorded (truth.json: how many bytes
 * each side sent) and with {@code connections --json} (subflows, which carried data, DATA_FIN).
 */
class TimelineCommandTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBFLOW_LABEL = Pattern.compile("subflow (\\d+), stream (\\d+)");

    static Stream<String> captures() throws IOException {
        try (Stream<Path> files = Files.list(LAB)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".truth.json"))
                    .map(n -> n.replace(".truth.json", ".pcap")).sorted().toList();
            assertTrue(names.size() >= 14, "expected the 14 lab scenarios, found " + names);
            return names.stream();
        }
    }

    /** What the picture shows, read back from its SVG elements. */
    record Picture(List<Element> lines, List<Element> texts) {
        static Picture of(String svg) throws Exception {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            return new Picture(elements(doc.getElementsByTagName("line")), elements(doc.getElementsByTagName("text")));
        }

        private static List<Element> elements(NodeList nodes) {
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        }

        /** Subflow index to TCP stream, from the labels of the lifetime bars. */
        TreeMap<Integer, Integer> subflowLabels() {
            TreeMap<Integer, Integer> out = new TreeMap<>();
            for (Element t : texts) {
                Matcher m = SUBFLOW_LABEL.matcher(t.getTextContent());
                if (m.matches()) {
                    out.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
            return out;
        }

        /** The data segments' vertical strokes (2 px wide) drawn in a subflow's colour. */
        List<Element> dataLines(int subflow) {
            String colour = TimelinePlot.subflowColour(subflow);
            return lines.stream().filter(l -> l.getAttribute("stroke").equals(colour)
                    && l.getAttribute("stroke-width").equals("2.0")).toList();
        }

        /** The y axis's tick labels (right-aligned numbers left of the plot), as {pixel y of the tick, value}. */
        List<double[]> yTicks() {
            List<double[]> out = new ArrayList<>();
            for (Element t : texts) {
                if (t.getAttribute("text-anchor").equals("end") && t.getTextContent().matches("-?[0-9.]+")) {
                    out.add(new double[] {num(t, "y") - 4, Double.parseDouble(t.getTextContent())});
                }
            }
            return out;
        }

        /** The x axis's tick labels (centred numbers), their values. */
        List<Double> xTicks() {
            return texts.stream().filter(t -> t.getAttribute("text-anchor").equals("middle")
                    && t.getTextContent().matches("-?[0-9.]+")).map(t -> Double.parseDouble(t.getTextContent())).toList();
        }

        boolean hasText(String text) {
            return texts.stream().anyMatch(t -> t.getTextContent().equals(text));
        }
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void connectionZeroAsTheKernelSentIt(String capture) throws Exception {
        String name = capture.replace(".pcap", "");
        JsonNode truth = JSON.readTree(LAB.resolve(name + ".truth.json").toFile());
        ReadCommandTest.Result json = ReadCommandTest.run("connections", LAB.resolve(capture).toString(), "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode connection = JSON.readTree(json.out()).get("connections").get(0);
        for (String direction : List.of("c2s", "s2c")) {
            ReadCommandTest.Result r = ReadCommandTest.run("timeline", LAB.resolve(capture).toString(),
                    "--direction", direction);
            assertEquals(0, r.code(), capture + " " + direction + ": " + r.err());
            assertEquals("", r.err());
            Picture p = Picture.of(r.out());
            String where = capture + " " + direction;

            // One lifetime bar label per subflow, with its TCP stream.
            TreeMap<Integer, Integer> labels = p.subflowLabels();
            JsonNode subflows = connection.get("subflows");
            assertEquals(subflows.size(), labels.size(), where + " subflow labels " + labels);
            for (JsonNode subflow : subflows) {
                int index = subflow.get("index").asInt();
                assertEquals(subflow.get("tcp_stream").asInt(), labels.get(index), where + " subflow " + index);
                // Drawn in the subflow's colour exactly when it carried data in this direction.
                boolean carried = subflow.get("bytes_" + direction).asLong() > 0;
                assertEquals(carried, !p.dataLines(index).isEmpty(), where + " data of subflow " + index);
            }

            // The top of the data is where the sender's last byte is: the stream's length as the
            // kernel's endpoint wrote it (truth.json), read off the y axis to within 2 pixels.
            String sender = direction.equals("c2s") ? "client" : "server";
            int endpointIndex = truth.get("connections").get(0).get(sender).asInt();
            long sent = truth.get(sender).get("connections").get(endpointIndex).get("sent").get("bytes").asLong();
            List<double[]> ticks = p.yTicks();
            if (sent == 0 || ticks.size() < 2) {
                continue;
            }
            double[] a = ticks.get(0);
            double[] b = ticks.get(ticks.size() - 1);
            double perPixel = (b[1] - a[1]) / (b[0] - a[0]);
            double top = Double.MAX_VALUE;
            for (int i : labels.keySet()) {
                for (Element l : p.dataLines(i)) {
                    top = Math.min(top, Math.min(num(l, "y1"), num(l, "y2")));
                }
            }
            double topDsn = a[1] + (top - a[0]) * perPixel;
            assertEquals(sent, topDsn, Math.abs(perPixel) * 2, where + ": the data's top against the bytes sent");
            // A DATA_FIN is marked; after a fallback the TCP FIN ends the stream, with no DATA_FIN to mark.
            assertEquals(connection.get(direction).get("data_fin").asBoolean()
                    && !connection.get("fallback").asBoolean(), p.hasText("DATA_FIN"), where + " DATA_FIN marker");
        }
    }

    @Test
    void timeWindowFitsTheAxes() throws Exception {
        String capture = LAB.resolve("loss-reinjection.pcap").toString();
        ReadCommandTest.Result r = ReadCommandTest.run("timeline", capture, "--time", "0.3:0.45", "--size", "900x450");
        assertEquals(0, r.code(), r.err());
        Picture p = Picture.of(r.out());
        List<Double> x = p.xTicks();
        assertFalse(x.isEmpty());
        assertTrue(x.stream().allMatch(t -> t >= 0.3 - 1e-9 && t <= 0.45 + 1e-9), "x ticks " + x);
        // The whole connection's picture spans more than a second.
        Picture whole = Picture.of(ReadCommandTest.run("timeline", capture).out());
        assertTrue(whole.xTicks().stream().mapToDouble(Double::doubleValue).max().orElse(0) > 1, "whole x ticks");
    }

    @Test
    void writesTheFileItIsGiven(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("t.svg");
        String capture = LAB.resolve("join-subflow.pcap").toString();
        ReadCommandTest.Result r = ReadCommandTest.run("timeline", capture, "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(ReadCommandTest.run("timeline", capture).out(), Files.readString(out));
    }

    @Test
    void badInputGetsOneLine(@TempDir Path dir) {
        String capture = LAB.resolve("join-subflow.pcap").toString();
        expectOneLine(2, "--size takes WIDTHxHEIGHT", "timeline", capture, "--size", "big");
        expectOneLine(2, "--size must be between", "timeline", capture, "--size", "10x10");
        expectOneLine(2, "--time needs FROM < TO", "timeline", capture, "--time", "2:1");
        expectOneLine(2, "--time takes FROM:TO", "timeline", capture, "--time", "1");
        expectOneLine(1, "has no MPTCP connection 7 (it has 1)", "timeline", capture, "--connection", "7");
        expectOneLine(1, "no-such.pcap", "timeline", dir.resolve("no-such.pcap").toString());
        expectOneLine(1, "cannot write", "timeline", capture, "-o", dir.resolve("missing/dir/t.svg").toString());
    }

    private static void expectOneLine(int code, String text, String... args) {
        ReadCommandTest.Result r = ReadCommandTest.run(args);
        assertEquals(code, r.code(), String.join(" ", args) + ": " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(text), r.err());
        assertEquals("", r.out());
    }
}
