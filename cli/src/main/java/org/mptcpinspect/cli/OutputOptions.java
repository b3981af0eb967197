package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.GroupSet;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldsOptions;
import org.mptcpinspect.dissector.fields.JsonPacketWriter;
import org.mptcpinspect.dissector.fields.TreePrinter;
import org.mptcpinspect.dissector.fields.ValueFormat;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;
import picocli.CommandLine.Option;

/**
 * tshark's output options, shared by every command that prints packets ({@code read},
 * {@code live}): -V, -T, -e, -E, -Y, -q. A picocli mixin; {@link #pipeline} checks them and builds
 * the one {@link PacketPipeline} those commands run.
 */
final class OutputOptions {

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

    @Option(names = "-q", description = "Print no packets (e.g. live -w with only the summary).")
    private boolean quiet;

    /**
     * Checks the options and builds the pipeline that prints packets to {@code out}.
     *
     * @throws UsageException unknown field, bad -E option, bad display filter, -e without -T
     */
    /** Prints no packets, as -q (standard output then carries something else, e.g. live --counters). */
    void quiet() {
        quiet = true;
    }

    PacketPipeline pipeline(OutputStream out) throws UsageException {
        if (!format.equals("text") && !format.equals("fields") && !format.equals("json")) {
            throw new UsageException("invalid -T format \"" + format + "\" (use text, fields or json)");
        }
        if (format.equals("fields") && fields.isEmpty()) {
            throw new UsageException("-T fields needs at least one field given with -e");
        }
        if (!fields.isEmpty() && format.equals("text")) {
            throw new UsageException("fields given with -e, but -T fields or -T json was not given");
        }
        FieldsOptions options = FieldsOptions.DEFAULT;
        for (String option : fieldOptions) {
            try {
                options = options.with(option);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
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
            throw new UsageException("some fields aren't valid: " + String.join(", ", unknown));
        }
        DisplayFilter filter = null;
        if (displayFilter != null) {
            try {
                filter = DisplayFilter.compile(displayFilter, registry);
            } catch (FilterException e) {
                throw new UsageException(e.describe());
            }
        }
        ValueFormat valueFormat = new ValueFormat();
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        PacketOutput packets = quiet ? packet -> { } : switch (format) {
            case "fields" -> new FieldsOutput(new FieldCollector(columns, options, valueFormat, registry.idLimit()),
                    options.header(), buffered);
            case "json" -> new JsonOutput(new JsonPacketWriter(buffered, valueFormat, ZoneId.systemDefault()),
                    columns.isEmpty() ? null : new FieldCollector(columns, options, valueFormat, registry.idLimit()));
            default -> verbose ? new TreeOutput(new TreePrinter(valueFormat), buffered)
                    : new SummaryOutput(buffered);
        };
        boolean[] groups = GroupSet.of(columns);
        boolean analysis = !quiet && (verbose || format.equals("json") && columns.isEmpty()
                || !format.equals("text") && groups[MptcpAnalysisFields.GROUP.index()]);
        // Text, -V and json of whole packets show everything; -T fields only what its columns touch.
        boolean tcpAnalysis = !quiet && (!format.equals("fields") && (format.equals("text") || columns.isEmpty())
                || PacketEmitter.needsTcpAnalysis(g -> groups[g]));
        return new PacketPipeline(packets, buffered, filter, analysis, tcpAnalysis);
    }
}
