package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.ReadAheadReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect read}: dissects a capture file with tshark's options and output formats. */
@Command(name = "read", header = "Dissects a capture like tshark -r (summary, -V, -T, -e, -Y).", versionProvider = Main.Version.class,
        description = {"Dissects a capture file (pcap or pcapng; \"-\" reads standard input)",
            "like tshark -r: one summary line per packet, the detail tree (-V),",
            "fields (-T fields -e ...), JSON (-T json, jsonraw, ek) or XML",
            "(-T pdml, psml)."},
        sortOptions = false)
final class ReadCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final PrintStream err;

    @Mixin
    private HelpOptions helpOptions;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Capture file to read (or use -r).")
    private String file;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file to read (tshark's spelling).")
    private String readFile;

    @Mixin
    private OutputOptions output;

    @Option(names = "-c", paramLabel = "N", description = "Read at most N packets.")
    private Long count;

    @Option(names = {"-2", "--two-pass"}, description = "Perform a two-pass analysis (tshark -2): a first pass over the file finds what only"
        + " later frames tell: packets also show mptcp.reinjected_in, and the whole conversation's"
        + " tcp.completeness and subflows. Not for standard input.")
    private boolean twoPass;

    @Option(names = "-R", paramLabel = "FILTER", description = "Read filter (with -2, as tshark 4.0's): the first pass"
        + " keeps only the packets that match, numbered 1, 2, ... in order; the second pass shows (-Y still applies)"
        + " and counts (-z) only those, while the TCP and MPTCP analysis still follows every packet. With -c N,"
        + " reading ends at the first kept packet once N were read, as in tshark.")
    private String readFilter;

    @Option(names = "-z", paramLabel = "STATISTIC", description = "Print a statistic as tshark -z does, after the packets"
        + " (repeatable; with -q only the statistics): expert[,LEVEL][,FILTER], conv,TYPE[,FILTER],"
        + " endpoints,TYPE[,FILTER] (TYPE: eth, ip, ipv6, tcp, udp, mptcp), follow,tcp,ascii|hex|raw,STREAM,"
        + " io,phs[,FILTER].")
    private List<String> statistics = new ArrayList<>();

    ReadCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    private int usage(String message) {
        err.println("mptcp-inspect read: " + message);
        return Main.USAGE;
    }

    private long limit() {
        return count == null ? Long.MAX_VALUE : count;
    }

    @Override
    public Integer call() {
        if (count != null && count < 0) {
            return usage("-c needs a number of packets >= 0, not " + count);
        }
        PacketPipeline pipeline;
        PcapFileReader reader;
        try {
            String path = UsageException.eitherSpelling(file, readFile, "capture file",
                    "use read FILE or read -r FILE");
            if (readFilter != null && !twoPass) {
                // tshark 4.0's words (it exits 1 here; usage errors exit 2 in this tool).
                throw new UsageException("-R without -2 is deprecated. For single-pass filtering use -Y.");
            }
            output.statistics(statistics);
            output.readFilter(readFilter);
            output.captureFile(path);
            pipeline = output.pipeline(stdout);
            if (twoPass && (path.equals(CaptureFiles.STANDARD_INPUT)
                    || Files.exists(Path.of(path)) && !Files.isRegularFile(Path.of(path)))) {
                throw new UsageException("-2 needs a capture file it can read twice, not a pipe or standard input");
            }
            reader = CaptureFiles.open(path);
            if (twoPass && pipeline.needsFirstPass()) {
                try (ReadAheadReader first = new ReadAheadReader(reader)) {
                    pipeline.firstPass(first, reader.format() == CaptureFormat.PCAPNG, limit(), err);
                }
                reader = CaptureFiles.open(path);
            }
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (CaptureException e) {
            err.println("mptcp-inspect: " + e.getMessage());
            return Main.FAILED;
        }
        // Reading (and mapping) the file runs ahead on its own thread while frames are dissected.
        try (ReadAheadReader ahead = new ReadAheadReader(reader)) {
            return pipeline.run(ahead, reader.format() == CaptureFormat.PCAPNG,
                    limit(), err);
        } catch (IOException e) {
            return PacketPipeline.outputFailed(e, err);
        }
    }
}
