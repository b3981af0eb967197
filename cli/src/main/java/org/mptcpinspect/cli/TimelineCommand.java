package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.plot.TimelinePlot;
import org.mptcpinspect.plot.TimelineRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mptcp-inspect timeline}: the GUI's subflow timeline of one connection written as SVG, for
 * machines without a display and for reports (the same scene the window draws and exports).
 */
@Command(name = "timeline", header = "Draws a connection's subflow timeline as SVG.", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Draws one direction of an MPTCP connection as the analyzer window's timeline does: each"
            + " subflow's data segments at their relative data sequence number against time (a colour per"
            + " subflow), DATA_ACKs as a grey step line, TCP retransmissions circled, reinjections as squares,"
            + " ADD_ADDR/REMOVE_ADDR/MP_PRIO/MP_FAIL/fallback/DATA_FIN as dashed markers, and each subflow's"
            + " lifetime as a bar above the plot. The picture is SVG, so any browser shows it.",
        sortOptions = false)
final class TimelineCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final PrintStream err;

    @Parameters(paramLabel = "FILE", description = "Capture file (pcap or pcapng; \"-\" reads standard input).")
    private String file;

    @Option(names = "--connection", paramLabel = "N",
            description = "The connection's index (mptcp.stream, as `connections` lists it; default 0).")
    private int connection;

    @Option(names = "--direction", paramLabel = "DIR", description = "c2s (client to server, the default) or s2c.")
    private StreamCommand.Direction direction = StreamCommand.Direction.c2s;

    @Option(names = "--time", paramLabel = "FROM:TO", description = "Only seconds FROM to TO since the capture's first frame (as"
            + " frame.time_relative), the data sequence axis fitted to them; default: the whole connection.")
    private String time;

    @Option(names = "--size", paramLabel = "WIDTHxHEIGHT", description = "Picture size in pixels (default 1200x600).")
    private String size = "1200x600";

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the SVG to OUT instead of standard output.")
    private Path output;

    TimelineCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public Integer call() {
        double[] pixels = pair(size, "x", "--size", "WIDTHxHEIGHT");
        double[] seconds = time == null ? null : pair(time, ":", "--time", "FROM:TO");
        if (pixels == null || time != null && seconds == null) {
            return Main.USAGE;
        }
        if (pixels[0] < 300 || pixels[1] < 200 || pixels[0] > 20000 || pixels[1] > 20000) {
            err.println("mptcp-inspect timeline: --size must be between 300x200 and 20000x20000, not " + size);
            return Main.USAGE;
        }
        if (seconds != null && !(seconds[1] > seconds[0])) {
            err.println("mptcp-inspect timeline: --time needs FROM < TO, not " + time);
            return Main.USAGE;
        }
        if (connection < 0) {
            err.println("mptcp-inspect timeline: --connection needs an index >= 0, not " + connection);
            return Main.USAGE;
        }
        TimelineRecorder recorder = new TimelineRecorder();
        MptcpTracker tracker = new MptcpTracker((index, clientToServer) -> DataStreamSink.DISCARD);
        MptcpAnalysisRun run = MptcpAnalysisRun.of(file, tracker, err,
                (frame, packet, segment, analysis) -> recorder.add(tracker, frame, packet, segment, analysis));
        String missing = run.whyNoConnection(file, connection);
        if (missing != null) {
            err.println("mptcp-inspect: " + missing);
            return Main.FAILED;
        }
        boolean c2s = direction == StreamCommand.Direction.c2s;
        TimelinePlot plot = new TimelinePlot(run.reports().get(connection),
                recorder.frozen(run.reports().size()).get(connection), run.firstNanos());
        TimelinePlot.Viewport view = seconds == null ? plot.full(c2s) : plot.window(c2s, seconds[0], seconds[1]);
        byte[] svg = plot.scene(c2s, view, pixels[0], pixels[1]).svg().getBytes(StandardCharsets.UTF_8);
        try {
            if (output == null) {
                stdout.write(svg);
                stdout.flush();
            } else {
                Files.write(output, svg);
            }
        } catch (IOException e) {
            err.println("mptcp-inspect: cannot write " + (output == null ? "the picture" : output) + ": "
                    + Main.oneLine(e));
            return Main.FAILED;
        }
        if (run.error() != null) { // the picture shows the frames before the cut
            err.println("mptcp-inspect: " + run.error());
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** "AxB" split at {@code separator} into two numbers, or null after a one-line usage error. */
    private double[] pair(String text, String separator, String option, String form) {
        String[] parts = text.split(java.util.regex.Pattern.quote(separator), -1);
        try {
            if (parts.length == 2) {
                double a = Double.parseDouble(parts[0]);
                double b = Double.parseDouble(parts[1]);
                if (Double.isFinite(a) && Double.isFinite(b)) {
                    return new double[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        err.println("mptcp-inspect timeline: " + option + " takes " + form + ", not '" + text + "'");
        return null;
    }
}
