package org.mptcpinspect.lab.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.lab.Truth;

/**
 * The verification on every recorded scenario (testdata/pcaps, .pcap and .pcapng): every check
 * holds, and each kind of check was made where the scenario allows it.
 */
class RecordedVerificationTest {
    static final Path RECORDINGS = Path.of("..", "testdata", "pcaps");

    static Stream<String> captures() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(RECORDINGS)) {
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
    void everyCheckHolds(String capture) throws Exception {
        String name = capture.substring(0, capture.lastIndexOf('.'));
        Path truthFile = RECORDINGS.resolve(name + ".truth.json");
        Verification.Outcome outcome = Verification.recorded(truthFile, RECORDINGS.resolve(capture),
                UnaryOperator.identity());
        assertEquals(List.of(), outcome.failures(), capture);
        Truth truth = Truth.read(truthFile);
        long connectionChecks = outcome.checks().stream().filter(c -> c.connection().contains(":")).count();
        int perConnection = truth.client().connections().get(truth.connections().get(0).client()).fallback() ? 4 : 12;
        assertTrue(connectionChecks >= (long) perConnection * truth.connections().size(),
                capture + ": only " + connectionChecks + " connection checks");
    }
}
