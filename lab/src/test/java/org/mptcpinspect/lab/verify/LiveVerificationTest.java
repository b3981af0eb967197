package org.mptcpinspect.lab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.lab.Preflight;
import org.mptcpinspect.lab.Scenario;

/**
 * The proof that live verification can fail: a real kernel run whose frames reach the analysis
 * with one payload byte altered fails exactly the data check of that direction, while every other
 * check (tokens, sequence numbers, subflows, counters) still holds. Root and kernel MPTCP only.
 */
class LiveVerificationTest {

    @Test
    void alteredPayloadFailsTheDataCheck() throws Exception {
        Preflight.problem(List.of()).ifPresent(reason -> Assumptions.abort("lab unavailable: " + reason));
        PayloadCorruption corruption = new PayloadCorruption(5);
        Verification.Outcome outcome = Verification.live(Scenario.builtIn("join-subflow"), corruption, line -> { });
        assertTrue(corruption.corruptedFrame() > 0, "no frame was altered");
        List<Check> failures = outcome.failures();
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).check().endsWith("data SHA-256"), failures.toString());
        assertTrue(outcome.checks().size() > 20, outcome.checks().toString());
    }
}
