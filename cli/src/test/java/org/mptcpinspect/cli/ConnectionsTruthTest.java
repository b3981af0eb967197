package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest
    @MethodSource("captures")
    void matchesTheKernel(String capture) throws IOException {
        String name = capture.substring(0, capture.lastIndexOf('.'));
        JsonNode truth = JSON.readTree(LAB.resolve(name + ".truth.json").toFile());
        ReadCommandTest.Result r = ReadCommandTest.run("connections", LAB.resolve(capture).toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode ours = JSON.readTree(r.out()).get("connections");
        JsonNode pairs = truth.get("connections");
        assertEquals(pairs.size(), ours.size(), "connection count");
        for (JsonNode pair : pairs) {
            JsonNode client = truth.get("client").get("connections").get(pair.get("client").asInt());
            JsonNode server = truth.get("server").get("connections").get(pair.get("server").asInt());
            String clientEnd = endpoint(pair.get("clientAddress"));
            JsonNode c = find(ours, clientEnd);
            String where = capture + " connection " + clientEnd;

            assertStream(c.get("c2s"), client.get("sent"), where + " c2s");
            assertStream(c.get("s2c"), server.get("sent"), where + " s2c");
            assertEquals(endpoint(pair.get("serverAddress")), c.get("server").asText(), where);
            assertEquals(client.get("fallback").asBoolean(), c.get("fallback").asBoolean(), where + " fallback");
            if (!client.get("fallback").asBoolean()) {
                assertEquals(token(client), c.get("client_token").asText(), where + " client token");
                assertEquals(token(server), c.get("server_token").asText(), where + " server token");
            }
            assertEquals(kernelSubflows(client, server), ourSubflows(c), where + " subflows");
        }
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

    private static void assertStream(JsonNode ours, JsonNode sent, String where) {
        assertTrue(ours.get("complete").asBoolean(), where + " incomplete: " + ours);
        assertEquals(sent.get("bytes").asLong(), ours.get("bytes").asLong(), where + " bytes");
        assertEquals(sent.get("sha256").asText(), ours.get("sha256").asText(), where + " sha256");
    }

    private static JsonNode find(JsonNode connections, String clientEnd) {
        for (JsonNode c : connections) {
            if (c.get("client").asText().equals(clientEnd)) {
                return c;
            }
        }
        throw new AssertionError("no connection from " + clientEnd + " in " + connections);
    }

    /** The token of the side's MPTCP_INFO (before shutdown, else at close), 8 hex digits. */
    private static String token(JsonNode side) {
        for (String snapshot : List.of("beforeShutdown", "atClose")) {
            JsonNode s = side.get(snapshot);
            if (s != null && !s.isNull() && s.get("info") != null && !s.get("info").isNull()) {
                return String.format("%08x", s.get("info").get("token").asLong());
            }
        }
        throw new AssertionError("the truth has no MPTCP_INFO for " + side.get("local"));
    }

    private static String endpoint(JsonNode address) {
        String a = address.get("address").asText();
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + address.get("port").asInt();
    }

    /**
     * Subflows (client end, server end) either kernel listed in MPTCP_FULL_INFO; closed ones show
     * as 0.0.0.0 or port 0 and are left out.
     */
    private static Set<String> kernelSubflows(JsonNode client, JsonNode server) {
        Set<String> out = new TreeSet<>();
        for (JsonNode side : List.of(client, server)) {
            boolean isClient = side == client;
            for (String snapshot : List.of("beforeShutdown", "atClose")) {
                JsonNode s = side.get(snapshot);
                if (s == null || s.isNull() || s.get("subflows") == null) {
                    continue;
                }
                for (JsonNode sf : s.get("subflows")) {
                    JsonNode local = sf.get("local");
                    JsonNode remote = sf.get("remote");
                    if (local.get("port").asInt() == 0 || remote.get("port").asInt() == 0
                            || local.get("address").asText().equals("0.0.0.0")) {
                        continue;
                    }
                    out.add(isClient ? endpoint(local) + " " + endpoint(remote)
                            : endpoint(remote) + " " + endpoint(local));
                }
            }
        }
        if (out.isEmpty()) {
            // A fallback (or plain TCP) connection has no MPTCP subflow list: the initial one only.
            out.add(endpoint(client.get("local")) + " " + endpoint(client.get("remote")));
        }
        return out;
    }

    /** Our subflows that got past the handshake (a join the server refused at once is not listed by the kernel). */
    private static Set<String> ourSubflows(JsonNode connection) {
        Set<String> out = new TreeSet<>();
        for (JsonNode sf : connection.get("subflows")) {
            if (sf.get("established").asBoolean()) {
                out.add(sf.get("client").asText() + " " + sf.get("server").asText());
            }
        }
        assertNotNull(connection.get("subflows").get(0), "no subflow");
        return out;
    }
}
