package org.mptcpinspect.lab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rcv_nxt against the time of the client's MPTCP_INFO snapshot. In the recorded fastclose run the
 * client aborts after its 100 ms hold; the server's DATA_FIN (frame 77, captured at
 * 1795545799.952266 s) reached the client 2.7 ms before the client's snapshot (…955 ms), whose
 * rcv_nxt counts it. Under load the DATA_FIN can come after the snapshot instead, or be processed
 * after it; moving the snapshot time and the kernel's rcv_nxt in a copy of the truth shows that the
 * check follows the capture's timing, and fails when the kernel disagrees with it.
 */
class SnapshotTimingTest {
    private static final Path RECORDINGS = Path.of("..", "testdata", "pcaps");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "snapshot at {0} ms, kernel rcv_nxt {1}: {2}")
    @CsvSource({
        // The recorded run: DATA_FIN 2.7 ms before the snapshot, counted by the kernel; its
        // worker could have counted it later (Verification.DATA_FIN_LATENCY_NANOS): either holds.
        "1795545799955, 0, pass",
        "1795545799955, -1, pass",
        // Snapshot a second after the DATA_FIN was captured: the kernel must have counted it.
        "1795545800952, 0, pass",
        "1795545800952, -1, fail",
        // Snapshot 2.3 ms before the DATA_FIN was captured: the kernel cannot have counted it.
        "1795545799950, -1, pass",
        "1795545799950, 0, fail",
    })
    void clientRcvNxtFollowsTheDataFinsCaptureTime(long snapshotMs, long rcvNxtDelta, String verdict,
                                                   @TempDir Path dir) throws Exception {
        ObjectNode truth = (ObjectNode) JSON.readTree(RECORDINGS.resolve("fastclose.truth.json").toFile());
        ObjectNode atClose = (ObjectNode) truth.get("client").get("connections").get(0).get("atClose");
        atClose.put("takenAtMs", snapshotMs);
        ObjectNode info = (ObjectNode) atClose.get("info");
        info.put("rcvNxt", info.get("rcvNxt").asLong() + rcvNxtDelta);
        Path copy = dir.resolve("fastclose.truth.json");
        Files.writeString(copy, JSON.writeValueAsString(truth));

        Verification.Outcome outcome = Verification.recorded(copy, RECORDINGS.resolve("fastclose.pcap"),
                UnaryOperator.identity());
        List<Check> failures = outcome.failures();
        if (verdict.equals("pass")) {
            assertEquals(List.of(), failures);
        } else {
            assertEquals(1, failures.size(), failures.toString());
            assertEquals("client rcv_nxt (at close)", failures.get(0).check());
        }
    }
}
