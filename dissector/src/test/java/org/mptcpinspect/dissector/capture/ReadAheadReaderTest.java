package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadReaderTest {
    private static final Path CAPTURE = Path.of("../testdata/pcaps/loss-reinjection.pcapng");

    private static List<RawFrame> readAll(CaptureReader reader) throws CaptureException {
        List<RawFrame> frames = new ArrayList<>();
        for (RawFrame f; (f = reader.next()) != null; ) {
            frames.add(f);
        }
        return frames;
    }

    @Test
    void deliversTheSameFramesInOrder() throws Exception {
        List<RawFrame> direct;
        try (CaptureReader r = CaptureFiles.open(CAPTURE)) {
            direct = readAll(r);
        }
        try (ReadAheadReader ahead = new ReadAheadReader(CaptureFiles.open(CAPTURE))) {
            List<RawFrame> read = readAll(ahead);
            assertTrue(direct.size() > 256, "a capture of more than one batch");
            assertEquals(direct.size(), read.size());
            for (int i = 0; i < direct.size(); i++) {
                assertEquals(direct.get(i).number(), read.get(i).number());
                assertEquals(direct.get(i).timestampNanos(), read.get(i).timestampNanos());
                assertArrayEquals(direct.get(i).data(), read.get(i).data());
            }
            assertEquals(direct.size(), ahead.framesRead());
            assertNull(ahead.next(), "the end stays the end");
        }
    }

    @Test
    void aCutFileDeliversEveryCompleteFrameThenTheError(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(CAPTURE);
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        List<RawFrame> direct = new ArrayList<>();
        CaptureException expected;
        try (CaptureReader r = CaptureFiles.open(cut)) {
            expected = assertThrows(CaptureException.class, () -> {
                for (RawFrame f; (f = r.next()) != null; ) {
                    direct.add(f);
                }
            });
        }
        try (ReadAheadReader ahead = new ReadAheadReader(CaptureFiles.open(cut))) {
            List<RawFrame> read = new ArrayList<>();
            CaptureException e = assertThrows(CaptureException.class, () -> {
                for (RawFrame f; (f = ahead.next()) != null; ) {
                    read.add(f);
                }
            });
            assertEquals(expected.getMessage(), e.getMessage());
            assertEquals(direct.size(), read.size());
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        ReadAheadReader ahead = new ReadAheadReader(CaptureFiles.open(CAPTURE));
        ahead.next();
        ahead.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("capture-read-ahead")));
    }

    /** A source of {@code count} frames of {@code size} bytes, counting how many were taken from it. */
    private static final class CountingSource implements CaptureReader {
        private final int count;
        private final int size;
        private final java.util.concurrent.atomic.AtomicInteger produced = new java.util.concurrent.atomic.AtomicInteger();

        CountingSource(int count, int size) {
            this.count = count;
            this.size = size;
        }

        @Override
        public RawFrame next() {
            int n = produced.get();
            if (n == count) {
                return null;
            }
            produced.incrementAndGet();
            return new RawFrame(n + 1, n, 0, LinkType.ETHERNET, size, new byte[size]);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theByteBoundHoldsTheReaderBackAndABigFrameStillPasses() throws Exception {
        CountingSource source = new CountingSource(1000, 2048);
        try (ReadAheadReader ahead = new ReadAheadReader(source, 1, 1000, 10 << 10)) {
            Thread.sleep(300);
            // 10 KiB ahead = 5 frames of 2 KiB waiting, one more blocked in hand.
            assertTrue(source.produced.get() <= 6, source.produced.get() + " frames read ahead");
            assertEquals(1000, readAll(ahead).size(), "every frame still arrives");
        }
        CountingSource huge = new CountingSource(3, 64 << 10);
        try (ReadAheadReader ahead = new ReadAheadReader(huge, 1, 1000, 10 << 10)) {
            assertEquals(3, readAll(ahead).size(), "frames larger than the bound pass one at a time");
        }
    }

    @Test
    void idleRunsOnTheConsumersThreadWhileNoFrameComesThenTheFramesDo() throws Exception {
        java.util.concurrent.CountDownLatch arrive = new java.util.concurrent.CountDownLatch(1);
        CountingSource frames = new CountingSource(3, 100);
        CaptureReader quiet = new CaptureReader() {
            @Override
            public RawFrame next() throws CaptureException {
                try {
                    arrive.await(); // a quiet link, until the test lets frames arrive
                } catch (InterruptedException e) {
                    throw new CaptureException("interrupted");
                }
                return frames.next();
            }

            @Override
            public void close() {
            }
        };
        List<Thread> idleThreads = new ArrayList<>();
        try (ReadAheadReader ahead = new ReadAheadReader(quiet, 1, 16)) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                arrive.countDown();
            });
            RawFrame first = ahead.next(java.time.Duration.ofMillis(50), () -> idleThreads.add(Thread.currentThread()));
            assertEquals(1, first.number());
            assertTrue(idleThreads.size() >= 3, "idle ran " + idleThreads.size() + " times in 300 ms of 50 ms waits");
            assertTrue(idleThreads.stream().allMatch(t -> t == Thread.currentThread()), "on the consumer's thread");
            int before = idleThreads.size();
            assertEquals(2, ahead.next(java.time.Duration.ofMillis(50), () -> idleThreads.add(Thread.currentThread()))
                    .number());
            assertEquals(3, ahead.next().number());
            assertNull(ahead.next(java.time.Duration.ofMillis(50), () -> idleThreads.add(Thread.currentThread())));
            assertTrue(idleThreads.size() - before <= 2, "frames waiting are handed over without idling");
        }
    }
}
