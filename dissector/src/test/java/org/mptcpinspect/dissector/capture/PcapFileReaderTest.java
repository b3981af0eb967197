package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcapFileReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "pcap {0} {1}")
    @CsvSource({"LITTLE_ENDIAN, MICRO", "LITTLE_ENDIAN, NANO", "BIG_ENDIAN, MICRO", "BIG_ENDIAN, NANO"})
    void pcapInEveryByteOrderAndPrecision(String order, String precision) throws Exception {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        TimestampResolution resolution = precision.equals("NANO") ? TimestampResolution.NANOSECONDS
            : TimestampResolution.MICROSECONDS;
        List<RawFrame> written = Frames.random(7, 500, LinkType.ETHERNET);
        Path file = dir.resolve("t.pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file), LinkType.ETHERNET, 65535, resolution,
                byteOrder)) {
            for (RawFrame frame : written) {
                writer.write(frame);
            }
        }
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertEquals(CaptureFormat.PCAP, reader.format());
            List<RawFrame> read = Frames.readAll(reader);
            assertEquals(written.size(), read.size());
            for (int i = 0; i < read.size(); i++) {
                RawFrame expected = written.get(i);
                RawFrame actual = read.get(i);
                long expectedTime = resolution == TimestampResolution.NANOSECONDS ? expected.timestampNanos()
                    : expected.timestampNanos() - expected.timestampNanos() % 1000;
                assertEquals(i + 1, actual.number());
                assertEquals(expectedTime, actual.timestampNanos());
                assertEquals(0, actual.interfaceId());
                assertEquals(LinkType.ETHERNET, actual.linkType());
                assertEquals(expected.originalLength(), actual.originalLength());
                assertArrayEquals(expected.data(), actual.data());
            }
            assertNull(reader.next());
            assertNull(reader.next(), "the end stays the end");
            assertEquals(500, reader.framesRead());
        }
    }

    @Test
    void snaplenCutFramesKeepTheirOriginalLength() throws Exception {
        Path file = dir.resolve("cut.pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file), LinkType.RAW, 96,
                TimestampResolution.NANOSECONDS, ByteOrder.LITTLE_ENDIAN)) {
            writer.write(Frames.BASE_TIME_NANOS, 1500, new byte[96]);
            writer.write(Frames.BASE_TIME_NANOS + 1, 40, new byte[40]);
        }
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            RawFrame cut = reader.next();
            assertEquals(1500, cut.originalLength());
            assertEquals(96, cut.capturedLength());
            assertEquals(true, cut.truncated());
            RawFrame whole = reader.next();
            assertEquals(false, whole.truncated());
            assertEquals(LinkType.RAW, whole.linkType());
        }
    }

    /**
     * Two interfaces of different link types and resolutions, an interface with an offset, the
     * obsolete and simple packet blocks, blocks to skip, and a second big-endian section.
     */
    @Test
    void pcapngWithSeveralInterfacesBlockKindsAndSections() throws Exception {
        Path file = dir.resolve("multi.pcapng");
        byte[] a = bytes(60, 1);
        byte[] b = bytes(41, 2);
        byte[] c = bytes(100, 3);
        long t = Frames.BASE_TIME_NANOS;
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.ETHERNET);                                                  // micro
            writer.addInterface(LinkType.RAW, 0, TimestampResolution.NANOSECONDS, 0);
            writer.writeBlock(4, nameResolutionBody());                                              // NRB
            writer.writePacket(0, t, 60, a);
            writer.writePacket(1, t + 1, 41, b);
            writer.addInterface(LinkType.LINUX_SLL, 64, new TimestampResolution(true, 20), 0);      // 2^-20 s
            writer.addInterface(LinkType.LINUX_SLL2, 0, new TimestampResolution(false, 3), 3600);  // ms, +1 h
            writer.writePacket(2, t + 2, 100, Arrays.copyOf(c, 64));
            writer.writeBlock(5, new byte[20]);                                                      // ISB
            writer.writeBlock(0x0a, new byte[] {0x4b, 0x53, 0x4c, 0x4b, 0, 0, 0, 0});             // DSB
            writer.writeBlock(0x00000bad, new byte[] {0, 0, 0x7e, 0x1e, 9, 9});                     // custom
            writer.writeBlock(0x7fff_0001, new byte[33]);                                            // unknown
            writer.writePacket(3, t + 3, 41, b);
            writer.writeObsoletePacket(1, t + 4, 60, a);
            writer.writeSimplePacket(60, a);
            writer.startSection(ByteOrder.BIG_ENDIAN);
            writer.addInterface(LinkType.NULL, 0, TimestampResolution.NANOSECONDS, 0);
            writer.writePacket(0, t + 5, 41, b);
            writer.writeSimplePacket(41, b);
        }
        long second = 1_000_000_000L;
        long twoTo20 = 1 << 20;
        long binaryFraction = ((t + 2) % second) * twoTo20 / second * second / twoTo20;
        List<String> expected = List.of(
            Frames.describe(new RawFrame(1, t - t % 1000, 0, LinkType.ETHERNET, 60, a)),
            Frames.describe(new RawFrame(2, t + 1, 1, LinkType.RAW, 41, b)),
            Frames.describe(new RawFrame(3, (t + 2) / second * second + binaryFraction, 2, LinkType.LINUX_SLL, 100,
                Arrays.copyOf(c, 64))),
            Frames.describe(new RawFrame(4, (t + 3) - (t + 3) % 1_000_000, 3, LinkType.LINUX_SLL2, 41, b)),
            Frames.describe(new RawFrame(5, (t + 4), 1, LinkType.RAW, 60, a)),
            Frames.describe(new RawFrame(6, 0, 0, LinkType.ETHERNET, 60, a)),
            Frames.describe(new RawFrame(7, t + 5, 0, LinkType.NULL, 41, b)),
            Frames.describe(new RawFrame(8, 0, 0, LinkType.NULL, 41, b)));
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertEquals(CaptureFormat.PCAPNG, reader.format());
            assertEquals(expected, Frames.describe(Frames.readAll(reader)));
        }
    }

    @Test
    void simplePacketBlocksAreCutToTheSnaplenOfInterfaceZero() throws Exception {
        Path file = dir.resolve("spb.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.RAW, 20, TimestampResolution.MICROSECONDS, 0);
            writer.writeSimplePacket(60, bytes(20, 9));
            writer.writeSimplePacket(12, bytes(12, 9));
        }
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            List<RawFrame> frames = Frames.readAll(reader);
            assertEquals(60, frames.get(0).originalLength());
            assertArrayEquals(bytes(20, 9), frames.get(0).data());
            assertEquals(12, frames.get(1).originalLength());
            assertArrayEquals(bytes(12, 9), frames.get(1).data());
        }
    }

    @Test
    void bigEndianPcapngReadsLikeLittleEndian() throws Exception {
        List<RawFrame> written = Frames.random(11, 300, LinkType.ETHERNET);
        byte[] little = pcapng(written, ByteOrder.LITTLE_ENDIAN);
        byte[] big = pcapng(written, ByteOrder.BIG_ENDIAN);
        assertEquals(false, Arrays.equals(little, big));
        List<RawFrame> fromLittle = Frames.readAll(CaptureFiles.open(new ByteArrayInputStream(little), "little"));
        List<RawFrame> fromBig = Frames.readAll(CaptureFiles.open(new ByteArrayInputStream(big), "big"));
        assertEquals(Frames.describe(written), Frames.describe(fromLittle));
        assertEquals(Frames.describe(written), Frames.describe(fromBig));
    }

    /** A pipe delivers a few bytes at a time: records straddle every possible refill point. */
    @Test
    void streamsDeliveringFewBytesPerReadGiveTheSameFrames() throws Exception {
        List<RawFrame> written = Frames.random(3, 200, LinkType.ETHERNET);
        byte[] capture = pcapng(written, ByteOrder.LITTLE_ENDIAN);
        try (PcapFileReader reader = CaptureFiles.open(new Trickle(new ByteArrayInputStream(capture)), "pipe")) {
            assertEquals(Frames.describe(written), Frames.describe(Frames.readAll(reader)));
        }
    }

    /**
     * More data than a read or mapping window, and a skipped block larger than the window:
     * mapped with the default window, mapped in windows of odd small sizes (so records
     * straddle every kind of boundary), and streamed.
     */
    @Test
    void capturesLargerThanTheWindow() throws Exception {
        List<RawFrame> written = Frames.random(5, 12_000, LinkType.ETHERNET);
        Path file = dir.resolve("large.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.ETHERNET, 0, TimestampResolution.NANOSECONDS, 0);
            for (int i = 0; i < written.size(); i++) {
                RawFrame frame = written.get(i);
                writer.writePacket(0, frame.timestampNanos(), frame.originalLength(), frame.data());
                if (i == 6000) {
                    writer.writeBlock(0x7fff_0002, new byte[6 << 20]);
                }
            }
        }
        assertEquals(true, Files.size(file) > 12 << 20);
        List<String> expected = Frames.describe(written);
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertEquals(expected, Frames.describe(Frames.readAll(reader)));
        }
        for (int window : new int[] {4096, 1001, 65_537}) {
            try (PcapFileReader reader = new PcapFileReader(FileChannel.open(file), file.toString(), window)) {
                assertEquals(expected, Frames.describe(Frames.readAll(reader)), "window " + window);
            }
        }
        try (PcapFileReader reader = CaptureFiles.open(Files.newInputStream(file), "stream")) {
            assertEquals(expected, Frames.describe(Frames.readAll(reader)));
        }
    }

    /** A capture still being written: the reader sees what exists when it gets there. */
    @Test
    void fileGrowingWhileRead() throws Exception {
        Path file = dir.resolve("growing.pcap");
        List<RawFrame> frames = Frames.random(6, 20, LinkType.ETHERNET);
        try (PcapWriter writer = PcapWriter.create(file, LinkType.ETHERNET, TimestampResolution.NANOSECONDS)) {
            for (RawFrame frame : frames.subList(0, 10)) {
                writer.write(frame);
            }
            writer.flush();
            try (PcapFileReader reader = new PcapFileReader(FileChannel.open(file), file.toString(), 4096)) {
                for (int i = 0; i < 10; i++) {
                    assertEquals(Frames.describe(frames.get(i)), Frames.describe(reader.next()));
                }
                for (RawFrame frame : frames.subList(10, 20)) {
                    writer.write(frame);
                }
                writer.flush();
                assertEquals(Frames.describe(frames.subList(10, 20)), Frames.describe(Frames.readAll(reader)));
            }
        }
    }

    static byte[] pcapng(List<RawFrame> frames, ByteOrder order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out, order)) {
            writer.addInterface(LinkType.ETHERNET, 0, TimestampResolution.NANOSECONDS, 0);
            for (RawFrame frame : frames) {
                writer.writePacket(0, frame.timestampNanos(), frame.originalLength(), frame.data());
            }
        }
        return out.toByteArray();
    }

    static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    /** An IPv4 record for 192.0.2.1 named "a", then the end of records. */
    private static byte[] nameResolutionBody() {
        return new byte[] {1, 0, 6, 0, (byte) 192, 0, 2, 1, 'a', 0, 0, 0, 0, 0, 0, 0};
    }

    /** Returns 1 to 7 bytes per read, like a slow pipe. */
    private static final class Trickle extends FilterInputStream {
        private int turn;

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + turn++ % 7));
        }
    }
}
