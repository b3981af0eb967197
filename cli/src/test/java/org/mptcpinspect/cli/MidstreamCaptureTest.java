package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captures started mid-connection: real kernel captures with their first packets dropped by
 * {@code editcap -r} (handshakes gone). Oracle: each data-level stream rebuilt from the cut capture
 * is the stream rebuilt from the full capture (itself checked against the sender's SHA-256 in
 * {@link ConnectionsTruthTest}) from the cut stream's first DSN on, byte for byte, except for the
 * ranges the cut connection reports missing (carried by subflows that are connections of their own
 * here, as no token links them).
 */
class MidstreamCaptureTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Capture and the fraction of its packets dropped from the front (in thirds). */
    static Stream<Arguments> cuts() {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of("single-subflow", "join-subflow", "loss-reinjection", "ipv6", "checksum",
                "fullmesh", "add-addr-signal", "many-connections")) {
            out.add(Arguments.of(name, 1));
            out.add(Arguments.of(name, 2));
        }
        return out.stream();
    }

    /** {@code editcap -r FULL CUT first-last}: packets from a third (or two) of the capture on. */
    static Path cut(String name, int thirds, Path dir) throws IOException, InterruptedException {
        Path full = LAB.resolve(name + ".pcap");
        int count = 0;
        try (var reader = org.mptcpinspect.dissector.capture.CaptureFiles.open(full.toString())) {
            while (reader.next() != null) {
                count++;
            }
        } catch (org.mptcpinspect.dissector.capture.CaptureException e) {
            throw new IOException(e);
        }
        Path cut = dir.resolve(name + "-from-" + thirds + ".pcap");
        Process p;
        try {
            p = new ProcessBuilder("editcap", "-r", full.toString(), cut.toString(),
                    (count * thirds / 3) + "-" + count).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("editcap is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "editcap: " + out);
        return cut;
    }

    @ParameterizedTest(name = "{0} from {1}/3")
    @MethodSource("cuts")
    void streamsAreSuffixesOfTheFullOnes(String name, int thirds, @TempDir Path dir) throws Exception {
        Path full = LAB.resolve(name + ".pcap");
        Path cut = cut(name, thirds, dir);
        JsonNode fullConnections = connections(full);
        JsonNode cutConnections = connections(cut);
        long compared = 0;
        int partial = 0;
        for (JsonNode c : cutConnections) {
            JsonNode f = matching(fullConnections, c);
            assertNotNull(f, name + ": no full connection has the subflows of " + c);
            if (!c.get("partial").asBoolean()) {
                // Its handshake is in the cut capture: the same connection as in the full one.
                assertEquals(f.get("client_token"), c.get("client_token"));
                assertEquals(f.get("c2s").get("sha256"), c.get("c2s").get("sha256"));
                assertEquals(f.get("s2c").get("sha256"), c.get("s2c").get("sha256"));
                continue;
            }
            partial++;
            assertEquals("mid-connection", c.get("start").asText());
            assertTrue(c.get("client_token").isNull() && c.get("server_key").isNull(), c.toString());
            assertTrue(c.get("subflows").get(0).get("partial").asBoolean(), c.toString());
            // The client guessed by port is the full capture's client for these captures.
            String sub = c.get("subflows").get(0).get("client").asText();
            assertTrue(hasSubflowClient(f, sub), name + ": " + sub + " guessed as client of " + f);
            for (String dir2 : List.of("c2s", "s2c")) {
                compared += compare(name, full, f, cut, c, dir2, dir);
            }
        }
        assertTrue(partial > 0, name + ": the cut capture shows no partial connection");
        assertTrue(compared > 0, name + ": no data-level byte was compared");
    }

    /** Checks one direction; returns the bytes compared. */
    private static long compare(String name, Path full, JsonNode f, Path cut, JsonNode c, String direction,
                                Path dir) throws Exception {
        JsonNode cs = c.get(direction);
        JsonNode fs = f.get(direction);
        assertEquals(0, cs.get("not_captured_bytes").asLong());
        // Every subflow's ISN was found. (Bytes below first_dsn, before_start_bytes, do occur: a
        // subflow may carry a lower DSN after a higher one, e.g. a reinjection; they are compared
        // nowhere, being outside the stream shown.)
        assertEquals(0, cs.get("unplaced_bytes").asLong(), name + " " + direction);
        byte[] ours = stream(cut, c.get("index").asInt(), direction, cs.get("complete").asBoolean(), dir);
        byte[] whole = stream(full, f.get("index").asInt(), direction, true, dir);
        assertEquals(cs.get("bytes").asLong(), ours.length);
        if (ours.length == 0) {
            return 0;
        }
        long start = Long.parseUnsignedLong(cs.get("first_dsn").asText())
                - Long.parseUnsignedLong(fs.get("first_dsn").asText());
        long extent = cs.get("bytes").asLong() + cs.get("missing_bytes").asLong();
        if (!cs.get("data_fin").asBoolean() && fs.get("data_fin").asBoolean() && start + extent == whole.length + 1) {
            // The DATA_FIN went on another subflow (a connection of its own here): the DATA_ACK
            // acknowledging it takes this stream one octet further, reported missing.
            extent--;
        }
        assertTrue(start >= 0 && start + extent <= whole.length, name + " " + direction + ": cut stream ["
                + start + ", " + (start + extent) + ") outside the full one of " + whole.length);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        long at = 0;
        for (JsonNode gap : cs.get("missing")) {
            long from = Math.min(extent, gap.get(0).asLong());
            expected.write(whole, (int) (start + at), (int) (from - at));
            at = Math.min(extent, gap.get(1).asLong());
        }
        expected.write(whole, (int) (start + at), (int) (extent - at));
        assertArrayEquals(expected.toByteArray(), ours, name + " " + direction + " of connection "
                + c.get("index") + " differs from the full stream from offset " + start);
        return ours.length;
    }

    static JsonNode connections(Path file) throws IOException {
        ReadCommandTest.Result r = ReadCommandTest.run("connections", file.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out()).get("connections");
    }

    /** The stream's bytes as {@code stream -o} writes them (exit 1 when the stream is incomplete). */
    private static byte[] stream(Path file, int connection, String direction, boolean complete, Path dir)
            throws IOException {
        Path out = Files.createTempFile(dir, "stream", ".bin");
        ReadCommandTest.Result r = ReadCommandTest.run("stream", file.toString(), "--connection",
                String.valueOf(connection), "--direction", direction, "-o", out.toString());
        assertEquals(complete ? 0 : 1, r.code(), r.err());
        return Files.readAllBytes(out);
    }

    /** The full capture's connection that has a subflow with the same endpoints as the cut one's. */
    private static JsonNode matching(JsonNode fullConnections, JsonNode cut) {
        Set<String> ends = new HashSet<>();
        for (JsonNode s : cut.get("subflows")) {
            ends.add(pair(s));
        }
        for (JsonNode f : fullConnections) {
            for (JsonNode s : f.get("subflows")) {
                if (ends.contains(pair(s))) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean hasSubflowClient(JsonNode full, String client) {
        for (JsonNode s : full.get("subflows")) {
            if (s.get("client").asText().equals(client)) {
                return true;
            }
        }
        return false;
    }

    /** The subflow's two endpoints, in either order. */
    private static String pair(JsonNode subflow) {
        String a = subflow.get("client").asText();
        String b = subflow.get("server").asText();
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }
}
