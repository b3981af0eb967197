package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.ReadAheadReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldsOptions;
import org.mptcpinspect.dissector.fields.JsonPacketWriter;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TreePrinter;
import org.mptcpinspect.dissector.fields.ValueFormat;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;
import org.mptcpinspect.dissector.filter.FilterMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect read}: dissects a capture file with tshark's options and output formats. */
@Command(name = "read", versionProvider = Main.Version.class,
        description = {"Dissects a capture file (pcap or pcapng; \"-\" reads standard input)",
            "like tshark -r: one summary line per packet, the detail tree (-V),",
            "fields (-T fields -e ...) or JSON (-T json)."},
        sortOptions = false)
final class ReadCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final PrintStream err;

    // Not the standard help mixin: its -V (version) would clash with tshark's -V (details).
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    private boolean version;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Capture file to read (or use -r).")
    private String file;

    @Option(names = "-r", paramLabel = "FILE", description = "Capture file to read (tshark's spelling).")
    private String readFile;

    @Option(names = "-V", description = "Print the detail tree of each packet.")
    private boolean verbose;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output format: text (default), fields, json.")
    private String format = "text";

    @Option(names = "-e", paramLabel = "FIELD", description = "Field to print with -T fields or -T json (repeatable).")
    private List<String> fields = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION", description = {"Field output option (repeatable):",
        "header=y|n, separator=/t|/s|<char>, occurrence=f|l|a, aggregator=,|/s|<char>, quote=d|s|n"})
    private List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter: only packets that match are printed.")
    private String displayFilter;

    @Option(names = "-c", paramLabel = "N", description = "Read at most N packets.")
    private Long count;

    ReadCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    private int usage(String message) {
        err.println("mptcp-inspect read: " + message);
        return Main.USAGE;
    }

    @Override
    public Integer call() {
        String path = file != null ? file : readFile;
        if (file != null && readFile != null && !file.equals(readFile)) {
            return usage("two capture files given (" + readFile + " and " + file + "); read one at a time");
        }
        if (path == null) {
            return usage("no capture file given: use read FILE or read -r FILE");
        }
        if (!format.equals("text") && !format.equals("fields") && !format.equals("json")) {
            return usage("invalid -T format \"" + format + "\" (use text, fields or json)");
        }
        if (format.equals("fields") && fields.isEmpty()) {
            return usage("-T fields needs at least one field given with -e");
        }
        if (!fields.isEmpty() && format.equals("text")) {
            return usage("fields given with -e, but -T fields or -T json was not given");
        }
        if (count != null && count < 0) {
            return usage("-c needs a number of packets >= 0, not " + count);
        }
        FieldsOptions options = FieldsOptions.DEFAULT;
        for (String option : fieldOptions) {
            try {
                options = options.with(option);
            } catch (IllegalArgumentException e) {
                return usage(e.getMessage());
            }
        }
        FieldRegistry registry = FieldRegistry.standard();
        List<Field> columns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : fields) {
            Field f = registry.lookup(name);
            if (f == null) {
                unknown.add(name);
            } else {
                columns.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            return usage("some fields aren't valid: " + String.join(", ", unknown));
        }
        DisplayFilter filter = null;
        if (displayFilter != null) {
            try {
                filter = DisplayFilter.compile(displayFilter, registry);
            } catch (FilterException e) {
                err.println("mptcp-inspect read: " + e.describe());
                return Main.USAGE;
            }
        }
        PcapFileReader reader;
        try {
            reader = CaptureFiles.open(path);
        } catch (CaptureException e) {
            err.println("mptcp-inspect: " + e.getMessage());
            return Main.FAILED;
        }
        BufferedOutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        ValueFormat valueFormat = new ValueFormat();
        PacketOutput output = switch (format) {
            case "fields" -> new FieldsOutput(new FieldCollector(columns, options, valueFormat, registry.idLimit()),
                    options.header(), out);
            case "json" -> new JsonOutput(new JsonPacketWriter(out, valueFormat, ZoneId.systemDefault()),
                    columns.isEmpty() ? null : new FieldCollector(columns, options, valueFormat, registry.idLimit()));
            default -> verbose ? new TreeOutput(new TreePrinter(valueFormat), out) : new SummaryOutput(out);
        };
        try (ReadAheadReader ahead = new ReadAheadReader(reader)) {
            return dissect(ahead, reader.format() == CaptureFormat.PCAPNG, filter, output, out);
        } catch (IOException e) {
            // A closed pipe (e.g. "| head") just ends the output.
            String m = e.getMessage();
            if (m == null || !m.contains("Broken pipe")) {
                err.println("mptcp-inspect: cannot write the output: " + Main.oneLine(e));
            }
            return Main.FAILED;
        }
    }

    private int dissect(ReadAheadReader reader, boolean hasInterfaceIds, DisplayFilter filter, PacketOutput output,
            OutputStream out) throws IOException {
        PacketEmitter packets = new PacketEmitter(hasInterfaceIds);
        FilterMatcher matcher = filter == null ? null : filter.newMatcher();
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.stderrIsTerminal());
        output.start();
        int status = Main.OK;
        try {
            long limit = count == null ? Long.MAX_VALUE : count;
            RawFrame frame;
            while (reader.framesRead() < limit && (frame = reader.next()) != null) {
                progress.update(frame.number());
                packets.next(frame);
                if (matcher == null) {
                    output.packet(packets);
                } else if (!output.packet(packets, matcher)) {
                    continue;
                }
                packets.displayed();
            }
        } catch (CaptureException e) {
            status = Main.FAILED;
            output.finish();
            out.flush();
            progress.done();
            err.println("mptcp-inspect: " + e.getMessage());
            return status;
        }
        output.finish();
        out.flush();
        progress.done();
        return status;
    }
}
