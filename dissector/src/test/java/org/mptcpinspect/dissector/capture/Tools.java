package org.mptcpinspect.dissector.capture;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line tools the tests compare against (tshark, editcap, mergecap, ...). Public
 * for other modules' tests (through the test-jar).
 */
public final class Tools {

    private Tools() {
    }

    /** The tool's path if it is installed on PATH. */
    static Optional<Path> find(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What a finished command printed. */
    record Result(int exitCode, List<String> stdout, String stderr) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("tool", ".out");
        Path stderr = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs a command that must succeed. */
    public static List<String> check(String... command) throws IOException, InterruptedException {
        Result result = run(List.of(command));
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.stderr());
        }
        return result.stdout();
    }

    /**
     * Every capture file in the repository's testdata/pcaps directory (others add captures
     * there over time), or none if it does not exist yet.
     */
    static List<Path> corpus() throws IOException {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path pcaps = directory.resolve("testdata").resolve("pcaps");
            if (Files.isDirectory(pcaps)) {
                List<Path> captures = new ArrayList<>();
                try (var files = Files.walk(pcaps)) {
                    files.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().matches(".*\\.(pcap|pcapng|cap)"))
                        .sorted().forEach(captures::add);
                }
                return captures;
            }
            if (Files.exists(directory.resolve(".git"))) {
                break;
            }
        }
        return List.of();
    }
}
