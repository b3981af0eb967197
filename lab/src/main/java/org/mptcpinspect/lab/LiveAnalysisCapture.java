package org.mptcpinspect.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * verify's capture: {@code live}'s machinery (libpcap through pcap4j, in this process) on the
 * client host's "any" interface, handing every frame to a consumer (the analysis) as it arrives,
 * no file in between.
 *
 * <p>A packet socket captures in the network namespace of the thread that opens it, and Linux keeps
 * that namespace per thread: so a dedicated capture thread moves itself into the client's
 * namespace (setns, {@link NetworkNamespace}), opens the capture there, and reads and analyses
 * frames until stopped. The rest of the JVM stays in the original namespace. (A child
 * {@code ip netns exec … mptcp-inspect live} would need a second JVM and a file or pipe to get the
 * frames back, and would analyse them out of process.)
 */
public final class LiveAnalysisCapture implements CaptureStep {
    /** Like the recorder's tcpdump: no frame is cut (offloads off, MTU 1500) and a burst fits the ring. */
    private static final int SNAP_LENGTH = 65535;
    private static final int BUFFER_BYTES = 64 << 20;
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    /** The wire is silent when stop() is called: no frame for this long means the ring is drained. */
    private static final long IDLE_NANOS = 300_000_000L;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<RawFrame> frames;
    private volatile LiveCapture.Statistics statistics;

    /** {@code frames} gets every captured frame, in order, on the capture thread. */
    public LiveAnalysisCapture(Consumer<RawFrame> frames) {
        this.frames = frames;
    }

    @Override
    public List<String> tools() {
        return List.of();
    }

    /** libpcap's counters at the end of the capture; null before it stopped. */
    public LiveCapture.Statistics statistics() {
        return statistics;
    }

    @Override
    public Running start(String namespace, List<String> interfaces) throws LabException {
        CaptureThread thread = new CaptureThread(namespace);
        thread.thread.start();
        try {
            if (!thread.opened.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.close();
                throw new LabException("live capture in " + namespace + " did not start within " + OPEN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.close();
            throw new LabException("interrupted while starting the live capture");
        }
        if (thread.failure != null) {
            thread.close();
            throw new LabException("live capture: " + thread.failure);
        }
        return thread;
    }

    /** The capture thread and its handle. */
    private final class CaptureThread implements Running {
        private final String namespace;
        private final Thread thread;
        private final CountDownLatch opened = new CountDownLatch(1);
        private volatile LiveCapture capture;
        private volatile String failure;
        private volatile long lastFrameNanos = System.nanoTime();
        private boolean stopped;

        CaptureThread(String namespace) {
            this.namespace = namespace;
            this.thread = Thread.ofPlatform().name("verify-capture-" + namespace).daemon().unstarted(this::run);
        }

        private void run() {
            try {
                NetworkNamespace.enter(namespace);
                capture = LiveCapture.open(new LiveCapture.Options("any").withSnapLength(SNAP_LENGTH)
                        .withBufferSize(BUFFER_BYTES).withPromiscuous(false).withReadTimeout(Duration.ofMillis(50)));
            } catch (LabException | CaptureException e) {
                failure = e.getMessage();
                opened.countDown();
                return;
            }
            opened.countDown();
            try {
                for (RawFrame f = capture.next(); f != null; f = capture.next()) {
                    lastFrameNanos = System.nanoTime();
                    frames.accept(f);
                }
            } catch (CaptureException e) {
                failure = e.getMessage();
            } catch (RuntimeException e) {
                // An analysis bug must fail the run with its reason, not vanish with the thread.
                failure = "analysis failed: " + e;
            }
        }

        /** Waits until the (silent) wire's last frames were read, then stops and keeps the counters. */
        @Override
        public void stop() throws LabException {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (thread.isAlive() && System.nanoTime() - lastFrameNanos < IDLE_NANOS
                    && System.nanoTime() < deadline) {
                Pause.millis(50);
            }
            try {
                statistics = capture.statistics();
            } catch (CaptureException e) {
                throw new LabException("live capture: " + e.getMessage());
            } finally {
                close();
            }
            if (failure != null) {
                throw new LabException("live capture: " + failure);
            }
        }

        @Override
        public void close() {
            if (stopped) {
                return;
            }
            stopped = true;
            LiveCapture c = capture;
            if (c != null) {
                c.stop();
            }
            try {
                thread.join(DRAIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (c != null) {
                c.close();
            }
        }
    }
}
