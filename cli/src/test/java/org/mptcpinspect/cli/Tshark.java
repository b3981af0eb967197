package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;

/** Runs the installed tshark, the oracle for dissected fields; tests that need it skip without it. */
final class Tshark {
    private Tshark() {
    }

    static boolean available() {
        return find() != null;
    }

    private static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "tshark");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Skips the calling test (JUnit assumption) when tshark is not installed. */
    static void assume() {
        Assumptions.assumeTrue(available(), "tshark is not installed; install it (Debian: tshark) to run this test");
    }

    /** tshark's standard output for these arguments (its stderr is ignored: it warns when run as root). */
    static String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(find().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // tshark prints local times; the comparison runs both tools in the same zone.
        pb.environment().put("TZ", java.util.TimeZone.getDefault().getID());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * tshark's output for {@code args} passed through {@code normalize}: fresh when tshark is
     * installed (rewriting the gzip recording if it changed), else the recording; the calling test
     * is skipped when neither is there.
     */
    static String recorded(Path recording, List<String> args, UnaryOperator<String> normalize)
            throws IOException, InterruptedException {
        if (available()) {
            String fresh = normalize.apply(run(args));
            if (!Files.exists(recording) || !fresh.equals(readGzip(recording))) {
                Files.createDirectories(recording.getParent());
                try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(recording))) {
                    gz.write(fresh.getBytes(StandardCharsets.UTF_8));
                }
            }
            return fresh;
        }
        Assumptions.assumeTrue(Files.exists(recording), "tshark is not installed and " + recording
                + " has not been recorded");
        return readGzip(recording);
    }

    static String readGzip(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
