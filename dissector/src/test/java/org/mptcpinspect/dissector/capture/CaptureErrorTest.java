package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a capture can be unreadable gives one line naming the file, after the good frames. */
class CaptureErrorTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        Path file = dir.resolve("nothing.pcap");
        assertMessage(file + ": no such file", assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void directory() {
        assertMessage(dir + ": is a directory, not a capture file",
            assertThrows(CaptureException.class, () -> CaptureFiles.open(dir)));
    }

    @Test
    void unreadableFile() throws IOException {
        Path file;
        if (isRoot()) {
            // Root reads any file whatever its mode; write-only sysctls still refuse it.
            file = Path.of("/proc/sys/net/ipv4/route/flush");
            assumeTrue(Files.exists(file), "needs a write-only file that root cannot read");
        } else {
            file = Files.write(dir.resolve("secret.pcap"), PcapFileReaderTest.pcapng(List.of(), ByteOrder.LITTLE_ENDIAN));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        }
        assertMessage(file + ": permission denied", assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.pcap"));
        assertMessage(file + ": empty file, not a capture", assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void notACapture() throws IOException {
        Path file = Files.writeString(dir.resolve("page.pcap"), "<html><body>not a capture</body></html>\n");
        assertMessage(file + ": not a pcap or pcapng capture (it starts with 3c 68 74 6d)",
            assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void modifiedPcapIsRefusedWithAWayOut() throws IOException {
        Path file = Files.write(dir.resolve("kuznetzov.pcap"), new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xcd, 0x34, 0, 2});
        CaptureException error = assertThrows(CaptureException.class, () -> CaptureFiles.open(file));
        assertTrue(error.getMessage().contains("editcap -F pcap"), error.getMessage());
    }

    @Test
    void pcapCutShortInItsFileHeader() throws IOException {
        Path file = Files.write(dir.resolve("h.pcap"), Arrays.copyOf(pcap(3), 20));
        assertMessage(file + ": cut short in the pcap file header (20 of 24 bytes)",
            assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void pcapCutShortInARecordHeader() throws Exception {
        byte[] whole = pcap(3);
        Path file = Files.write(dir.resolve("rh.pcap"), Arrays.copyOf(whole, whole.length - 100 - 9));
        Frames.Partial partial = readUntilError(file);
        assertEquals(2, partial.frames().size());
        assertMessage(file + ": cut short in the middle of frame 3 (7 of its 16 bytes)", partial.error());
    }

    @Test
    void pcapCutShortInFrameData() throws Exception {
        byte[] whole = pcap(3);
        Path file = Files.write(dir.resolve("rd.pcap"), Arrays.copyOf(whole, whole.length - 1));
        Frames.Partial partial = readUntilError(file);
        assertEquals(2, partial.frames().size());
        assertMessage(file + ": cut short in the middle of frame 3 (115 of its 116 bytes)", partial.error());
    }

    @Test
    void theErrorRepeatsAfterTheCut() throws Exception {
        byte[] whole = pcap(2);
        Path file = Files.write(dir.resolve("again.pcap"), Arrays.copyOf(whole, whole.length - 1));
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertNotNull(reader.next());
            CaptureException first = assertThrows(CaptureException.class, reader::next);
            assertSame(first, assertThrows(CaptureException.class, reader::next));
        }
    }

    @Test
    void pcapAbsurdCapturedLength() throws Exception {
        byte[] bytes = pcap(2);
        // Frame 2's record header starts after the file header and frame 1 (16 + 100 bytes).
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 116 + 8, 0x7fff_fff0);
        Path file = Files.write(dir.resolve("absurd.pcap"), bytes);
        Frames.Partial partial = readUntilError(file);
        assertEquals(1, partial.frames().size());
        assertMessage(file + ": frame 2 claims 2147483632 captured bytes (at most 262144 allowed): the file is damaged",
            partial.error());
    }

    @Test
    void pcapngCutShortInAPacketBlock() throws Exception {
        byte[] whole = pcapng(3);
        Path file = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(whole, whole.length - 50));
        Frames.Partial partial = readUntilError(file);
        assertEquals(2, partial.frames().size());
        assertMessage(file + ": cut short in the middle of frame 3 (82 of its 132 bytes)", partial.error());
    }

    @Test
    void pcapngCutShortInABlockHeader() throws Exception {
        byte[] whole = pcapng(3);
        Path file = Files.write(dir.resolve("cuth.pcapng"), Arrays.copyOf(whole, whole.length - 132 + 5));
        Frames.Partial partial = readUntilError(file);
        assertEquals(2, partial.frames().size());
        assertMessage(file + ": cut short after frame 2, in the middle of a block header (5 of 8 bytes)",
            partial.error());
    }

    @Test
    void pcapngCutShortInTheSectionHeader() throws Exception {
        Path file = Files.write(dir.resolve("shb.pcapng"), Arrays.copyOf(pcapng(1), 10));
        assertMessage(file + ": cut short after frame 0, in the middle of a section header block (10 of its 12 bytes)",
            assertThrows(CaptureException.class, () -> CaptureFiles.open(file)));
    }

    @Test
    void pcapngAbsurdBlockLength() throws Exception {
        byte[] bytes = pcapng(3);
        int thirdBlock = bytes.length - 132;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(thirdBlock + 4, 0xffff_fff0);
        Path file = Files.write(dir.resolve("absurd.pcapng"), bytes);
        Frames.Partial partial = readUntilError(file);
        assertEquals(2, partial.frames().size());
        assertMessage(file + ": a packet block claims a length of 4294967280 bytes (block at byte " + thirdBlock
            + "): the file is damaged", partial.error());
    }

    @Test
    void pcapngBlockLengthsThatDisagree() throws Exception {
        byte[] bytes = pcapng(2);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, 136);
        Path file = Files.write(dir.resolve("trailer.pcapng"), bytes);
        Frames.Partial partial = readUntilError(file);
        assertEquals(1, partial.frames().size());
        assertTrue(partial.error().getMessage().endsWith("ends with a length of 136 instead of 132 (block at byte "
            + (bytes.length - 132) + "): the file is damaged"), partial.error().getMessage());
    }

    @Test
    void pcapngFrameOnAnUndescribedInterface() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.addInterface(LinkType.ETHERNET);
            writer.writePacket(0, Frames.BASE_TIME_NANOS, 3, new byte[3]);
        }
        byte[] bytes = out.toByteArray();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 16 - 20 + 8, 5);
        Path file = Files.write(dir.resolve("iface.pcapng"), bytes);
        Frames.Partial partial = readUntilError(file);
        assertTrue(partial.frames().isEmpty());
        assertTrue(partial.error().getMessage().startsWith(file + ": frame 1 names interface 5 but its section describes 1"),
            partial.error().getMessage());
    }

    @Test
    void pcapngCapturedLengthLargerThanItsBlock() throws Exception {
        byte[] bytes = pcapng(1);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 132 + 20, 101);
        Path file = Files.write(dir.resolve("caplen.pcapng"), bytes);
        Frames.Partial partial = readUntilError(file);
        assertTrue(partial.error().getMessage().startsWith(file + ": frame 1 claims 101 captured bytes but its block holds 100"),
            partial.error().getMessage());
    }

    @Test
    void pcapngSectionWithoutByteOrderMagic() throws Exception {
        byte[] bytes = pcapng(1);
        bytes[8] = 0;
        Path file = Files.write(dir.resolve("bom.pcapng"), bytes);
        CaptureException error = assertThrows(CaptureException.class, () -> CaptureFiles.open(file));
        assertTrue(error.getMessage().startsWith(file + ": a section header block has no byte-order magic"),
            error.getMessage());
    }

    private static Frames.Partial readUntilError(Path file) throws CaptureException {
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            return Frames.readUntilError(reader);
        }
    }

    private static void assertMessage(String expected, CaptureException error) {
        assertNotNull(error, "expected an error: " + expected);
        assertEquals(expected, error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    /** {@code count} frames of 100 bytes, little-endian microsecond pcap. */
    private static byte[] pcap(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out, LinkType.ETHERNET, TimestampResolution.MICROSECONDS)) {
            for (int i = 0; i < count; i++) {
                writer.write(Frames.BASE_TIME_NANOS + i, 100, new byte[100]);
            }
        }
        return out.toByteArray();
    }

    /** {@code count} enhanced packet blocks of 100 bytes (132-byte blocks). */
    private static byte[] pcapng(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out)) {
            writer.addInterface(LinkType.ETHERNET);
            for (int i = 0; i < count; i++) {
                writer.writePacket(0, Frames.BASE_TIME_NANOS + i, 100, new byte[100]);
            }
        }
        return out.toByteArray();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
