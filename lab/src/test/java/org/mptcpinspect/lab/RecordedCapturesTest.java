package org.mptcpinspect.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpinspect.endpoint.ConnectionResult;
import org.mptcpinspect.endpoint.EndpointResult;

/**
 * The committed captures under testdata/pcaps against tshark and their own ground truth: the
 * options each scenario is meant to produce are really in the capture, both capture files hold
 * the same TCP packets, and what the kernel told the endpoints (tokens, addresses) matches
 * what tshark derives from the packets.
 */
class RecordedCapturesTest {
    static final Path RECORDINGS = Path.of("..", "testdata", "pcaps");

    @Test
    void everyBuiltInScenarioIsRecordedAsDefined() throws IOException {
        List<String> recorded = LabCommand.recorded(RECORDINGS);
        assertEquals(new TreeSet<>(Scenario.builtInNames()), new TreeSet<>(recorded),
                "testdata/pcaps must hold exactly the built-in scenarios (lab record --all)");
        for (String name : recorded) {
            Truth truth = Truth.read(RECORDINGS.resolve(name + ".truth.json"));
            assertEquals(Scenario.builtIn(name), truth.scenario(),
                    name + ": scenario changed since it was recorded; re-record it");
            assertEquals(List.of(), Lab.problems(truth), name + ": recording has problems");
        }
        String readme = Files.readString(RECORDINGS.resolve("README.md"));
        for (String name : recorded) {
            assertTrue(readme.contains("| " + name + " |"), "testdata/pcaps/README.md does not describe " + name);
        }
    }

    @TestFactory
    List<DynamicTest> capturesShowWhatTheScenarioIsFor() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : LabCommand.recorded(RECORDINGS)) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Assumptions.assumeTrue(CaptureCheck.tsharkAvailable(), "tshark not installed");
                Truth truth = Truth.read(RECORDINGS.resolve(name + ".truth.json"));
                Path pcap = RECORDINGS.resolve(truth.pcap());
                assertEquals(List.of(), CaptureCheck.verify(pcap, RECORDINGS.resolve(truth.pcapng()), truth.scenario()));
                assertTokensMatchCapture(truth, pcap);
                assertInitialSubflowsInCapture(truth, pcap);
            }));
        }
        return tests;
    }

    /** MPTCP_INFO tokens of both ends == the tokens tshark derives from the MP_CAPABLE keys. */
    private static void assertTokensMatchCapture(Truth truth, Path pcap) throws LabException {
        Set<Long> fromKernel = new TreeSet<>();
        for (EndpointResult side : List.of(truth.client(), truth.server())) {
            for (ConnectionResult c : side.connections()) {
                if (c.beforeShutdown() != null && c.beforeShutdown().info() != null && !c.fallback()) {
                    fromKernel.add(c.beforeShutdown().info().token());
                }
            }
        }
        Set<Long> fromCapture = CaptureCheck.fieldValues(pcap, "tcp.options.mptcp.subtype == 0", "mptcp.expected_token")
                .stream().flatMap(v -> Arrays.stream(v.split(","))).map(Long::parseLong)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(fromKernel, fromCapture, truth.name() + ": tokens");
    }

    /** Each connection's initial subflow (as getsockname/getpeername saw it) opens with a SYN. */
    private static void assertInitialSubflowsInCapture(Truth truth, Path pcap) throws LabException {
        List<String> syns = CaptureCheck.fieldValues(pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport");
        for (Truth.ConnectionPair pair : truth.connections()) {
            assertTrue(syns.contains(Integer.toString(pair.clientAddress().port())),
                    truth.name() + ": no SYN from " + pair.clientAddress());
        }
    }
}
