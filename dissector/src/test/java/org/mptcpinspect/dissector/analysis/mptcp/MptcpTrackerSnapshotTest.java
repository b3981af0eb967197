package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.dissector.LabCaptures;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * {@link MptcpTracker#snapshot()}: the reports of a capture still running (a live view), taken
 * as often as one likes without changing what the tracker reports at the end.
 */
class MptcpTrackerSnapshotTest {

    static Stream<String> captures() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(LabCaptures.directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap")).sorted().toList().stream();
        }
    }

    private static List<ConnectionReport> finish(List<RawFrame> frames) {
        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        frames.forEach(analysis::add);
        return tracker.finish();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void snapshotsGrowWithTheCaptureAndLeaveTheFinalReportsAsTheyWere(String name) throws Exception {
        List<RawFrame> frames = LabCaptures.frames(name);
        List<ConnectionReport> reference = finish(frames);

        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        List<ConnectionReport> last = List.of();
        int taken = 0;
        for (int i = 0; i < frames.size(); i++) {
            analysis.add(frames.get(i));
            if (i % 3 != 0) {
                continue;
            }
            List<ConnectionReport> now = tracker.snapshot();
            taken++;
            assertTrue(now.size() >= last.size(), name + " frame " + (i + 1) + ": connections never go away");
            for (int c = 0; c < last.size(); c++) {
                ConnectionReport before = last.get(c);
                ConnectionReport after = now.get(c);
                assertEquals(before.initialFlow(), after.initialFlow());
                assertTrue(after.subflows().size() >= before.subflows().size());
                assertTrue(after.c2s().bytes() >= before.c2s().bytes() && after.s2c().bytes() >= before.s2c().bytes(),
                        name + " frame " + (i + 1) + ": delivered bytes only grow");
                assertNull(after.c2s().sha256(), "no digest before the end");
                for (int s = 0; s < before.subflows().size(); s++) {
                    SubflowReport b = before.subflows().get(s);
                    SubflowReport a = after.subflows().get(s);
                    assertEquals(b.flow(), a.flow());
                    assertTrue(a.packetsFromInitiator() + a.packetsFromResponder()
                            >= b.packetsFromInitiator() + b.packetsFromResponder());
                }
            }
            last = now;
        }
        assertTrue(taken > 10, name + ": " + taken + " snapshots");

        List<ConnectionReport> beforeFinish = tracker.snapshot();
        List<ConnectionReport> finished = tracker.finish();
        assertEquals(reference, finished, name + ": the snapshots changed nothing");
        assertSame(finished, tracker.snapshot(), "after finish, its reports");

        // At the end a snapshot has everything finish() reports but what finish settles: held
        // bytes given up, the digest, payload that never found its place.
        assertEquals(finished.size(), beforeFinish.size());
        for (int c = 0; c < finished.size(); c++) {
            ConnectionReport f = finished.get(c);
            ConnectionReport s = beforeFinish.get(c);
            assertEquals(f.subflows(), s.subflows(), name + " connection " + c);
            assertEquals(f.events(), s.events());
            assertEquals(f.clientToken(), s.clientToken());
            assertEquals(f.serverToken(), s.serverToken());
            for (boolean c2s : new boolean[] {true, false}) {
                StreamReport fs = c2s ? f.c2s() : f.s2c();
                StreamReport ss = c2s ? s.c2s() : s.s2c();
                assertEquals(fs.firstDsn(), ss.firstDsn());
                assertEquals(fs.dataFin(), ss.dataFin());
                assertTrue(ss.bytes() <= fs.bytes());
                if (fs.complete() && fs.unplacedBytes() == 0) {
                    // Nothing was held after a gap (it would be missing now): all delivered already.
                    assertEquals(fs.bytes(), ss.bytes(), name + " connection " + c + (c2s ? " c2s" : " s2c"));
                    assertTrue(ss.complete());
                }
            }
        }
    }

    @Test
    void bytesHeldAfterAGapAreNotDeliveredYetAndTheGapIsNotMissingYet() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        byte[] a = MptcpScript.bytes(1000, 1);
        byte[] b = MptcpScript.bytes(1000, 2);
        byte[] c = MptcpScript.bytes(1000, 3);
        x.clientData(x.c, 1000, 0, a);
        x.clientData(x.c, 1000, 2000, c); // b is late
        RawFrame late = x.clientData(x.c, 1000, 1000, b);

        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        for (RawFrame f : x.s.frames) {
            if (f == late) {
                StreamReport held = tracker.snapshot().getFirst().c2s();
                assertEquals(1000, held.bytes(), "a delivered, c held behind the gap");
                assertFalse(held.complete(), "c waits behind a gap");
                assertEquals(0, held.missingBytes(), "the gap may still be filled");
                assertNull(held.sha256());
                assertEquals("established", tracker.snapshot().getFirst().state());
            }
            analysis.add(f);
        }
        StreamReport done = tracker.snapshot().getFirst().c2s();
        assertEquals(3000, done.bytes());
        assertTrue(done.complete());
        assertNull(done.sha256(), "the digest is final only at the end");
        StreamReport finished = tracker.finish().getFirst().c2s();
        assertEquals(3000, finished.bytes());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(a, b, c)), finished.sha256());
    }
}
