package org.mptcpinspect.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the lab drives (ip, tc, iptables, ethtool, sysctl, tshark). */
final class Shell {
    private static final long TIMEOUT_SECONDS = 60;

    private Shell() {
    }

    /** Runs a command to completion; returns its stdout, or fails with its stderr. */
    static String run(List<String> command) throws LabException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new LabException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException("`" + String.join(" ", command) + "` still running after "
                        + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = stderr.join().strip();
                throw new LabException("`" + String.join(" ", command) + "` failed (exit " + process.exitValue()
                        + ")" + (why.isEmpty() ? "" : ": " + why.lines().findFirst().orElse("")));
            }
            return stdout.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command.getFirst(), e);
        }
    }

    static String run(String... command) throws LabException {
        return run(List.of(command));
    }

    /** The command prefixed with {@code ip netns exec NS}. */
    static List<String> inNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(command.size() + 4);
        full.add("ip");
        full.add("netns");
        full.add("exec");
        full.add(namespace);
        full.addAll(command);
        return full;
    }

    static CompletableFuture<String> readAsync(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, runnable -> Thread.ofPlatform().daemon().start(runnable));
    }
}
