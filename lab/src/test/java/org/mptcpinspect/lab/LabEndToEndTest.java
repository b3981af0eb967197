package org.mptcpinspect.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.endpoint.ConnectionResult;

/** A scenario run for real in namespaces (needs root, kernel MPTCP, tcpdump, dumpcap). */
class LabEndToEndTest {
    @Test
    void joinScenarioRecordsCapturesAndTruth(@TempDir Path out) throws Exception {
        Preflight.problem().ifPresent(reason -> Assumptions.abort("lab unavailable: " + reason));
        Scenario scenario = Scenario.builtIn("join-subflow");

        LabResult result = Lab.run(scenario, out);

        assertEquals(List.of(), result.problems());
        assertTrue(Files.size(result.pcap()) > 0 && Files.size(result.pcapng()) > 0);
        Truth truth = Truth.read(result.truthFile());
        assertEquals(1, truth.connections().size());
        ConnectionResult client = truth.client().connections().getFirst();
        ConnectionResult server = truth.server().connections().getFirst();
        assertEquals(client.sent().sha256(), server.received().sha256());
        assertEquals(server.sent().sha256(), client.received().sha256());
        assertFalse(client.fallback());
        assertNotEquals(0, client.beforeShutdown().info().token());
        assertEquals(2, client.beforeShutdown().subflows().size(), "initial subflow + MP_JOIN subflow");
        assertEquals(1L, truth.counters().client().get("MPJoinSynTx"));
        assertEquals(1L, truth.counters().server().get("MPJoinSynRx"));
        assertEquals(1L, truth.counters().server().get("MPCapableSYNRX"));
        if (CaptureCheck.tsharkAvailable()) {
            assertEquals(List.of(), CaptureCheck.verify(result.pcap(), result.pcapng(), scenario));
        }
        String namespaces = Shell.run("ip", "netns", "list");
        assertFalse(namespaces.contains(Topology.namePrefix(ProcessHandle.current().pid())),
                "lab namespaces left behind: " + namespaces);
    }
}
