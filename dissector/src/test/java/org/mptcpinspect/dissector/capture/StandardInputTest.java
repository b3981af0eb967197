package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "-" reads standard input, piped or redirected from a file, in a child JVM. */
class StandardInputTest {

    @TempDir
    Path dir;

    @Test
    void pipedAndRedirectedCapturesReadLikeFiles() throws Exception {
        List<RawFrame> frames = Frames.random(12, 3000, LinkType.ETHERNET);
        Path file = Files.write(dir.resolve("in.pcapng"), PcapFileReaderTest.pcapng(frames, ByteOrder.BIG_ENDIAN));
        String expected = CaptureProbe.stdinOutcome(frames);
        assertEquals(List.of(expected), probe("cat " + file + " | " + javaProbe()));
        assertEquals(List.of(expected), probe(javaProbe() + " < " + file));
    }

    @Test
    void cutShortAndEmptyInputsAreOneLineErrors() throws Exception {
        List<RawFrame> frames = Frames.random(13, 10, LinkType.ETHERNET);
        byte[] bytes = PcapFileReaderTest.pcapng(frames, ByteOrder.LITTLE_ENDIAN);
        Path cut = Files.write(dir.resolve("cut.pcapng"), Arrays.copyOf(bytes, bytes.length - 5));
        List<String> out = probe("cat " + cut + " | " + javaProbe());
        assertEquals(2, out.size(), out.toString());
        assertEquals(CaptureProbe.stdinOutcome(frames.subList(0, 9)), out.get(0));
        assertEquals(true, out.get(1).startsWith("error standard input: cut short in the middle of frame 10 ("), out.get(1));
        assertEquals(List.of("error standard input: empty file, not a capture"), probe(javaProbe() + " < /dev/null"));
    }

    private static String javaProbe() {
        return String.join(" ", CaptureProbe.command(List.of(), "stdin").stream().map(word -> "'" + word + "'").toList());
    }

    private static List<String> probe(String shellCommand) throws Exception {
        Tools.Result result = Tools.run(List.of("bash", "-c", shellCommand));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.stdout();
    }
}
