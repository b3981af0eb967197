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
                assertHandshakesMatchTruth(truth, pcap);
            }));
        }
        return tests;
    }

    /**
     * MPTCP_INFO tokens of both ends == the tokens tshark derives from the MP_CAPABLE keys, and
     * each connection's initial subflow (as getsockname saw it) opens with a SYN.
     */
    private static void assertHandshakesMatchTruth(Truth truth, Path pcap) throws LabException {
        Set<Long> fromKernel = new TreeSet<>();
        for (EndpointResult side : List.of(truth.client(), truth.server())) {
            for (ConnectionResult c : side.connections()) {
                if (c.beforeShutdown() != null && c.beforeShutdown().info() != null && !c.fallback()) {
                    fromKernel.add(c.beforeShutdown().info().token());
                }
            }
        }
        Set<Long> fromCapture = new TreeSet<>();
        Set<String> synPorts = new TreeSet<>();
        for (String[] frame : CaptureCheck.fieldValues(pcap,
                "tcp.options.mptcp.subtype == 0 || (tcp.flags.syn == 1 && tcp.flags.ack == 0)",
                List.of("tcp.flags.syn", "tcp.flags.ack", "tcp.srcport", "mptcp.expected_token"))) {
            if (frame[0].equals("1") && frame[1].equals("0")) {
                synPorts.add(frame[2]);
            }
            Arrays.stream(frame[3].split(",")).filter(t -> !t.isEmpty()).map(Long::parseLong).forEach(fromCapture::add);
        }
        assertEquals(fromKernel, fromCapture, truth.name() + ": tokens");
        for (Truth.ConnectionPair pair : truth.connections()) {
            assertTrue(synPorts.contains(Integer.toString(pair.clientAddress().port())),
                    truth.name() + ": no SYN from " + pair.clientAddress());
        }
    }
}
