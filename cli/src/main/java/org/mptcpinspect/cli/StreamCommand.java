package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.DigestSink;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect stream}: "Follow MPTCP stream", the rebuilt data-level bytes of one direction. */
@Command(name = "stream", header = "Writes one direction of a connection's data-level stream.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Writes the data-level stream of one direction of an MPTCP connection, rebuilt from"
            + " all its subflows by data sequence number, as the bytes become contiguous. Missing bytes"
            + " are never filled in: they are listed on standard error and the exit code is 1.",
        sortOptions = false)
final class StreamCommand implements Callable<Integer> {
    enum Direction { c2s, s2c }

    private final OutputStream stdout;
    private final PrintStream err;

    @Parameters(paramLabel = "FILE", description = "Capture file (pcap or pcapng; \"-\" reads standard input).")
    private String file;

    @Option(names = "--connection", required = true, paramLabel = "N",
            description = "The connection's index (mptcp.stream, as `connections` lists it).")
    private int connection;

    @Option(names = "--direction", required = true, paramLabel = "DIR",
            description = "c2s (client to server) or s2c.")
    private Direction direction;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of standard output.")
    private String output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "raw (default), hex (offset, hex, ASCII) or ascii.")
    private FormattingSink.Format format = FormattingSink.Format.raw;

    @Option(names = "--sha256", description = "Print only the stream's SHA-256 and length.")
    private boolean sha256;

    StreamCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (connection < 0) {
            err.println("mptcp-inspect stream: --connection needs an index >= 0, not " + connection);
            return Main.USAGE;
        }
        boolean c2s = direction == Direction.c2s;
        OutputStream target;
        try {
            target = output == null ? stdout : new FileOutputStream(output);
        } catch (IOException e) {
            err.println("mptcp-inspect: cannot write " + output + ": " + Main.oneLine(e));
            return Main.FAILED;
        }
        OutputStream out = new BufferedOutputStream(target, 1 << 16);
        DataStreamSink chosen = sha256 ? new DigestSink() : new FormattingSink(out, format);
        MptcpTracker tracker = new MptcpTracker((index, clientToServer) ->
                index == connection && clientToServer == c2s ? chosen : DataStreamSink.DISCARD);
        MptcpAnalysisRun run;
        try {
            run = MptcpAnalysisRun.of(file, tracker, err);
            if (run.reports() != null && connection < run.reports().size()) {
                ConnectionReport c = run.reports().get(connection);
                StreamReport s = c2s ? c.c2s() : c.s2c();
                if (sha256 && s.complete()) {
                    out.write((s.sha256() + "  " + s.bytes() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            String m = Main.oneLine(e);
            if (!m.contains("Broken pipe")) { // a closed pipe (e.g. "| head") just ends the output
                err.println("mptcp-inspect: cannot write the stream: " + m);
            }
            return Main.FAILED;
        } finally {
            if (output != null) {
                try {
                    target.close();
                } catch (IOException e) {
                    err.println("mptcp-inspect: cannot write " + output + ": " + Main.oneLine(e));
                }
            }
        }
        String missing = run.whyNoConnection(file, connection);
        if (missing != null) {
            err.println("mptcp-inspect: " + missing);
            return Main.FAILED;
        }
        StreamReport s = c2s ? run.reports().get(connection).c2s() : run.reports().get(connection).s2c();
        if (run.error() != null) {
            err.println("mptcp-inspect: " + run.error());
            return Main.FAILED;
        }
        if (!s.complete()) {
            err.println("mptcp-inspect: the stream is incomplete: " + s.missingBytes() + " bytes missing at offsets "
                    + s.missing().stream().limit(10).map(r -> r.start() + "-" + r.end())
                    .collect(Collectors.joining(", ")) + (s.missing().size() > 10 ? ", …" : "")
                    + (s.notCapturedBytes() > 0 ? " (" + s.notCapturedBytes() + " cut by the snap length)" : ""));
            return Main.FAILED;
        }
        return Main.OK;
    }
}
