package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mptcpinspect.endpoint.EndpointLauncher;
import org.mptcpinspect.endpoint.EndpointResult;
import org.mptcpinspect.endpoint.ResultJson;
import org.mptcpinspect.endpoint.StatusLine;
import org.mptcpinspect.lab.Preflight;
import org.mptcpinspect.lab.Scenario;
import org.mptcpinspect.lab.Side;
import org.mptcpinspect.lab.Topology;

/**
 * A lab topology (client and server namespaces, one veth per path) for {@code live} tests: the
 * reference endpoint moves data between the namespaces, and live runs as its own JVM in the
 * client namespace, as a user runs it. {@link #create} skips the test (with the reason) without
 * root or kernel MPTCP.
 */
final class LiveLab implements AutoCloseable {
    static final String SERVER = "192.0.2.2";
    static final Duration WAIT = Duration.ofSeconds(60);

    private final Topology topology;
    private final Path dir;

    private LiveLab(Topology topology, Path dir) {
        this.topology = topology;
        this.dir = dir;
    }

    /** The built-in scenario's topology; its files (logs, outputs, endpoint results) go to {@code dir}. */
    static LiveLab create(String scenario, Path dir) throws Exception {
        Optional<String> problem = Preflight.problem();
        assumeTrue(problem.isEmpty(), () -> "live capture tests need the lab: " + problem.orElseThrow());
        return new LiveLab(Topology.create(Scenario.builtIn(scenario)), dir);
    }

    String namespace(Side side) {
        return topology.namespace(side);
    }

    @Override
    public void close() {
        topology.close();
    }

    /**
     * Runs one MPTCP connection from the client to {@link #SERVER}: the server sends
     * {@code serverSends}, the client {@code clientSends}; returns once both ends are done.
     */
    void transfer(int port, String clientSends, String serverSends) throws Exception {
        Path serverLog = Files.createTempFile(dir, "server", ".log");
        Process server = inNamespace(Side.SERVER, EndpointLauncher.command(List.of("server",
                "--listen", "0.0.0.0:" + port, "--send", serverSends, "--out", result("server", port)
                        .toString())), serverLog);
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.readString(serverLog).contains(StatusLine.LISTENING)) {
                assertTrue(server.isAlive() && System.nanoTime() < deadline, "server: " + Files.readString(serverLog));
                Thread.sleep(20);
            }
            Path clientLog = Files.createTempFile(dir, "client", ".log");
            Process client = inNamespace(Side.CLIENT, EndpointLauncher.command(List.of("client",
                    "--connect", SERVER + ":" + port, "--send", clientSends,
                    "--out", result("client", port).toString())), clientLog);
            assertTrue(client.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "client finished");
            assertEquals(0, client.exitValue(), Files.readString(clientLog));
            assertTrue(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "server finished");
            assertEquals(0, server.exitValue(), Files.readString(serverLog));
        } finally {
            server.destroyForcibly();
        }
    }

    private Path result(String side, int port) {
        return dir.resolve(side + "-" + port + ".json");
    }

    /** The token MPTCP_INFO gave one end ("client" or "server") of the connection on {@code port}, as 8 hex digits. */
    String kernelToken(String side, int port) throws IOException {
        EndpointResult result = ResultJson.read(result(side, port));
        return ConnectionsCommand.hex8(result.connections().get(0).beforeShutdown().info().token());
    }

    private Process inNamespace(Side side, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", topology.namespace(side)));
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** {@code command}'s standard output, run to its end in the client namespace. */
    List<String> inClientNamespace(List<String> command) throws Exception {
        Path log = Files.createTempFile(dir, "tool", ".out");
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", topology.namespace(Side.CLIENT)));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), command + " finished");
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** {@code mptcp-inspect ARGS} in the client namespace; returns once it captures (unless -D or no arguments). */
    Live live(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", topology.namespace(Side.CLIENT)));
        command.addAll(Live.command(args));
        return Live.start(command, args.size() > 1 && !args.contains("-D"), dir);
    }

    /** {@code mptcp-inspect ARGS} in its own JVM, its output in files. */
    record Live(Process process, Path stdout, Path stderr) {

        /** Starts {@code command}; if {@code capturing}, returns once it captures. */
        static Live start(List<String> command, boolean capturing, Path dir) throws Exception {
            Path out = Files.createTempFile(dir, "live", ".out");
            Path err = Files.createTempFile(dir, "live", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Live live = new Live(process, out, err);
            if (capturing) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!live.err().contains("Capturing on '") && process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            return live;
        }

        /**
         * This JVM's java running Main with the test class path. {@code env --default-signal}
         * undoes a SIGINT ignored by whoever started the build (a background job), which
         * the JVM, like any program, would otherwise keep ignoring.
         */
        static List<String> command(List<String> args) {
            List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(args);
            return command;
        }

        int awaitExit() throws Exception {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("live did not end: " + err());
            }
            return process.exitValue();
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        }

        String out() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }

        String err() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }
    }
}
