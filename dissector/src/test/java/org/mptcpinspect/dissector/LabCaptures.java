package org.mptcpinspect.dissector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;

/** The lab's real kernel captures (testdata/pcaps) for tests, found from the module's directory. */
public final class LabCaptures {
    private LabCaptures() {
    }

    /** testdata/pcaps of this checkout. */
    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("testdata/pcaps"))) {
            dir = dir.getParent();
        }
        return dir.resolve("testdata/pcaps");
    }

    /** The names of every capture in testdata/pcaps (NAME.pcap and NAME.pcapng), sorted. */
    public static List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList();
        }
    }

    /** Every frame of testdata/pcaps/NAME, in order. */
    public static List<RawFrame> frames(String name) throws IOException, CaptureException {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureReader in = CaptureFiles.open(directory().resolve(name))) {
            for (RawFrame f = in.next(); f != null; f = in.next()) {
                frames.add(f);
            }
        }
        return frames;
    }
}
