import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Read-only throughput of the pure-Java reader and of libpcap through pcap4j: every frame is
 * delivered and touched, nothing else. Usage: bench/read-throughput.sh FILE [ROUNDS].
 */
public final class ReadThroughput {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double megabytes = Files.size(file) / 1e6;
        for (String reader : new String[] {"pure-java", "pcap4j"}) {
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                long frames = 0;
                long check = 0;
                try (CaptureReader capture = reader.equals("pure-java") ? CaptureFiles.open(file)
                        : CaptureFiles.openWithLibpcap(file)) {
                    for (RawFrame frame = capture.next(); frame != null; frame = capture.next()) {
                        frames++;
                        check += frame.data()[frame.capturedLength() - 1] + frame.timestampNanos();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-9s round %d: %d frames, %.0f MB in %.3f s = %.2f M frames/s, %.0f MB/s (%d)%n",
                    reader, round, frames, megabytes, seconds, frames / seconds / 1e6, megabytes / seconds, check & 1);
            }
        }
    }
}
