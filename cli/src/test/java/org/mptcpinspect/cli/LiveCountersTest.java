package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mptcpinspect.cli.LiveLab.Live;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.lab.MptcpCounters;
import org.mptcpinspect.lab.Side;

/**
 * {@code live --counters} on real MPTCP transfers in the lab's join-subflow topology (the client
 * opens a second subflow on path 1 with MP_JOIN), captured on every interface of the client
 * namespace: the nstat-style reports add up to {@code counters} on the -w file of the same run,
 * however the capture stops, and to the kernel's own counts (/proc/net/netstat deltas) where the
 * capture determines them. Needs root and kernel MPTCP; skipped with the reason otherwise.
 */
class LiveCountersTest {
    private static final String CLIENT = "192.0.2.1";

    @TempDir
    static Path dir;
    private static LiveLab lab;

    @BeforeAll
    static void buildTopology() throws Exception {
        lab = LiveLab.create("join-subflow", dir);
    }

    @AfterAll
    static void removeTopology() {
        if (lab != null) {
            lab.close();
        }
    }

    /** Reports every 0.2 s while the transfer runs: their increments add up to the -w file's counters. */
    @Test
    void counterDeltasAddUpToTheSavedCapturesCounters() throws Exception {
        Path saved = dir.resolve("counters.pcap");
        Live live = lab.live(List.of("live", "any", "-f", "tcp port 8009", "-w", saved.toString(), "--counters",
                "--interval", "0.2", "--host", CLIENT, "-a", "duration:5"));
        lab.transfer(8009, "256k", "128k");
        assertEquals(0, live.awaitExit(), live.err());
        long reports = live.out().lines().filter(l -> l.equals("#kernel")).count();
        assertTrue(reports >= 5, "a report every 0.2 s for 5 s: " + live.out());
        Map<String, Long> expected = counters(saved);
        assertEquals(1L, expected.get("MPTcpExtMPCapableSYNTX"), expected.toString());
        assertEquals(1L, expected.get("MPTcpExtMPJoinSynTx"), expected.toString());
        assertEquals(expected, sumOfReports(live.out()), live.out());
    }

    /**
     * A capture of the handshakes only (SYN and SYN/ACK), ended after the MP_JOIN SYN/ACK by -c
     * or by Ctrl-C once the transfer is over. Whether the joiner accepted that SYN/ACK
     * (MPJoinSynAckRx) shows in its third ACK, which the capture never holds: the end-of-capture
     * step takes it as accepted, as {@code counters} does at the end of the file, and as the
     * kernel counted. Every MP_CAPABLE and MP_JOIN counter of the client (the end that sent both
     * SYNs, so the handshakes decide all of them) equals the kernel's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-c", "SIGINT"})
    void theLastReportSettlesTheHandshakesTheCaptureEndedInAsTheKernelDid(String stop) throws Exception {
        int port = stop.equals("-c") ? 8010 : 8011;
        Path saved = dir.resolve("handshakes-" + port + ".pcap");
        List<String> args = new ArrayList<>(List.of("live", "any", "-f", "tcp port " + port
                + " and tcp[tcpflags] & tcp-syn != 0", "-w", saved.toString(), "--counters", "--host", CLIENT));
        if (stop.equals("-c")) {
            args.addAll(List.of("-c", "4"));
        }
        Map<String, Long> before = MptcpCounters.read(lab.namespace(Side.CLIENT));
        Live live = lab.live(args);
        lab.transfer(port, "256k", "256k"); // long enough for the join to open while data flows
        Map<String, Long> kernel = MptcpCounters.delta(before, MptcpCounters.read(lab.namespace(Side.CLIENT)));
        assertEquals(1L, kernel.get("MPJoinSynTx"), "the client opened one join: " + kernel);
        if (stop.equals("SIGINT")) {
            awaitFrames(saved, 4);
            live.signal("INT");
        }
        assertEquals(0, live.awaitExit(), live.err());
        assertTrue(live.err().contains("\n4 packets captured\n"), live.err());

        Map<String, Long> reported = sumOfReports(live.out());
        assertEquals(counters(saved), reported, live.out());
        assertEquals(1L, kernel.get("MPJoinSynAckRx"), kernel.toString());
        int compared = 0;
        for (MptcpCounter c : MptcpCounter.values()) {
            if (c.derivation().reported()
                    && (c.kernelName().startsWith("MPCapable") || c.kernelName().startsWith("MPJoin"))) {
                assertEquals(kernel.get(c.kernelName()), reported.getOrDefault(c.nstatName(), 0L),
                        c.nstatName() + "\nlive: " + live.out() + "kernel: " + kernel);
                compared++;
            }
        }
        assertTrue(compared > 10, compared + " counters compared");
    }

    /** The non-zero counters {@code counters FILE --host} finds in a saved capture, by nstat name. */
    private static Map<String, Long> counters(Path capture) {
        ReadCommandTest.Result counted = ReadCommandTest.run("counters", capture.toString(), "--host", CLIENT);
        assertEquals(0, counted.code(), counted.err());
        Map<String, Long> values = new TreeMap<>();
        counted.out().lines().filter(l -> !l.startsWith("#"))
                .forEach(l -> values.put(l.split(" +")[0], Long.parseLong(l.split(" +")[1])));
        return values;
    }

    /** live --counters' reports (nstat's layout, checked line by line) added up, zeros left out. */
    private static Map<String, Long> sumOfReports(String out) {
        Map<String, Long> sum = new TreeMap<>();
        for (String line : out.lines().toList()) {
            if (line.equals("#kernel")) {
                continue;
            }
            assertTrue(line.matches("MPTcpExt\\w+ +-?\\d+ +-?\\d+\\.\\d"), "nstat's layout: " + line);
            String[] f = line.trim().split(" +");
            sum.merge(f[0], Long.parseLong(f[1]), Long::sum);
        }
        sum.values().removeIf(v -> v == 0);
        return sum;
    }

    /** Waits until live's -w file holds {@code n} frames (it is flushed every 200 ms). */
    private static void awaitFrames(Path capture, int n) throws Exception {
        long deadline = System.nanoTime() + LiveLab.WAIT.toNanos();
        int frames = 0;
        while (System.nanoTime() < deadline) {
            frames = 0;
            try (PcapFileReader reader = CaptureFiles.open(capture.toString())) {
                while (reader.next() != null) {
                    frames++;
                }
            } catch (CaptureException e) {
                // not written yet, or a frame only half flushed: read again
            }
            if (frames >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(frames + " frames saved, waited for " + n);
    }
}
