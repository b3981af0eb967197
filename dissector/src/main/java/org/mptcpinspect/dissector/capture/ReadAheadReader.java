package org.mptcpinspect.dissector.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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

    /** What the reading thread hands over: frames, then possibly the end or an error. */
    private record Batch(List<RawFrame> frames, boolean end, CaptureException error) {
    }

    private final CaptureReader reader;
    private final int batch;
    private final BlockingQueue<Batch> queue;
    private final Thread thread;
    private volatile boolean closing;
    private Batch current;
    private int position;
    private long framesRead;

    public ReadAheadReader(CaptureReader reader) {
        this(reader, BATCH, BATCHES_AHEAD);
    }

    /**
     * With batches of {@code batch} frames, at most {@code batchesAhead} of them waiting. A live
     * capture uses batches of 1, so that each frame is handed over as soon as it arrives, and
     * many of them: the thread then only drains libpcap's ring buffer, and bursts wait in memory
     * instead of being dropped by the kernel while frames are dissected.
     */
    public ReadAheadReader(CaptureReader reader, int batch, int batchesAhead) {
        this.reader = reader;
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(batchesAhead);
        this.thread = Thread.ofPlatform().daemon().name("capture-read-ahead").start(this::readAll);
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
                    next = new Batch(frames, frame == null, null);
                } catch (CaptureException e) {
                    next = new Batch(frames, true, e);
                } catch (RuntimeException e) {
                    next = new Batch(frames, true, new CaptureException("reading failed: " + e));
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
        while (current == null || position == current.frames().size()) {
            if (current != null && current.end()) {
                if (current.error() != null) {
                    throw current.error();
                }
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException("interrupted while reading");
            }
            position = 0;
        }
        framesRead++;
        return current.frames().get(position++);
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
