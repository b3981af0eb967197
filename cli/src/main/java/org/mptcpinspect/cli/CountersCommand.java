package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;
import org.mptcpinspect.dissector.analysis.counters.PartialRule;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect counters}: the MPTcpExt counters each host's kernel counted, from a capture, as nstat prints them. */
@Command(name = "counters", header = "Computes the kernel's MPTcpExt counters (nstat) from a capture.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Prints the MPTcpExt counters (nstat -az | grep MPTcp) that each host's kernel would"
            + " have counted for the packets of a capture: RX counts packets to the host, TX packets"
            + " from it. Without --host, one report per host seen (a host is the set of addresses its"
            + " MPTCP connections link). Counters a capture cannot determine are never printed;"
            + " --explain lists which are exact, approximate, or not derivable, and why.",
        sortOptions = false)
final class CountersCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final PrintStream err;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Capture file (pcap or pcapng; \"-\" reads standard input).")
    private String file;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file to read (tshark's spelling).")
    private String readFile;

    @Option(names = "--host", paramLabel = "ADDR[,ADDR...]", split = ",", hideParamSyntax = true,
            description = "Count for the host owning these addresses (and the addresses its connections link to them).")
    private List<String> hostAddresses = new ArrayList<>();

    @Option(names = "--connection", paramLabel = "N",
            description = "Only MPTCP connection N (numbered from 0 in order of their MP_CAPABLE SYN (or first packet, when the capture starts mid-connection), as mptcp.stream).")
    private Integer connection;

    @Option(names = {"-a", "--ignore"},
            description = "Absolute values, as nstat -a (a capture's counters always are: accepted for compatibility).")
    private boolean absolute;

    @Option(names = {"-z", "--zeros"}, description = "Also print counters that are zero (as nstat -z).")
    private boolean zeros;

    @Option(names = {"-j", "--json"}, description = "One JSON object per host and line: {\"host\": [ADDR...], \"counters\": {NAME: VALUE}}.")
    private boolean json;

    @Option(names = "--explain", description = "Print, for every kernel counter, whether a capture determines it and why; no FILE needed.")
    private boolean explain;

    CountersCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    private int usage(String message) {
        err.println("mptcp-inspect counters: " + message);
        return Main.USAGE;
    }

    @Override
    public Integer call() throws IOException {
        BufferedOutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        NstatFormat format = new NstatFormat(zeros);
        if (explain) {
            out.write(NstatFormat.bytes(format.explanation()));
            out.flush();
            return Main.OK;
        }
        String path = file != null ? file : readFile;
        if (file != null && readFile != null && !file.equals(readFile)) {
            return usage("two capture files given (" + readFile + " and " + file + "); read one at a time");
        }
        if (path == null) {
            return usage("no capture file given: use counters FILE (or --explain)");
        }
        List<HostAddress> host = new ArrayList<>();
        for (String a : hostAddresses) {
            try {
                host.add(HostAddress.parse(a));
            } catch (IllegalArgumentException e) {
                return usage("--host: " + e.getMessage());
            }
        }
        if (connection != null && connection < 0) {
            return usage("--connection must be 0 or more");
        }
        CounterTracker tracker = new CounterTracker();
        int status = Main.OK;
        CaptureLoop.Outcome outcome = CaptureLoop.run(path, err, frame -> tracker.accept(PacketDecoder.decode(frame)));
        if (outcome.error() != null) {
            err.println("mptcp-inspect: " + outcome.error());
            if (!outcome.opened()) {
                return Main.FAILED;
            }
            // Counters of the frames before the damage are still printed; the job failed.
            status = Main.FAILED;
        }
        tracker.finish();
        int n = connection == null ? -1 : connection;
        if (connection != null && connection >= tracker.connectionCount()) {
            err.println("mptcp-inspect counters: no MPTCP connection " + connection + " in " + path + " (it has "
                    + tracker.connectionCount() + ")");
            return Main.FAILED;
        }
        List<HostCounters> reports = host.isEmpty() ? tracker.hosts(n) : List.of(tracker.host(host, n));
        int partial = tracker.partialConnections(n);
        if (partial > 0) {
            err.println("mptcp-inspect counters: " + partial + " of " + (connection == null ? tracker.connectionCount() : 1)
                    + " MPTCP connections started before the capture (no MP_CAPABLE SYN): not counted for them: "
                    + names(PartialRule::needsConnectionStart));
        }
        int partialSubflows = tracker.partialSubflows(n);
        if (partialSubflows > 0) {
            err.println("mptcp-inspect counters: " + partialSubflows + (partialSubflows == 1 ? " subflow" : " subflows")
                    + " started before the capture (no SYN;"
                    + " linked by DSN, or of those connections): not counted for them: "
                    + names(PartialRule::needsSubflowStart));
        }
        StringBuilder text = new StringBuilder();
        for (HostCounters report : reports) {
            if (json) {
                format.appendJson(text, report);
            } else {
                format.appendText(text, report, host.isEmpty());
            }
        }
        out.write(NstatFormat.bytes(text.toString()));
        out.flush();
        return status;
    }

    /** The reported counters a rule for partial connections or subflows leaves out, by kernel name. */
    private static String names(Predicate<PartialRule> leftOut) {
        StringJoiner names = new StringJoiner(", ", "", " (counters --explain says why)");
        for (MptcpCounter c : MptcpCounter.values()) {
            if (c.derivation().reported() && leftOut.test(c.partialRule())) {
                names.add(c.kernelName());
            }
        }
        return names.toString();
    }
}
