package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure-Java reader and libpcap (through pcap4j) give exactly the same frames: number,
 * timestamp, original length, bytes and link type. libpcap has no interface ids, so those
 * are compared with tshark instead ({@link TsharkAgreementTest}).
 */
class LibpcapAgreementTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsLibpcap() {
        try (Pcap4jReader ignored = Pcap4jReader.open(writeEmptyPcap())) {
            // libpcap loads and reads.
        } catch (CaptureException e) {
            assumeTrue(false, "libpcap cannot be used here: " + e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaptureInTestdata() throws IOException {
        return Tools.corpus().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
            () -> assertSameFramesOrLibpcapLimit(file)));
    }

    @ParameterizedTest(name = "pcap {0} {1} linktype {2}")
    @CsvSource({"LITTLE_ENDIAN, MICRO, 1", "LITTLE_ENDIAN, NANO, 101", "BIG_ENDIAN, MICRO, 113", "BIG_ENDIAN, NANO, 276",
        "LITTLE_ENDIAN, MICRO, 0", "BIG_ENDIAN, NANO, 228"})
    void pcap(String order, String precision, int linkType) throws Exception {
        Path file = dir.resolve("p-" + order + precision + linkType + ".pcap");
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file), linkType, 1000,
                precision.equals("NANO") ? TimestampResolution.NANOSECONDS : TimestampResolution.MICROSECONDS,
                order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)) {
            for (RawFrame frame : Frames.random(linkType, 300, linkType)) {
                int captured = Math.min(frame.data().length, 1000);
                writer.write(frame.timestampNanos(), frame.originalLength(), frame.data(), 0, captured);
            }
        }
        assertEquals(300, assertSameFrames(file).size());
    }

    @Test
    void pcapngInterfacesOfOneLinkTypeWithOwnResolutionsAndOtherBlocks() throws Exception {
        Path file = dir.resolve("one-type.pcapng");
        List<RawFrame> frames = Frames.random(4, 60, LinkType.ETHERNET);
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.ETHERNET);
            // libpcap wants one snaplen for all interfaces too; frames may still be cut shorter.
            int snaplen = PcapWriter.DEFAULT_SNAP_LENGTH;
            writer.addInterface(LinkType.ETHERNET, snaplen, TimestampResolution.NANOSECONDS, 0);
            writer.addInterface(LinkType.ETHERNET, snaplen, new TimestampResolution(true, 24), 0);
            writer.addInterface(LinkType.ETHERNET, snaplen, new TimestampResolution(false, 2), -3600);
            writer.writeBlock(4, new byte[] {0, 0, 0, 0});
            for (RawFrame frame : frames) {
                int anInterface = (int) (frame.number() % 4);
                byte[] data = anInterface == 2 && frame.data().length > 200
                    ? Arrays.copyOf(frame.data(), 200) : frame.data();
                if (frame.number() % 5 == 0) {
                    writer.writeObsoletePacket(anInterface, frame.timestampNanos(), frame.originalLength(), data);
                } else {
                    writer.writePacket(anInterface, frame.timestampNanos(), frame.originalLength(), data);
                }
                if (frame.number() % 9 == 0) {
                    writer.writeBlock(5, new byte[20]);
                    writer.writeBlock(0x40000bad, new byte[] {0, 0, 0x7e, 0x1e, 1, 2, 3});
                }
            }
            writer.writeSimplePacket(frames.get(0).originalLength(), frames.get(0).data());
        }
        assertEquals(61, assertSameFrames(file).size());
    }

    @Test
    void bigEndianPcapng() throws Exception {
        Path file = Files.write(dir.resolve("big.pcapng"),
            PcapFileReaderTest.pcapng(Frames.random(8, 100, LinkType.ETHERNET), ByteOrder.BIG_ENDIAN));
        assertEquals(100, assertSameFrames(file).size());
    }

    @Test
    void editcapAndTcpdumpRewrites() throws Exception {
        assumeTrue(Tools.find("editcap").isPresent(), "editcap is not installed");
        Path source = dir.resolve("source.pcap");
        try (PcapWriter writer = PcapWriter.create(source, LinkType.ETHERNET, TimestampResolution.NANOSECONDS)) {
            for (RawFrame frame : Frames.random(9, 200, LinkType.ETHERNET)) {
                writer.write(frame);
            }
        }
        Tools.check("editcap", "-F", "pcapng", source.toString(), dir.resolve("r.pcapng").toString());
        Tools.check("editcap", "-F", "pcap", source.toString(), dir.resolve("r-micro.pcap").toString());
        Tools.check("editcap", "-s", "100", source.toString(), dir.resolve("r-snap.pcap").toString());
        Tools.check("editcap", "-F", "pcapng", "-T", "rawip", source.toString(), dir.resolve("r-raw.pcapng").toString());
        List<String> rewritten = List.of("r.pcapng", "r-micro.pcap", "r-snap.pcap", "r-raw.pcapng");
        if (Tools.find("tcpdump").isPresent()) {
            Tools.check("tcpdump", "-r", source.toString(), "-w", dir.resolve("r-tcpdump.pcap").toString());
            rewritten = Stream.concat(rewritten.stream(), Stream.of("r-tcpdump.pcap")).toList();
        }
        for (String name : rewritten) {
            assertEquals(200, assertSameFrames(dir.resolve(name)).size(), name);
        }
    }

    @Test
    void cutShortFilesFailAfterTheSameFrames() throws Exception {
        Path whole = Files.write(dir.resolve("whole.pcapng"),
            PcapFileReaderTest.pcapng(Frames.random(10, 50, LinkType.ETHERNET), ByteOrder.LITTLE_ENDIAN));
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut : new int[] {1, 7, 100}) {
            Path file = Files.write(dir.resolve("cut" + cut + ".pcapng"), Arrays.copyOf(bytes, bytes.length - cut));
            assertSameFramesOrLibpcapLimit(file);
        }
    }

    /** libpcap refuses what the pure-Java reader reads: interfaces of several link types. */
    @Test
    void severalLinkTypesAreBeyondLibpcap() throws Exception {
        Path file = dir.resolve("mixed.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(file)) {
            writer.addInterface(LinkType.ETHERNET);
            writer.addInterface(LinkType.RAW, 0, TimestampResolution.NANOSECONDS, 0);
            writer.writePacket(0, Frames.BASE_TIME_NANOS, 60, new byte[60]);
            writer.writePacket(1, Frames.BASE_TIME_NANOS + 1, 40, new byte[40]);
        }
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertEquals(List.of(LinkType.ETHERNET, LinkType.RAW),
                Frames.readAll(reader).stream().map(RawFrame::linkType).toList());
        }
        CaptureException error = assertThrows(CaptureException.class, () -> {
            try (Pcap4jReader reader = Pcap4jReader.open(file)) {
                Frames.readAll(reader);
            }
        });
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("different from the type of the first interface"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void libpcapErrorsAreOneLineNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a capture at all\n");
        CaptureException error = assertThrows(CaptureException.class, () -> Pcap4jReader.open(text));
        assertTrue(error.getMessage().startsWith(text + ": "), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
        Path missing = dir.resolve("missing.pcap");
        assertEquals(missing + ": no such file",
            assertThrows(CaptureException.class, () -> Pcap4jReader.open(missing)).getMessage());
    }

    /** Both readers deliver the same frames; returns them. */
    static List<RawFrame> assertSameFrames(Path file) throws Exception {
        List<RawFrame> pure;
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            pure = Frames.readAll(reader);
        }
        List<RawFrame> libpcap;
        try (Pcap4jReader reader = Pcap4jReader.open(file)) {
            libpcap = Frames.readAll(reader);
        }
        assertEquals(describe(libpcap), describe(pure), file + ": the readers disagree");
        return pure;
    }

    /**
     * Both readers deliver the same frames and fail (or not) after the same frame, unless
     * libpcap refuses the file for one of its documented limits.
     */
    private static void assertSameFramesOrLibpcapLimit(Path file) throws Exception {
        Frames.Partial libpcap;
        try (Pcap4jReader reader = Pcap4jReader.open(file)) {
            libpcap = Frames.readUntilError(reader);
        } catch (CaptureException e) {
            libpcap = new Frames.Partial(List.of(), e);
        }
        Frames.Partial pure;
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            pure = Frames.readUntilError(reader);
        } catch (CaptureException e) {
            pure = new Frames.Partial(List.of(), e);
        }
        if (libpcap.error() != null && libpcap.error().getMessage().contains("different from the type of the first")) {
            assertEquals(null, pure.error(), file + ": only libpcap has a limit on link types");
            return;
        }
        assertEquals(describe(libpcap.frames()), describe(pure.frames()), file + ": the readers disagree");
        assertEquals(libpcap.error() == null, pure.error() == null, file + ": one reader failed: libpcap "
            + libpcap.error() + ", pure Java " + pure.error());
        if (pure.error() != null) {
            assertNotNull(pure.error().getMessage());
            assertFalse(pure.error().getMessage().contains("\n"));
        }
    }

    private static List<String> describe(List<RawFrame> frames) {
        return frames.stream()
            .map(f -> new RawFrame(f.number(), f.timestampNanos(), 0, f.linkType(), f.originalLength(), f.data()))
            .map(Frames::describe).toList();
    }

    private static Path writeEmptyPcap() {
        try {
            Path file = Files.createTempFile(dir, "empty", ".pcap");
            new PcapWriter(Files.newOutputStream(file), LinkType.ETHERNET, TimestampResolution.MICROSECONDS).close();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
