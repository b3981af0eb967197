package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * tshark is the oracle: for every capture it reads, the pure-Java reader gives the same frames
 * (count, interface, epoch time to the nanosecond, lengths, MD5 of the bytes), and where tshark
 * stops with an error the reader stops at the same frame with one too.
 */
class TsharkAgreementTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsTshark() {
        assumeTrue(Tools.find("tshark").isPresent(), "tshark is not installed (apt-get install tshark)");
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureInTestdata() throws IOException {
        return Tools.corpus().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
            () -> assertAgreement(file)));
    }

    @Test
    void pcapMicrosecondsLittleEndian() throws Exception {
        assertAgreement(pcap("micro.pcap", TimestampResolution.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, LinkType.ETHERNET));
    }

    @Test
    void pcapNanosecondsBigEndian() throws Exception {
        assertAgreement(pcap("nano.pcap", TimestampResolution.NANOSECONDS, ByteOrder.BIG_ENDIAN, LinkType.RAW));
    }

    @Test
    void pcapngWithEveryBlockKindResolutionAndSection() throws Exception {
        Path file = dir.resolve("kinds.pcapng");
        List<RawFrame> frames = Frames.random(21, 40, LinkType.ETHERNET);
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.ETHERNET);
            writer.addInterface(LinkType.RAW, 0, TimestampResolution.NANOSECONDS, 0);
            writer.addInterface(LinkType.LINUX_SLL, 0, new TimestampResolution(true, 20), 0);
            writer.addInterface(LinkType.ETHERNET, 0, new TimestampResolution(true, 30), -5);
            writer.addInterface(LinkType.LINUX_SLL2, 0, new TimestampResolution(false, 3), 3600);
            writer.addInterface(LinkType.ETHERNET, 0, new TimestampResolution(false, 10), 0);
            writer.writeBlock(5, new byte[20]);
            for (RawFrame frame : frames.subList(0, 30)) {
                int anInterface = (int) (frame.number() % 6);
                if (frame.number() % 7 == 0) {
                    writer.writeObsoletePacket(anInterface, frame.timestampNanos(), frame.originalLength(), frame.data());
                } else {
                    writer.writePacket(anInterface, frame.timestampNanos(), frame.originalLength(), frame.data());
                }
            }
            writer.writeSimplePacket(frames.get(30).originalLength(), frames.get(30).data());
            writer.startSection(ByteOrder.BIG_ENDIAN);
            writer.addInterface(LinkType.NULL, 0, TimestampResolution.NANOSECONDS, 0);
            writer.addInterface(LinkType.ETHERNET, 128, new TimestampResolution(false, 4), 0);
            for (RawFrame frame : frames.subList(31, 40)) {
                int anInterface = (int) (frame.number() % 2);
                byte[] data = anInterface == 1 && frame.data().length > 128
                    ? java.util.Arrays.copyOf(frame.data(), 128) : frame.data();
                writer.writePacket(anInterface, frame.timestampNanos(), frame.originalLength(), data);
            }
        }
        assertAgreement(file);
    }

    @Test
    void editcapConversions() throws Exception {
        assumeTrue(Tools.find("editcap").isPresent(), "editcap is not installed");
        Path micro = pcap("source.pcap", TimestampResolution.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, LinkType.ETHERNET);
        String source = micro.toString();
        Tools.check("editcap", "-F", "pcapng", source, dir.resolve("e.pcapng").toString());
        Tools.check("editcap", "-F", "nsecpcap", source, dir.resolve("e-nsec.pcap").toString());
        Tools.check("editcap", "-F", "pcapng", "-s", "64", source, dir.resolve("e-snap.pcapng").toString());
        Tools.check("editcap", "-F", "pcap", "-T", "rawip", source, dir.resolve("e-raw.pcap").toString());
        for (String name : List.of("e.pcapng", "e-nsec.pcap", "e-snap.pcapng", "e-raw.pcap")) {
            assertAgreement(dir.resolve(name));
        }
    }

    @Test
    void mergecapInterfacesOfDifferentLinkTypes() throws Exception {
        assumeTrue(Tools.find("mergecap").isPresent(), "mergecap is not installed");
        Path ethernet = pcap("eth.pcap", TimestampResolution.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, LinkType.ETHERNET);
        Path raw = pcap("raw.pcap", TimestampResolution.NANOSECONDS, ByteOrder.BIG_ENDIAN, LinkType.RAW);
        Path merged = dir.resolve("merged.pcapng");
        Tools.check("mergecap", "-F", "pcapng", "-w", merged.toString(), ethernet.toString(), raw.toString());
        List<RawFrame> frames = assertAgreement(merged);
        assertEquals(List.of(LinkType.ETHERNET, LinkType.RAW),
            frames.stream().map(RawFrame::linkType).distinct().sorted().toList());
    }

    @Test
    void cutShortFilesStopWhereTsharkStops() throws Exception {
        Path whole = pcap("whole.pcap", TimestampResolution.MICROSECONDS, ByteOrder.LITTLE_ENDIAN, LinkType.ETHERNET);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.pcap"), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        List<RawFrame> frames = assertAgreement(cut);
        assertEquals(99, frames.size());
    }

    /** Compares the reader's frames with tshark's; returns the reader's frames. */
    static List<RawFrame> assertAgreement(Path file) throws Exception {
        Tools.Result tshark = Tools.run(List.of("tshark", "-r", file.toString(), "-o", "frame.generate_md5_hash:TRUE",
            "-T", "fields", "-E", "separator=,", "-e", "frame.number", "-e", "frame.interface_id",
            "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.md5_hash"));
        List<RawFrame> frames = new ArrayList<>();
        CaptureException error = null;
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            Frames.Partial partial = Frames.readUntilError(reader);
            frames.addAll(partial.frames());
            error = partial.error();
        } catch (CaptureException e) {
            error = e;
        }
        List<String> expected = tshark.stdout().stream().map(TsharkAgreementTest::normalize).toList();
        List<String> actual = frames.stream().map(TsharkAgreementTest::summary).toList();
        assertEquals(expected, actual, file + ": frames differ from tshark's");
        boolean tsharkFailed = tshark.exitCode() != 0 || tshark.stderr().contains("appears to")
            || tshark.stderr().contains("isn't a capture file");
        if (tsharkFailed) {
            assertNotNull(error, file + ": tshark reported an error the reader did not: " + tshark.stderr());
            assertFalse(error.getMessage().contains("\n"));
            assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        } else {
            assertNull(error, file + ": the reader failed where tshark did not");
        }
        return frames;
    }

    /** tshark leaves interface_id empty for pcap and time_epoch empty for simple packet blocks. */
    private static String normalize(String line) {
        String[] fields = line.split(",", -1);
        return fields[0] + "," + (fields[1].isEmpty() ? "0" : fields[1]) + ","
            + (fields[2].isEmpty() ? "0.000000000" : fields[2]) + "," + fields[3] + "," + fields[4] + "," + fields[5];
    }

    private static String summary(RawFrame frame) {
        long nanos = frame.timestampNanos();
        String time = Math.floorDiv(nanos, 1_000_000_000L) + "." + String.format("%09d", Math.floorMod(nanos, 1_000_000_000L));
        return frame.number() + "," + frame.interfaceId() + "," + time + "," + frame.originalLength() + ","
            + frame.capturedLength() + "," + md5(frame.data());
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pcap(String name, TimestampResolution resolution, ByteOrder order, int linkType)
            throws IOException {
        Path file = dir.resolve(name);
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file), linkType, 65535, resolution, order)) {
            for (RawFrame frame : Frames.random(name.hashCode(), 100, linkType)) {
                writer.write(frame);
            }
        }
        return file;
    }
}
