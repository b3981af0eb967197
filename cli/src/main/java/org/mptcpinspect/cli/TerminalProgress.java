package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "N frames read" on standard error, refreshed about once a second, and only when standard
 * error is a terminal (so pipes and files never see it).
 */
final class TerminalProgress {
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long nextUpdate;
    private boolean shown;

    TerminalProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        this.nextUpdate = System.nanoTime() + INTERVAL_NANOS;
    }

    /** True when this process's standard error is a terminal (Linux: fd 2 links to a tty). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Cheap enough to call per frame: looks at the clock every 4096 frames. */
    void update(long frames) {
        if (!enabled || (frames & 4095) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now >= nextUpdate) {
            nextUpdate = now + INTERVAL_NANOS;
            err.print("\r" + frames + " frames read");
            err.flush();
            shown = true;
        }
    }

    /** Clears the progress line. */
    void done() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
