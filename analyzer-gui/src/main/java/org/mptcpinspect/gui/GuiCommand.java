package org.mptcpinspect.gui;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code gui} subcommand. It lives in the GUI module and touches JavaFX only inside
 * {@link #call()} (through {@link GuiLauncher}), so registering it in the CLI costs the other
 * commands nothing: the JVM loads classes lazily, and JavaFX stays unloaded unless gui runs.
 */
@Command(name = "gui", header = "Opens the analyzer window on a capture.", mixinStandardHelpOptions = true,
        description = "Opens the analyzer window (packet list, detail tree, bytes, display filter)."
            + " With --snapshot, renders the window to a PNG and exits (needs a display: e.g. xvfb-run).")
public final class GuiCommand implements Callable<Integer> {
    /** The views --view accepts today. */
    static final List<String> VIEWS = List.of("packets", "connections", "timeline", "stream", "counters");

    private final PrintStream err;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Capture to open (.pcap or .pcapng).")
    private Path file;

    @Option(names = "--snapshot", paramLabel = "OUT.png",
            description = "Render the window to this PNG once FILE is loaded, then exit.")
    private Path snapshot;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "packets",
            description = "View to show in the snapshot: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = Views.class)
    private String view;

    @Option(names = "--select", paramLabel = "FRAME|CONNECTION",
            description = {"packets view: frame number to select (its detail",
                "  and bytes shown, the MPTCP option highlighted);",
                "connections view: connection index to select",
                "  (filters the packet list);",
                "timeline, stream: connection index to draw or",
                "  follow (default 0);",
                "counters: host to show, by its place in the host",
                "  list (default 0)."})
    private Long select;

    @Option(names = "--settings", paramLabel = "FILE", hidden = true,
            description = "Where recent files and filter history are kept (default ~/.config/mptcp-inspect/gui.properties).")
    private Path settings;

    @Option(names = "--timing", description = "With --snapshot: print load and selection times on stderr (for bench/).")
    private boolean timing;

    public GuiCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        if (!VIEWS.contains(view)) {
            err.println("mptcp-inspect gui: --view must be one of " + String.join(", ", VIEWS) + ", not '" + view + "'");
            return 2;
        }
        if (snapshot != null && file == null) {
            err.println("mptcp-inspect gui: --snapshot needs a capture FILE");
            return 2;
        }
        if (select != null && snapshot == null) {
            err.println("mptcp-inspect gui: --select is for --snapshot");
            return 2;
        }
        if (file != null && !Files.isReadable(file)) {
            err.println("mptcp-inspect gui: " + file + ": no such readable file");
            return 1;
        }
        return GuiLauncher.run(new GuiLauncher.Options(file, snapshot, view, select,
                settings != null ? settings : Settings.defaultFile(), timing), err);
    }

    /** Whether a display server is named in the environment (X11's DISPLAY or WAYLAND_DISPLAY). */
    public static boolean displayNamed(java.util.Map<String, String> env) {
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    /**
     * Opens the analyzer window on {@code file} and waits until it is closed (the main job's GUI
     * mode). Returns the exit code, or null when no window could be opened, with the reason
     * appended to {@code why}.
     */
    public static Integer openWindow(Path file, PrintStream err, StringBuilder why) {
        return GuiLauncher.tryRun(new GuiLauncher.Options(file, null, "packets", null, Settings.defaultFile(), false),
                err, why);
    }

    /** --view's candidates, for --help. */
    static final class Views extends java.util.ArrayList<String> {
        Views() {
            super(VIEWS);
        }
    }
}
