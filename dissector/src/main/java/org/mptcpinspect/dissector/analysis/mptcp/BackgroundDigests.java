package org.mptcpinspect.dissector.analysis.mptcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * SHA-256 of every stream, computed on one worker thread: for a bulk transfer hashing is about
 * as much work as reading and dissecting the capture, so on two cores this nearly halves the
 * time. Sinks hand the worker references to bytes that never change
 * ({@link DataStreamSink#acceptUnchanging}, a frame's bytes) in batches through a bounded queue,
 * so memory stays bounded and nothing is copied; bytes given to {@link DataStreamSink#accept}
 * are copied first. A sink's {@link DataStreamSink#sha256()} waits for its bytes to be hashed.
 * The worker runs while some sink is unfinished. Use it from one thread (the tracker's).
 */
public final class BackgroundDigests implements DataStreamSinkFactory {
    private static final int BATCH_SLICES = 1024;
    private static final int BATCH_BYTES = 512 << 10;
    private static final int QUEUED_BATCHES = 4;

    /** Slices of streams to hash, in order; or a barrier ({@code done}) or the end ({@code stop}). */
    private static final class Batch {
        final MessageDigest[] digests = new MessageDigest[BATCH_SLICES];
        final byte[][] arrays = new byte[BATCH_SLICES][];
        final int[] offsets = new int[BATCH_SLICES];
        final int[] lengths = new int[BATCH_SLICES];
        int count;
        long bytes;
        CountDownLatch done;
        boolean stop;

        boolean full() {
            return count == BATCH_SLICES || bytes >= BATCH_BYTES;
        }
    }

    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private Batch filling = new Batch();
    private Thread worker;
    private int unfinished;
    /** The worker's failure (it cannot fail short of running out of memory), seen after a barrier. */
    private volatile Throwable failure;

    @Override
    public DataStreamSink create(int connection, boolean clientToServer) {
        unfinished++;
        return new Sink(newDigest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private void add(MessageDigest digest, byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        Batch b = filling;
        int i = b.count++;
        b.digests[i] = digest;
        b.arrays[i] = data;
        b.offsets[i] = offset;
        b.lengths[i] = length;
        b.bytes += length;
        if (b.full()) {
            submit(b);
            filling = new Batch();
        }
    }

    private void submit(Batch b) {
        if (worker == null) {
            worker = Thread.ofPlatform().daemon().name("stream-digests").start(this::work);
        }
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing bytes to the digest thread");
        }
    }

    /** Hands over what is filled and waits until the worker has hashed everything handed over. */
    private void awaitHashed() {
        if (filling.count > 0) {
            submit(filling);
            filling = new Batch();
        }
        if (worker == null) {
            return;
        }
        Batch barrier = new Batch();
        barrier.done = new CountDownLatch(1);
        submit(barrier);
        try {
            barrier.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the digest thread");
        }
    }

    private void finished() {
        if (--unfinished == 0 && worker != null) {
            Batch stop = new Batch();
            stop.stop = true;
            submit(stop);
            worker = null;
        }
    }

    private void work() {
        while (true) {
            Batch b;
            try {
                b = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (failure == null) {
                try {
                    for (int i = 0; i < b.count; i++) {
                        b.digests[i].update(b.arrays[i], b.offsets[i], b.lengths[i]);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            }
            if (b.done != null) {
                b.done.countDown();
            }
            if (b.stop) {
                return;
            }
        }
    }

    private final class Sink implements DataStreamSink {
        private final MessageDigest digest;
        private String hex;

        Sink(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void accept(byte[] data, int offset, int length) {
            add(digest, Arrays.copyOfRange(data, offset, offset + length), 0, length);
        }

        @Override
        public void acceptUnchanging(byte[] data, int offset, int length) {
            add(digest, data, offset, length);
        }

        @Override
        public void finish() {
            if (hex != null) {
                return;
            }
            awaitHashed();
            if (failure != null) {
                throw new IllegalStateException("hashing the stream failed: " + failure);
            }
            hex = HexFormat.of().formatHex(digest.digest());
            finished();
        }

        @Override
        public String sha256() {
            finish();
            return hex;
        }
    }
}
