package org.mptcpinspect.gui;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Starts the JavaFX toolkit and the analyzer window, interactive or as a one-shot snapshot.
 * Only {@link GuiCommand#call()} reaches this class, so the other commands never load JavaFX.
 */
final class GuiLauncher {
    /** The detail item the snapshot selects, so its bytes show highlighted. */
    static final String MPTCP_ITEM = "Multipath Transmission Control Protocol";

    /** Held so the level set on it stays (the logging framework keeps loggers weakly). */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private GuiLauncher() {
    }

    /** What the gui command asked for (snapshot null: interactive). */
    record Options(Path file, Path snapshot, String view, Long select, Path settings, boolean timing) {
    }

    /** Runs the GUI until its window closes (or the snapshot is written); returns the exit code. */
    static int run(Options options, PrintStream err) {
        StringBuilder why = new StringBuilder();
        Integer code = tryRun(options, err, why);
        if (code == null) {
            err.println("mptcp-inspect gui: cannot open a window: " + why
                    + (System.getenv("DISPLAY") == null ? " (DISPLAY is not set; try xvfb-run for --snapshot)" : ""));
            return 1;
        }
        return code;
    }

    /**
     * Runs the GUI if the toolkit starts; null when it cannot (no display server, no GTK), with
     * the reason appended to {@code why}, so a caller can do something else instead.
     */
    static Integer tryRun(Options options, PrintStream err, StringBuilder why) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // JavaFX warns that it runs from the class path (the launcher's layout); that is supported
        // in practice and the warning would only confuse users, so only severe messages pass.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            Platform.startup(() -> start(options, err, exit));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            // No display, or the toolkit's native libraries are missing (e.g. no GTK 3).
            why.append(oneLine(e));
            return null;
        }
        int code = exit.join();
        Platform.exit();
        return code;
    }

    private static void start(Options options, PrintStream err, CompletableFuture<Integer> exit) {
        Platform.setImplicitExit(false);
        Stage stage = new Stage();
        AnalyzerWindow window = new AnalyzerWindow(stage, new Settings(options.settings()));
        if (options.snapshot() == null) {
            stage.setOnHiding(e -> exit.complete(0));
            stage.show();
            if (options.file() != null) {
                window.open(options.file());
            }
            return;
        }
        // Shown, so that layout, scrolling and virtual cells behave exactly as on screen.
        stage.show();
        window.open(options.file()).thenAccept(outcome -> {
            if (outcome.error() != null && window.table().getItems().isEmpty()) {
                fail(err, exit, outcome.error());
                return;
            }
            if (options.view().equals("connections")) {
                snapshotConnections(window, options, err, exit);
                return;
            }
            if (options.view().equals("counters")) {
                window.showCounters().whenComplete((hosts, problem) -> Platform.runLater(() -> {
                    int n = options.select() == null ? 0 : (int) (long) options.select();
                    if (problem != null || n < 0 || n >= hosts.size()) {
                        fail(err, exit, problem != null ? oneLine(problem)
                                : "no host " + n + " (there are " + hosts.size() + ")");
                        return;
                    }
                    window.countersView().hostChooser().getSelectionModel().select(n);
                    settleThenWrite(window, options, err, exit);
                }));
                return;
            }
            if (options.view().equals("timeline") || options.view().equals("stream")) {
                int n = options.select() == null ? 0 : (int) (long) options.select();
                long viewStart = System.nanoTime();
                CompletableFuture<?> shown = options.view().equals("timeline") ? window.showTimeline(n)
                        : window.followStream(n);
                shown.whenComplete((plot, problem) -> Platform.runLater(() -> {
                    if (problem != null) {
                        fail(err, exit, oneLine(problem));
                    } else {
                        if (options.timing()) {
                            Runtime rt = Runtime.getRuntime();
                            err.printf("gui timing: %s of connection %d shown in %.2f s (after the index), heap used"
                                    + " %d MB%n", options.view(), n, (System.nanoTime() - viewStart) / 1e9,
                                    (rt.totalMemory() - rt.freeMemory()) >> 20);
                        }
                        settleThenWrite(window, options, err, exit);
                    }
                }));
                return;
            }
            if (options.select() == null) {
                settleThenWrite(window, options, err, exit);
                return;
            }
            long selectStart = System.nanoTime();
            window.selectFrame(options.select()).whenComplete((details, problem) -> Platform.runLater(() -> {
                if (problem != null) {
                    fail(err, exit, oneLine(problem));
                    return;
                }
                if (window.selectDetail(MPTCP_ITEM) == null && !window.tree().getRoot().getChildren().isEmpty()) {
                    window.tree().getSelectionModel().select(window.tree().getRoot().getChildren().getLast());
                }
                if (options.timing()) {
                    err.printf("gui timing: frame %d detail in %.2f s%n", options.select(),
                            (System.nanoTime() - selectStart) / 1e9);
                }
                settleThenWrite(window, options, err, exit);
            }));
        });
    }

    private static void snapshotConnections(AnalyzerWindow window, Options options, PrintStream err,
            CompletableFuture<Integer> exit) {
        window.showConnections().whenComplete((connections, problem) -> Platform.runLater(() -> {
            if (problem != null) {
                fail(err, exit, oneLine(problem));
                return;
            }
            if (options.select() != null) {
                var root = window.connectionsView().getRoot();
                var item = root.getChildren().stream()
                        .filter(i -> i.getValue().connection().index() == options.select()).findFirst();
                if (item.isEmpty()) {
                    fail(err, exit, "no MPTCP connection " + options.select() + " (there are "
                            + root.getChildren().size() + ")");
                    return;
                }
                window.connectionsView().getSelectionModel().select(item.get());
            }
            settleThenWrite(window, options, err, exit);
        }));
    }

    /** Lets layout and CSS settle for a few pulses (virtual cells are made then), then renders. */
    private static void settleThenWrite(AnalyzerWindow window, Options options, PrintStream err,
            CompletableFuture<Integer> exit) {
        Path out = options.snapshot();
        if (options.timing()) {
            AnalyzerWindow.LoadTiming t = window.loadTiming();
            Runtime rt = Runtime.getRuntime();
            // The process start counts too: JVM and toolkit start-up are part of what a user waits for.
            double launch = ProcessHandle.current().info().startInstant()
                    .map(i -> (System.currentTimeMillis() - i.toEpochMilli()) / 1e3).orElse(Double.NaN);
            err.printf("gui timing: %d packets, first rows %.2f s after open (%.2f s after launch), indexed %.2f s after"
                    + " open, index %d MB, heap used %d MB, snapshot at %.2f s after launch%n",
                    t.packets(), t.firstRowsSeconds(), launch - (window.sinceFirstRows()), t.indexedSeconds(),
                    t.indexBytes() >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, launch);
        }
        PauseTransition settle = new PauseTransition(Duration.millis(300));
        settle.setOnFinished(e -> {
            try {
                SnapshotWriter.write(window.stage().getScene(), out);
                window.stage().close();
                exit.complete(0);
            } catch (java.io.IOException ex) {
                fail(err, exit, "cannot write " + out + ": " + oneLine(ex));
            }
        });
        settle.play();
    }

    private static void fail(PrintStream err, CompletableFuture<Integer> exit, String message) {
        err.println("mptcp-inspect gui: " + message);
        exit.complete(1);
    }

    private static String oneLine(Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                ? t.getCause() : t;
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
