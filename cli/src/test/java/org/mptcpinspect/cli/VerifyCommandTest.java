package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.lab.Preflight;
import org.mptcpinspect.lab.Scenario;
import org.mptcpinspect.lab.verify.PayloadCorruption;

/**
 * {@code verify}: every built-in scenario against the real kernel with the live analysis (root,
 * kernel MPTCP; this is how .ci/run runs verify --all), the failure on altered payload, the
 * recorded mode, JSON, usage errors.
 */
class VerifyCommandTest {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");

    @Test
    void allScenariosHoldAgainstTheKernel() throws Exception {
        Preflight.problem(List.of()).ifPresent(reason -> Assumptions.abort("lab unavailable: " + reason));
        ReadCommandTest.Result r = ReadCommandTest.run("verify", "--all");
        List<String> failed = r.out().lines().filter(l -> l.endsWith(" FAIL")).toList();
        assertEquals(List.of(), failed, r.err());
        assertEquals(Main.OK, r.code(), r.err());
        for (String name : Scenario.builtInNames()) {
            assertTrue(r.out().contains("\n" + name + " "), "no checks of " + name);
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("data SHA-256")),
                    name + ": no data check");
        }
        String summary = r.out().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(summary.startsWith("verify: " + Scenario.builtInNames().size() + " scenarios, ")
                && summary.contains(" 0 FAIL"), summary);
    }

    /**
     * --save keeps a live run as the lab's files: the same checks hold again offline on the saved
     * pcap and pcapng, and tshark reads as many frames from each as the run captured.
     */
    @Test
    void savedRunChecksAgainOffline(@TempDir Path dir) throws Exception {
        Preflight.problem(List.of()).ifPresent(reason -> Assumptions.abort("lab unavailable: " + reason));
        Tshark.assume();
        ReadCommandTest.Result live = ReadCommandTest.run("verify", "join-subflow", "--save", dir.toString());
        assertEquals(Main.OK, live.code(), live.out() + live.err());
        String saved = live.out().lines().filter(l -> l.contains(" run saved ")).findFirst().orElseThrow();
        assertTrue(saved.endsWith(" OK"), saved);
        long frames = Long.parseLong(saved.replaceAll(".* (\\d+) frames, .*", "$1"));
        assertTrue(frames > 100, saved);
        Path truth = dir.resolve("join-subflow.truth.json");
        long liveDataChecks = live.out().lines().filter(l -> l.contains(" data SHA-256 ")).count();
        for (String format : new String[] {"pcap", "pcapng"}) {
            Path capture = dir.resolve("join-subflow." + format);
            assertEquals(frames, Long.parseLong(Tshark.run(List.of("-r", capture.toString(), "-T", "fields",
                    "-e", "frame.number")).strip().lines().reduce((a, b) -> b).orElseThrow()), format);
            ReadCommandTest.Result again = format.equals("pcap")
                    ? ReadCommandTest.run("verify", "--recorded", truth.toString())
                    : ReadCommandTest.run("verify", "--pcapng", "--recorded", truth.toString());
            assertEquals(Main.OK, again.code(), again.out() + again.err());
            assertEquals(liveDataChecks, again.out().lines().filter(l -> l.contains(" data SHA-256 ")).count(),
                    again.out());
        }
    }

    /** The proof on a recorded run: one altered payload byte fails the data check of its direction, and only it. */
    @Test
    void alteredPayloadFails(@TempDir Path dir) throws Exception {
        Files.copy(LAB.resolve("join-subflow.truth.json"), dir.resolve("join-subflow.truth.json"));
        PayloadCorruption corruption = new PayloadCorruption(10);
        try (CaptureReader in = CaptureFiles.open(LAB.resolve("join-subflow.pcap"))) {
            RawFrame first = in.next();
            try (PcapWriter out = PcapWriter.create(dir.resolve("join-subflow.pcap"), first.linkType(),
                    TimestampResolution.NANOSECONDS)) {
                for (RawFrame f = first; f != null; f = in.next()) {
                    out.write(corruption.apply(f));
                }
            }
        }
        assertTrue(corruption.corruptedFrame() > 0);
        ReadCommandTest.Result r = ReadCommandTest.run("verify", "--recorded",
                dir.resolve("join-subflow.truth.json").toString());
        assertEquals(Main.FAILED, r.code(), r.out() + r.err());
        List<String> failed = r.out().lines().filter(l -> l.endsWith(" FAIL")).toList();
        assertEquals(1, failed.size(), r.out());
        assertTrue(failed.get(0).contains(" data SHA-256 "), failed.get(0));
        assertTrue(r.out().contains(" 1 FAIL, 0 SKIP ("), r.out());
        assertTrue(r.out().contains("; failed: join-subflow"), r.out());
    }

    @Test
    void recordedCapturesAsJson() throws Exception {
        ReadCommandTest.Result r = ReadCommandTest.run("verify", "--pcapng", "--json", "--recorded",
                LAB.resolve("add-addr-port.truth.json").toString(), LAB.resolve("fallback-tcp-server.truth.json").toString());
        assertEquals(Main.OK, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(2, root.get("scenarios").size());
        for (JsonNode s : root.get("scenarios")) {
            assertTrue(s.get("ok").asBoolean(), s.toString());
            assertTrue(s.get("checks").size() > 5, s.toString());
        }
        assertTrue(root.get("summary").asText().startsWith("verify: 2 scenarios, "), root.toString());
    }

    @Test
    void usageAndErrors() {
        assertEquals(Main.USAGE, ReadCommandTest.run("verify").code());
        assertEquals(Main.USAGE, ReadCommandTest.run("verify", "single-subflow", "--recorded",
                LAB.resolve("fastclose.truth.json").toString()).code());
        ReadCommandTest.Result unknown = ReadCommandTest.run("verify", "no-such-scenario");
        assertEquals(Main.FAILED, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        ReadCommandTest.Result missing = ReadCommandTest.run("verify", "--recorded", "/nonexistent.truth.json");
        assertEquals(Main.FAILED, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertEquals(Main.USAGE, ReadCommandTest.run("verify", "--save", "/tmp", "--recorded",
                LAB.resolve("fastclose.truth.json").toString()).code());
        ReadCommandTest.Result help = ReadCommandTest.run("verify", "--help");
        assertEquals(Main.OK, help.code());
        assertTrue(help.out().contains("--recorded"), help.out());
    }
}
