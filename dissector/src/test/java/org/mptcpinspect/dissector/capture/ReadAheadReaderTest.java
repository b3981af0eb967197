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
}
