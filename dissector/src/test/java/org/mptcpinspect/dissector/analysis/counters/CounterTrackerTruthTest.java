package org.mptcpinspect.dissector.analysis.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * The proof of issue 5: on every lab scenario, every counter a capture determines (exactly or
 * approximately) equals what the kernel of each namespace counted (nstat's MPTcpExt deltas recorded
 * in NAME.truth.json), from the client-side .pcap and from the per-path .pcapng alike. The lab's
 * captures lose nothing that would move the other approximate counters, so those must match too;
 * MPTCPRetrans and DuplicateData are upper bounds.
 */
class CounterTrackerTruthTest {

    static Stream<Arguments> captures() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (LabTruth t : LabTruth.all()) {
            out.add(Arguments.of(t, t.pcap()));
            out.add(Arguments.of(t, t.pcapng()));
        }
        return out.stream();
    }

    static CounterTracker track(Path capture) throws Exception {
        CounterTracker tracker = new CounterTracker();
        try (PcapFileReader reader = CaptureFiles.open(capture)) {
            for (RawFrame f = reader.next(); f != null; f = reader.next()) {
                tracker.accept(PacketDecoder.decode(f));
            }
        }
        tracker.finish();
        return tracker;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("captures")
    void reportedCountersEqualTheKernels(LabTruth truth, Path capture) throws Exception {
        Assumptions.assumeTrue(capture.toFile().isFile(), "capture missing");
        CounterTracker tracker = track(capture);
        List<String> differences = new ArrayList<>();
        compare("client", tracker.host(truth.clientAddresses(), -1).values(), truth.clientCounters(), differences);
        compare("server", tracker.host(truth.serverAddresses(), -1).values(), truth.serverCounters(), differences);
        assertEquals(List.of(), differences, truth.name());
    }

    private static void compare(String side, CounterValues ours, Map<String, Long> kernel, List<String> differences) {
        for (MptcpCounter c : MptcpCounter.values()) {
            Long expected = kernel.get(c.kernelName());
            assertNotNull(expected, "the truth lacks " + c.kernelName());
            long v = ours.get(c);
            boolean agrees = c.agrees(expected, v);
            if (!agrees) {
                differences.add(side + " " + c.kernelName() + ": ours " + v + ", kernel " + expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mptcpinspect.dissector.analysis.counters.LabTruth#all")
    void countersAreTheKernelsInItsOrder(LabTruth truth) {
        assertEquals(List.copyOf(truth.clientCounters().keySet()),
                Stream.of(MptcpCounter.values()).map(MptcpCounter::kernelName).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.mptcpinspect.dissector.analysis.counters.LabTruth#all")
    void clientAndServerAreSeparateHosts(LabTruth truth) throws Exception {
        CounterTracker tracker = track(truth.pcap());
        List<HostCounters> hosts = tracker.hosts(-1);
        assertEquals(2, hosts.size(), hosts.toString());
        for (HostCounters h : hosts) {
            boolean client = truth.clientAddresses().containsAll(h.addresses());
            boolean server = truth.serverAddresses().containsAll(h.addresses());
            assertTrue(client != server, h.addresses() + " is not one namespace's");
        }
    }
}
