package org.mptcpinspect.dissector.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Reads frames on a second thread, a batch ahead of the consumer, so that parsing the capture
 * (and touching its pages) overlaps with dissecting it: on two cores this takes the reader's
 * share (about a third of {@code read -T fields}) off the dissecting thread. Frames, the end
 * and a {@link CaptureException} reach the consumer in the order the wrapped reader produced
 * them, so a file cut short still delivers every complete frame before the error.
 */
public final class ReadAheadReader implements CaptureReader {
    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 8;

    /**
     * What the reading thread hands over: frames, then possibly the end or an error; {@code kib}
     * is the permits of the byte bound they hold.
     */
    private record Batch(List<RawFrame> frames, boolean end, CaptureException error, int kib) {
    }

    /** Frames and bytes a live capture reads ahead of its consumer (see {@link #ofLiveCapture}). */
    private static final int LIVE_FRAMES_AHEAD = 65_536;
    private static final long LIVE_BYTES_AHEAD = 128L << 20;

    private final CaptureReader reader;
    private final int batch;
    private final BlockingQueue<Batch> queue;
    /** KiB the waiting frames may hold (one permit per started KiB of a batch), or null for no bound. */
    private final Semaphore kibAhead;
    private final int kibLimit;
    private final Thread thread;
    private volatile boolean closing;
    private Batch current;
    private int position;
    private long framesRead;

    public ReadAheadReader(CaptureReader reader) {
        this(reader, BATCH, BATCHES_AHEAD);
    }

    /** With batches of {@code batch} frames, at most {@code batchesAhead} of them waiting. */
    public ReadAheadReader(CaptureReader reader, int batch, int batchesAhead) {
        this(reader, batch, batchesAhead, 0);
    }

    /**
     * As above, and the waiting frames holding at most {@code bytesAhead} bytes (0: no bound
     * but the count). A live capture uses batches of 1, so that each frame is handed over as
     * soon as it arrives, and many of them: the thread then only drains the capture, and bursts
     * (or the JIT warming up) wait in memory instead of being dropped by the kernel while frames
     * are dissected; the byte bound keeps that memory in check when frames are large (loopback
     * frames of 64 KiB).
     */
    public ReadAheadReader(CaptureReader reader, int batch, int batchesAhead, long bytesAhead) {
        this.reader = reader;
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(batchesAhead);
        this.kibLimit = (int) Math.min(Integer.MAX_VALUE, (bytesAhead + 1023) >> 10);
        this.kibAhead = bytesAhead > 0 ? new Semaphore(kibLimit) : null;
        this.thread = Thread.ofPlatform().daemon().name("capture-read-ahead").start(this::readAll);
    }

    /**
     * A live capture's read-ahead (the live command's and the GUI's): each frame handed over as
     * it arrives, up to 65536 frames or 128 MiB waiting. At 1 Gbit/s the JIT's warm-up alone
     * lags by more than 8192 frames (bench/live-vs-tshark.sh dropped 0.1-6% with that, none with
     * 65536); the byte bound holds when frames are large (loopback frames of 64 KiB).
     */
    public static ReadAheadReader ofLiveCapture(CaptureReader capture) {
        return new ReadAheadReader(capture, 1, LIVE_FRAMES_AHEAD, LIVE_BYTES_AHEAD);
    }

    private void readAll() {
        try {
            while (!closing) {
                List<RawFrame> frames = new ArrayList<>(batch);
                Batch next;
                try {
                    RawFrame frame = null;
                    while (frames.size() < batch && (frame = reader.next()) != null) {
                        frames.add(frame);
                    }
                    next = new Batch(frames, frame == null, null, kib(frames));
                } catch (CaptureException e) {
                    next = new Batch(frames, true, e, kib(frames));
                } catch (RuntimeException e) {
                    next = new Batch(frames, true, new CaptureException("reading failed: " + e), kib(frames));
                }
                if (kibAhead != null) {
                    kibAhead.acquire(next.kib());
                }
                queue.put(next);
                if (next.end()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() asked us to stop.
        }
    }

    @Override
    public RawFrame next() throws CaptureException {
        return next(null, null);
    }

    /**
     * As {@link #next()}, running {@code idle} on this thread each time {@code wait} passes
     * without a frame: a consumer that acts every so often (e.g. shows what was captured so far)
     * gets its turn while a live capture's link is quiet too.
     */
    public RawFrame next(java.time.Duration wait, Runnable idle) throws CaptureException {
        while (current == null || position == current.frames().size()) {
            if (current != null) {
                if (current.end()) {
                    if (current.error() != null) {
                        throw current.error();
                    }
                    return null;
                }
                if (kibAhead != null) {
                    kibAhead.release(current.kib());
                }
                current = null;
            }
            Batch next;
            try {
                next = wait == null ? queue.take() : queue.poll(wait.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException("interrupted while reading");
            }
            if (next == null) {
                idle.run();
                continue;
            }
            current = next;
            position = 0;
        }
        framesRead++;
        return current.frames().get(position++);
    }

    /** The permits a batch takes: its started KiB, at most the whole bound (so a huge frame still passes). */
    private int kib(List<RawFrame> frames) {
        if (kibAhead == null) {
            return 0;
        }
        long bytes = 0;
        for (RawFrame f : frames) {
            bytes += f.capturedLength();
        }
        return (int) Math.min(kibLimit, (bytes + 1023) >> 10);
    }

    /** Frames handed to the consumer so far. */
    public long framesRead() {
        return framesRead;
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
