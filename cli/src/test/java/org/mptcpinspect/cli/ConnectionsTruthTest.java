package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.lab.verify.Check;
import org.mptcpinspect.lab.verify.Verification;

/**
 * {@code connections --json} on every real-kernel capture in testdata/pcaps (.pcap and .pcapng)
 * against NAME.truth.json: each direction's data-level SHA-256 and length equal what the sending
 * endpoint wrote, the tokens equal the MPTCP_INFO tokens of each side, the fallback flag equals
 * the client's, and the subflows equal the ones the kernel listed (MPTCP_FULL_INFO).
 */
class ConnectionsTruthTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> captures() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(LAB)) {
            for (Path truth : files.filter(p -> p.toString().endsWith(".truth.json")).sorted().toList()) {
                String name = truth.getFileName().toString().replace(".truth.json", "");
                out.add(name + ".pcap");
                out.add(name + ".pcapng");
            }
        }
        assertTrue(out.size() >= 28, "expected the 14 lab scenarios, found " + out);
        return out.stream();
    }

    /**
     * The kernel comparisons are verify's ({@link Verification}, one implementation): all hold on
     * every recorded capture. {@code connections --json} then shows the same connections with the
     * digests and tokens that were verified.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void matchesTheKernel(String capture) throws Exception {
        String name = capture.substring(0, capture.lastIndexOf('.'));
        Verification.Outcome outcome = Verification.recorded(LAB.resolve(name + ".truth.json"), LAB.resolve(capture),
                UnaryOperator.identity());
        assertEquals(List.of(), outcome.failures(), capture);
        JsonNode truth = JSON.readTree(LAB.resolve(name + ".truth.json").toFile());
        ReadCommandTest.Result r = ReadCommandTest.run("connections", LAB.resolve(capture).toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode ours = JSON.readTree(r.out()).get("connections");
        assertEquals(truth.get("connections").size(), ours.size(), "connection count");
        int verified = 0;
        for (Check check : outcome.checks()) {
            if (!check.connection().contains(":")) {
                continue;
            }
            JsonNode c = find(ours, check.connection());
            String shown = switch (check.check()) {
                case "c2s data SHA-256", "s2c data SHA-256" -> {
                    JsonNode s = c.get(check.check().substring(0, 3));
                    yield s.get("sha256").asText() + " " + s.get("bytes").asLong() + " B";
                }
                case "client token" -> c.get("client_token").asText();
                case "server token" -> c.get("server_token").asText();
                default -> null;
            };
            if (shown != null && check.result() == Check.Result.OK) {
                assertEquals(check.observed(), shown, capture + " " + check);
                verified++;
            }
        }
        assertTrue(verified >= 2 * ours.size(), capture + ": " + verified + " checks shown by connections --json");
    }

    /** {@code stream}: the digest alone, and the raw bytes written to a file, are what the client sent. */
    @ParameterizedTest
    @MethodSource("captures")
    void streamCommandWritesWhatTheClientSent(String capture, @TempDir Path dir) throws Exception {
        String name = capture.substring(0, capture.lastIndexOf('.'));
        JsonNode truth = JSON.readTree(LAB.resolve(name + ".truth.json").toFile());
        JsonNode pair = truth.get("connections").get(0);
        JsonNode sent = truth.get("client").get("connections").get(pair.get("client").asInt()).get("sent");
        int index = -1;
        JsonNode ours = JSON.readTree(ReadCommandTest.run("connections", LAB.resolve(capture).toString(), "--json")
                .out()).get("connections");
        for (int i = 0; i < ours.size(); i++) {
            if (ours.get(i).get("client").asText().equals(endpoint(pair.get("clientAddress")))) {
                index = i;
            }
        }
        ReadCommandTest.Result digest = ReadCommandTest.run("stream", LAB.resolve(capture).toString(),
                "--connection", String.valueOf(index), "--direction", "c2s", "--sha256");
        assertEquals(0, digest.code(), digest.err());
        assertEquals(sent.get("sha256").asText() + "  " + sent.get("bytes").asLong() + "\n", digest.out());
        Path raw = dir.resolve("c2s.bin");
        ReadCommandTest.Result written = ReadCommandTest.run("stream", LAB.resolve(capture).toString(),
                "--connection", String.valueOf(index), "--direction", "c2s", "-o", raw.toString());
        assertEquals(0, written.code(), written.err());
        assertEquals("", written.out());
        assertEquals(sent.get("sha256").asText(), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(raw))));
    }

    @org.junit.jupiter.api.Test
    void streamCommandErrors() {
        String capture = LAB.resolve("single-subflow.pcap").toString();
        ReadCommandTest.Result r = ReadCommandTest.run("stream", capture, "--connection", "1", "--direction", "c2s");
        assertEquals(Main.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        r = ReadCommandTest.run("stream", capture, "--connection", "0", "--direction", "up");
        assertEquals(Main.USAGE, r.code());
        r = ReadCommandTest.run("stream", capture + ".missing", "--connection", "0", "--direction", "c2s");
        assertEquals(Main.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        r = ReadCommandTest.run("connections", capture + ".missing");
        assertEquals(Main.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
    }


    private static JsonNode find(JsonNode connections, String clientEnd) {
        for (JsonNode c : connections) {
            if (c.get("client").asText().equals(clientEnd)) {
                return c;
            }
        }
        throw new AssertionError("no connection from " + clientEnd + " in " + connections);
    }


    private static String endpoint(JsonNode address) {
        String a = address.get("address").asText();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + address.get("port").asInt();
    }


}
