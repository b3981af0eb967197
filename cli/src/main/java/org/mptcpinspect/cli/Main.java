package org.mptcpinspect.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.mptcpinspect.endpoint.EndpointCommand;
import org.mptcpinspect.lab.LabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the mptcp-inspect command. Exit codes: 0 success, 1 the job failed (e.g. an
 * unreadable capture), 2 usage error.
 */
@Command(name = "mptcp-inspect", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Dissects and analyzes Multipath TCP captures, tshark-style.",
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** Where the launcher says the project lives; the bundled captures are under it. */
    static final String HOME_PROPERTY = "mptcp.inspect.home";
    /** The capture the main job analyzes when given none: two subflows, data both ways. */
    static final String BUNDLED_CAPTURE = "testdata/pcaps/join-subflow.pcap";

    private final OutputStream out;
    private final PrintStream err;

    @CommandLine.Parameters(arity = "0..1", paramLabel = "FILE",
            description = "Capture to analyze when no command is given (default: a bundled capture).")
    private String file;

    @CommandLine.Option(names = "--no-gui",
            description = "Without a command: print the connections report even where a display exists.")
    private boolean noGui;

    private Main(OutputStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The subcommands, in the order --help lists them. Commands from other modules are added
     * here (one line each).
     */
    static List<Object> subcommands(OutputStream out, PrintStream err) {
        return List.of(
                new ReadCommand(out, err),
                new LiveCommand(out, err),
                new FieldsCommand(out),
                new ConnectionsCommand(out, err),
                new StreamCommand(out, err),
                new TimelineCommand(out, err),
                new CountersCommand(out, err),
                new EndpointCommand(),
                new LabCommand(),
                new VerifyCommand(out, err),
                new org.mptcpinspect.gui.GuiCommand(err));
    }

    public static void main(String[] args) {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        int code = run(args, stdout, System.err);
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, OutputStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main(out, err));
        List<Object> subs = subcommands(out, err);
        String named = args.length > 0 ? args[0] : null;
        boolean onlyNamed = subs.stream().anyMatch(sub -> nameOf(sub).equals(named));
        for (Object sub : subs) {
            // picocli reads every option of every command it is given (~0.1 s for all of them):
            // a command line that names its command needs only that one.
            if (!onlyNamed || nameOf(sub).equals(named)) {
                cli.addSubcommand(sub);
            }
        }
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            err.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
            return FAILED;
        });
        return cli.execute(args);
    }

    private static String nameOf(Object command) {
        return command.getClass().getAnnotation(Command.class).name();
    }

    /** A throwable as one line: its message, or its type when it has none. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /**
     * The main job: without a command, the analyzer window on the capture (the bundled one when
     * given none) where a display is named and the toolkit starts, else the capture's MPTCP
     * connections report. Which one was chosen, and why, is said on stderr.
     */
    @Override
    public Integer call() {
        String capture = file;
        if (capture != null && !capture.contains(".") && !capture.contains("/")
                && !java.nio.file.Files.exists(java.nio.file.Path.of(capture))) {
            // A mistyped command, not a capture.
            err.println("mptcp-inspect: no command or capture file '" + capture + "'; see mptcp-inspect --help");
            return USAGE;
        }
        if (capture == null) {
            String home = System.getProperty(HOME_PROPERTY);
            if (home == null || !java.nio.file.Files.isReadable(java.nio.file.Path.of(home, BUNDLED_CAPTURE))) {
                err.println("mptcp-inspect: no capture given and no bundled capture found; see mptcp-inspect --help");
                return USAGE;
            }
            capture = java.nio.file.Path.of(home, BUNDLED_CAPTURE).toString();
            err.println("mptcp-inspect: analyzing the bundled capture " + BUNDLED_CAPTURE
                    + " (give a FILE, or a command: see --help)");
        }
        if (noGui) {
            err.println("mptcp-inspect: --no-gui: printing the connections report");
        } else if (!org.mptcpinspect.gui.GuiCommand.displayNamed(System.getenv())) {
            err.println("mptcp-inspect: no display (DISPLAY and WAYLAND_DISPLAY are unset): printing the connections"
                    + " report; `mptcp-inspect gui FILE` opens the analyzer window where a display exists");
        } else {
            err.println("mptcp-inspect: opening the analyzer window on " + capture
                    + " (--no-gui prints the connections report instead)");
            StringBuilder why = new StringBuilder();
            Integer code = org.mptcpinspect.gui.GuiCommand.openWindow(java.nio.file.Path.of(capture), err, why);
            if (code != null) {
                return code;
            }
            err.println("mptcp-inspect: cannot open a window (" + why + "): printing the connections report");
        }
        return run(new String[] {"connections", capture}, out, err);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mptcp-inspect " + number()};
        }

        /** The version number ("0.1.0-SNAPSHOT"), or "unknown". */
        static String number() {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/mptcp-inspect-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // Fall through to "unknown".
            }
            return p.getProperty("version", "unknown");
        }
    }
}
