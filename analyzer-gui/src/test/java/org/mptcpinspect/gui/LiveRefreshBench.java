package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.plot.TimelineData;

/**
 * Not a test: the benchmark behind bench/gui-live-refresh.sh (run only with -Dbench.capture=FILE).
 * A big capture is replayed into the real window as a live capture as fast as it can be read
 * (a busy link), the Subflow Timeline on screen (its refresh is the dearest); it reports what the
 * live views cost: the capture thread's snapshots, the FX thread's refreshes, how late the FX
 * thread ran a 100 ms probe at worst, and Stop's wait for the final views against today's
 * re-walk of the spool.
 */
@EnabledIfSystemProperty(named = "bench.capture", matches = ".+")
class LiveRefreshBench extends WindowFixture {

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    @Test
    void liveViewsOnABusyCapture() throws Exception {
        Path file = Path.of(System.getProperty("bench.capture"));
        showWindow();
        // The FX thread's lateness: a probe every 100 ms, how late it ran.
        java.util.List<Long> late = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread prober = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    long asked = System.nanoTime();
                    CompletableFuture<Void> ran = new CompletableFuture<>();
                    Platform.runLater(() -> {
                        late.add(System.nanoTime() - asked);
                        ran.complete(null);
                    });
                    ran.join();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                // Done.
            }
        });
        ReplayFrames frames = new ReplayFrames(CaptureFiles.open(file), Long.MAX_VALUE);
        long start = System.nanoTime();
        CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.startCapture(frames));
        String filter = System.getProperty("bench.filter", "");
        if (!filter.isEmpty()) {
            // A display filter kept up while capturing (its walk over the spool on the worker thread).
            org.mptcpinspect.dissector.filter.DisplayFilter f = org.mptcpinspect.dissector.filter.DisplayFilter
                    .compile(filter, org.mptcpinspect.dissector.fields.FieldRegistry.standard());
            onFx(() -> window.applyFilter(f));
        }
        selectTab(System.getProperty("bench.tab", "Subflow Timeline")); // a capture starts on the packet list
        // Once every frame is in, the views show the last ones after a quiet second at most.
        while (!frames.ended()) {
            Thread.sleep(200);
        }
        long replayed = System.nanoTime() - start;
        Thread.sleep(2_000);
        FxTestSupport.settle();
        System.gc();
        long heapLive = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        CaptureSession.RefreshCost fx = onFx(() -> window.liveRefreshCost());
        long[] lateness;
        synchronized (late) {
            lateness = late.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        long stopAsked = System.nanoTime();
        onFx(() -> {
            window.stopCapture();
            return null;
        });
        CaptureSession.Outcome outcome = await(stopped);
        long stopTook = System.nanoTime() - stopAsked;
        assertNull(outcome.error(), outcome.toString());
        prober.interrupt();
        CaptureSession.Connections shown = await(onFx(() -> window.showConnections()));
        CaptureSession.RefreshCost snapshots = onFx(() -> window.captureSession().refreshCost());
        // Today's Stop: the connections and counters passes over the spool.
        Path spool = onFx(() -> window.captureSession().file());
        CaptureSession again = new CaptureSession(spool);
        long rewalk = System.nanoTime();
        CaptureSession.Connections walked = again.connections((n, x) -> { });
        again.counters((n, x) -> { });
        rewalk = System.nanoTime() - rewalk;
        assertEquals(ShownViews.of(walked, java.util.List.of()).reports(), shown.reports());
        long points = shown.timelines().stream().mapToLong(TimelineData::size).sum();
        System.gc();
        long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String report = String.format(Locale.ROOT, """
                capture: %s, %d frames replayed as a live capture in %.1f s (%.0f frames/s: indexing, spool, trackers)
                timeline points at the end: %d
                capture thread, per refresh (tracker + counters snapshot): %d refreshes, mean %s, max %s
                FX thread, per refresh (connections, counters, timeline on screen): %d refreshes, mean %s, max %s
                FX thread, lateness of a probe every 100 ms while capturing: %d probes, median %s, 99th percentile %s, worst %s, %d over 250 ms
                Stop to final views shown: %s (today's re-walk of the spool for connections + counters: %s)
                heap used after GC: %d MB while capturing (all frames in), %d MB after Stop
                display filter while capturing: %s
                """, file, frames.played(), replayed / 1e9, frames.played() / (replayed / 1e9), points,
                snapshots.snapshots(), ms(snapshots.totalNanos() / Math.max(1, snapshots.snapshots())),
                ms(snapshots.maxNanos()), fx.snapshots(), ms(fx.totalNanos() / Math.max(1, fx.snapshots())),
                ms(fx.maxNanos()), lateness.length, ms(lateness[lateness.length / 2]),
                ms(lateness[(int) (lateness.length * 0.99)]), ms(lateness[lateness.length - 1]),
                java.util.Arrays.stream(lateness).filter(x -> x > 250_000_000L).count(), ms(stopTook), ms(rewalk), heapLive >> 20, heapAfter >> 20,
                filter.isEmpty() ? "none" : filter + ", " + onFx(() -> window.table().getItems().size()) + " rows at Stop");
        System.out.print(report);
        java.nio.file.Files.writeString(Path.of(System.getProperty("bench.report", "target/gui-live-refresh.txt")), report);
        assertTrue(fx.snapshots() > 1, "views refreshed while capturing");
    }
}
