package org.mptcpinspect.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running tool (capture, endpoint) started by the lab: its stderr lines are collected
 * so the lab can wait for a readiness line and quote the tool when it fails.
 */
final class BackgroundProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final List<Long> lineTimes = new ArrayList<>();
    private final Thread reader;

    private BackgroundProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name(name + "-stderr").start(this::readStderr);
    }

    static BackgroundProcess start(String name, List<String> command) throws LabException {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new BackgroundProcess(name, process);
        } catch (IOException e) {
            throw new LabException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    lineTimes.add(System.currentTimeMillis());
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits for the first stderr line matching; returns the epoch ms it arrived at. Fails if
     * the process exits or the time runs out first, quoting what it printed.
     */
    long awaitLine(Predicate<String> wanted, String what, Duration timeout) throws LabException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (this) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lineTimes.get(seen);
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (!reader.isAlive() && seen == lines.size()) {
                    throw new LabException(name + " ended before " + what + stderrTail());
                }
                if (left <= 0) {
                    throw new LabException(name + ": no " + what + " within " + timeout.toMillis() + " ms"
                            + stderrTail());
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted waiting for " + name, e);
                }
            }
        }
    }

    /** Waits for the process to exit on its own; returns its exit status. */
    int awaitExit(Duration timeout) throws LabException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LabException(name + " still running after " + timeout.toMillis() + " ms" + stderrTail());
            }
            reader.join(1000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted waiting for " + name, e);
        }
    }

    /**
     * SIGTERM (tcpdump and dumpcap flush and finish their files on it), then wait. Signalled
     * through the process handle: Process.destroy() would also close our end of its stderr
     * and lose the statistics the tools print as they exit.
     */
    int terminate(Duration timeout) throws LabException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    synchronized List<String> stderr() {
        return List.copyOf(lines);
    }

    String stderrTail() {
        List<String> all = stderr();
        if (all.isEmpty()) {
            return "";
        }
        return ": " + String.join(" | ", all.subList(Math.max(0, all.size() - 3), all.size()));
    }

    /** Kills the process if it is still running (cleanup after a failure). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
