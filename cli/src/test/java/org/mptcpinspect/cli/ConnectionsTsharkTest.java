package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Subflow linking against tshark 4.0 (mptcp.analyze_mappings, intersubflows_retransmission):
 * which TCP stream belongs to which MPTCP connection must be the same, on every lab capture
 * (except connections that fell back in the SYN/ACK, which tshark does not number).
 */
class ConnectionsTsharkTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");

    static java.util.stream.Stream<String> captures() throws java.io.IOException {
        return ConnectionsTruthTest.captures();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void subflowLinkingAgreesWithTshark(String capture) throws Exception {
        Tshark.assume();
        String file = LAB.resolve(capture).toString();
        Map<Integer, Integer> theirs = new TreeMap<>();
        String out = Tshark.run(List.of("-r", file, "-o", "mptcp.analyze_mappings:TRUE", "-o",
                "mptcp.intersubflows_retransmission:TRUE", "-T", "fields", "-e", "tcp.stream", "-e", "mptcp.stream"));
        for (String line : out.lines().toList()) {
            String[] f = line.split("\t", -1);
            if (f.length == 2 && !f[0].isEmpty() && !f[1].isEmpty()) {
                Integer before = theirs.put(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
                assertEquals(before == null ? Integer.valueOf(f[1]) : before, Integer.valueOf(f[1]),
                        "tshark moved tcp.stream " + f[0]);
            }
        }
        Map<Integer, Integer> ours = new TreeMap<>();
        ReadCommandTest.Result r = ReadCommandTest.run("connections", file, "--json");
        assertEquals(0, r.code(), r.err());
        for (JsonNode c : new ObjectMapper().readTree(r.out()).get("connections")) {
            if ("no MP_CAPABLE in SYN/ACK".equals(c.get("fallback_reason").asText())) {
                // Known difference (testdata/pcaps/README.md): tshark gives a connection whose
                // SYN/ACK refused MPTCP no mptcp.stream; we list it, as a fallback connection.
                continue;
            }
            for (JsonNode sf : c.get("subflows")) {
                ours.put(sf.get("tcp_stream").asInt(), c.get("index").asInt());
            }
        }
        assertEquals(theirs, ours, capture + ": tcp.stream -> mptcp.stream");
    }
}
