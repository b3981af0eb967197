package org.mptcpinspect.dissector.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.dissector.decode.TcpOption;

/**
 * The MPTCP options Linux really sent (testdata/pcaps, recorded by the namespace lab): every
 * tcp.options.mptcp.* value and every field's position must be what tshark shows, frame by frame.
 * Skipped without tshark or without the recorded captures.
 */
class RealCaptureCrossCheckTest {

    static Stream<Path> captures() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata/pcaps"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir.resolve("testdata/pcaps"))) {
            return files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void everyMptcpOptionMatchesTshark(Path capture) throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed: skipping the tshark cross-check");
        List<RawFrame> frames = new ArrayList<>();
        List<List<MptcpOption>> options = new ArrayList<>();
        try (PcapFileReader reader = CaptureFiles.open(capture)) {
            for (RawFrame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
                options.add(mptcpOptions(PacketDecoder.decode(frame)));
            }
        }
        List<Map<String, String>> fields = TsharkMptcpFields.shownFields(capture);
        List<Set<String>> spans = TsharkMptcpFields.shownSpans(capture);
        assertEquals(frames.size(), fields.size(), "tshark rows");
        assertEquals(frames.size(), spans.size(), "tshark PDML packets");
        int mptcpOptions = 0;
        for (int i = 0; i < frames.size(); i++) {
            String where = capture.getFileName() + " frame " + frames.get(i).number() + ": " + options.get(i);
            assertEquals(fields.get(i), TsharkMptcpFields.expected(options.get(i)), where);
            assertEquals(spans.get(i), TsharkMptcpFields.ourSpans(frames.get(i).data(), options.get(i)), where);
            mptcpOptions += options.get(i).size();
        }
        assertTrue(mptcpOptions > 0, capture + " has no MPTCP options: not a useful check");
    }

    private static List<MptcpOption> mptcpOptions(DecodedPacket packet) {
        List<MptcpOption> found = new ArrayList<>();
        if (packet.tcp() != null) {
            for (TcpOption option : packet.tcp().options()) {
                if (option instanceof TcpOption.Mptcp mptcp) {
                    found.add(mptcp.option());
                }
            }
        }
        return found;
    }
}
