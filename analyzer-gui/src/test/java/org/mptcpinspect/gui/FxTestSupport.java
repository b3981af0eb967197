package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Gives the GUI tests a real JavaFX toolkit on an X display: the one in DISPLAY (the pom sets a
 * private one, :97) when a server answers there, else an Xvfb started on it for this JVM. Tests
 * are skipped, with the reason, when neither is possible.
 */
final class FxTestSupport {
    private static boolean started;
    private static String unavailable;

    private FxTestSupport() {
    }

    static Path project() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("testdata/pcaps"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("testdata/pcaps not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path capture(String name) {
        return project().resolve("testdata/pcaps").resolve(name);
    }

    /** The display the tests use, started if needed; null with {@link #unavailable} set otherwise. */
    static synchronized String display() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            unavailable = "DISPLAY is not set (the module's pom sets it for Maven runs)";
            return null;
        }
        Path socket = socket(display);
        if (socket != null && Files.exists(socket)) {
            return display;
        }
        Path xvfb = Path.of("/usr/bin/Xvfb");
        if (!Files.isExecutable(xvfb)) {
            unavailable = "no X server on " + display + " and no /usr/bin/Xvfb to start one";
            return null;
        }
        try {
            // A watchdog ends the server once this JVM has exited. Killing it from a shutdown
            // hook instead would make Xlib exit(1) the JVM in the middle of its shutdown.
            String script = "\"$1\" \"$2\" -screen 0 1600x1000x24 -nolisten tcp & x=$!; "
                    + "while kill -0 \"$3\" 2>/dev/null && kill -0 $x 2>/dev/null; do sleep 1; done; kill $x 2>/dev/null";
            Process p = new ProcessBuilder("bash", "-c", script, "xvfb-watchdog", xvfb.toString(), display,
                    Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                if (!p.isAlive()) {
                    unavailable = "Xvfb " + display + " exited with " + p.exitValue();
                    return null;
                }
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            unavailable = "cannot start Xvfb: " + e.getMessage();
            return null;
        }
        if (!Files.exists(socket)) {
            unavailable = "Xvfb did not open " + socket;
            return null;
        }
        return display;
    }

    private static Path socket(String display) {
        String d = display.startsWith(":") ? display.substring(1) : null;
        if (d == null) {
            return null;
        }
        int dot = d.indexOf('.');
        return Path.of("/tmp/.X11-unix/X" + (dot < 0 ? d : d.substring(0, dot)));
    }

    /** Starts the toolkit once per JVM; skips the calling test when no display can be had. */
    static synchronized void startToolkit() {
        if (!started) {
            if (display() == null) {
                assumeTrue(false, "GUI tests skipped: " + unavailable);
            }
            Platform.startup(() -> Platform.setImplicitExit(false));
            started = true;
        }
    }

    /** Runs on the FX thread and waits for the result. */
    static <T> T onFx(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return await(result);
    }

    /** Waits (bounded) for a future the FX thread completes. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("GUI did not answer: " + e, e);
        }
    }

    /**
     * Waits (up to 15 s: a live capture's views refresh at most every second) until
     * {@code condition} holds; fails naming {@code what} was not shown while capturing.
     */
    static void until(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (long end = System.nanoTime() + 15_000_000_000L; System.nanoTime() < end; ) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not shown while capturing: " + what);
    }

    /** Lets pending layout pulses run. */
    static void settle() {
        for (int i = 0; i < 3; i++) {
            onFx(() -> null);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
