package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.mptcpinspect.dissector.fields.EkPacketWriter;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.GroupSet;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PdmlPacketWriter;
import org.mptcpinspect.dissector.fields.TcpFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldsOptions;
import org.mptcpinspect.dissector.fields.JsonPacketWriter;
import org.mptcpinspect.dissector.fields.Preferences;
import org.mptcpinspect.dissector.fields.TreePrinter;
import org.mptcpinspect.dissector.fields.ValueFormat;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;
import org.mptcpinspect.dissector.stats.Statistics;
import picocli.CommandLine.Option;

/**
 * tshark's output options, shared by every command that prints packets ({@code read},
 * {@code live}): -V, -O, -x, -P, -T, -e, -E, -Y, -q, -o, -n. A picocli mixin; {@link #pipeline}
 * checks them and builds the one {@link PacketPipeline} those commands run.
 */
final class OutputOptions {
    /** tshark's own message for -x with an output that cannot carry it. */
    static final String HEX_NEEDS_TEXT = "Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW"
            + " or EK JSON";

    /** tshark's own message for -e with an output that has no fields. */
    static final String FIELDS_NEED_FORMAT = "Output fields were specified with \"-e\", but \"-Tek, -Tfields, -Tjson"
            + " or -Tpdml\" was not specified.";

    /** tshark's -T formats. */
    enum Format {
        TEXT, FIELDS, JSON, JSONRAW, EK, PDML, PSML;

        /** The -T names, in tshark's words. */
        static final String NAMES = "text, fields, json, jsonraw, ek, pdml, psml";

        static Format of(String name) throws UsageException {
            for (Format f : values()) {
                if (f.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                    return f;
                }
            }
            throw new UsageException("invalid -T parameter \"" + name + "\"; it must be one of: " + NAMES);
        }

        /** Whether -x may go with it (tshark: text, JSON, JSONRAW, EK). */
        boolean carriesHex() {
            return this == TEXT || this == JSON || this == JSONRAW || this == EK;
        }

        /** Whether, without -e, it prints every item of the tree. */
        boolean showsTree() {
            return this == JSON || this == JSONRAW || this == EK || this == PDML;
        }
    }

    @Option(names = "-V", description = "Print the detail tree of each packet.")
    private boolean verbose;

    @Option(names = "-O", paramLabel = "PROTO[,PROTO...]", description = {
        "Print the detail tree like -V, but expand only these",
        "protocols (e.g. -O tcp or -O ip,tcp); the others show",
        "their top line alone. As in tshark, the last -O counts."})
    private List<String> onlyProtocols;

    @Option(names = "-x", description = {"Print a hex and ASCII dump of each packet (after",
        "its tree with -V; alone, only the dumps); with -T json",
        "or ek, each field's bytes as tshark's NAME_raw members."})
    private boolean hex;

    @Option(names = "-P", description = {"Print the summary lines even when -x, -V or",
        "(live) -w would leave them out."})
    private boolean printSummary;

    @Option(names = "-T", paramLabel = "FORMAT", description = {"Output format, as tshark's: text (default), fields,",
        "json, jsonraw (raw bytes only), ek (Elasticsearch",
        "bulk lines), pdml (XML tree) or psml (XML summary)."})
    private String formatName = "text";

    @Option(names = "-e", paramLabel = "FIELD", description = {"Field to print with -T fields, json, ek or pdml",
        "(repeatable)."})
    private List<String> fields = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION", description = {"Field output option (repeatable): header=y|n,",
        "separator=/t|/s|<char>, occurrence=f|l|a,", "aggregator=,|/s|<char>, quote=d|s|n"})
    private List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter: only packets that match are printed.")
    private String displayFilter;

    @Option(names = "-q", description = {"No summary lines (as tshark -q): the tree (-V, -O),",
        "fields, JSON, -x and -P still print."})
    private boolean quiet;

    /** tshark's -z statistics, given by the command (read's -z; live's -z also means nstat's zeros). */
    private List<String> statistics = new ArrayList<>();

    /** Nothing at all is printed per packet (live --counters: standard output carries the reports). */
    private boolean silent;

    @Option(names = "-o", paramLabel = "NAME:VALUE", description = {"Set a tshark preference (repeatable), TRUE or FALSE:",
        "mptcp.analyze_mptcp (default TRUE): the [MPTCP",
        "  analysis] subtree (mptcp.stream, subflows, ...);",
        "mptcp.analyze_mappings (default TRUE, tshark's",
        "  FALSE): mptcp.related_mapping, mptcp.dsn, ...;",
        "mptcp.intersubflows_retransmission (default TRUE,",
        "  tshark's FALSE): mptcp.reinjection_of and",
        "  mptcp.reinjected_in;",
        "mptcp.relative_sequence_numbers (default TRUE;",
        "  FALSE: 64-bit mptcp.ack and mptcp.dss.dsn,",
        "  no mptcp.dsn);",
        "tcp.relative_sequence_numbers (default TRUE; FALSE:",
        "  raw tcp.seq, tcp.ack, tcp.nxtseq, SACK edges)."})
    private List<String> preferences = new ArrayList<>();

    @Option(names = "-n", description = "Disable name resolution (tshark's -n). Only MAC addresses are ever resolved here"
        + " (Broadcast, IPv6mcast_16, \"name (address)\" labels); -n shows them as addresses.")
    private boolean noNameResolution;

    /** live -w: as in tshark, packets then get no summary lines unless -P asks for them. */
    private boolean writingFile;

    /** The capture file's name, as -T pdml names it ("" for a live capture). */
    private String captureFile = "";

    /** read -2 -R's read filter; null without one. */
    private String readFilter;

    /** The -z statistics to print after the packets (tshark's -z arguments). */
    void statistics(List<String> arguments) {
        statistics = new ArrayList<>(arguments);
    }

    /** read -2 -R: the first pass keeps only the frames this filter accepts. */
    void readFilter(String text) {
        readFilter = text;
    }

    /** Prints nothing per packet (standard output then carries something else, e.g. live --counters). */
    void silent() {
        silent = true;
    }

    /** Packets are also written to a file (live -w): no summary lines unless -P, as tshark. */
    void writingFile() {
        writingFile = true;
    }

    /** The packets come from this capture file (read), which -T pdml names. */
    void captureFile(String name) {
        captureFile = name;
    }

    /** The preferences -o and -n set. */
    private Preferences preferences() throws UsageException {
        Preferences p = apply(Preferences.DEFAULT, preferences, Preferences::with);
        return noNameResolution ? p.withoutNameResolution() : p;
    }

    /** {@code start} with each setting applied in turn; a setting {@code with} rejects is a usage error. */
    private static <T> T apply(T start, List<String> settings, BiFunction<T, String, T> with) throws UsageException {
        T value = start;
        for (String setting : settings) {
            try {
                value = with.apply(value, setting);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return value;
    }

    /**
     * Checks the options and builds the pipeline that prints packets to {@code out}.
     *
     * @throws UsageException unknown -T format or field, bad -E option, bad display filter, -e with an
     *                        output without fields, bad -o, -x with an output that cannot carry it
     */
    PacketPipeline pipeline(OutputStream out) throws UsageException {
        Format format = Format.of(formatName);
        if (format == Format.FIELDS && fields.isEmpty()) {
            throw new UsageException("-T fields needs at least one field given with -e");
        }
        if (!fields.isEmpty() && (format == Format.TEXT || format == Format.JSONRAW)) {
            throw new UsageException(FIELDS_NEED_FORMAT);
        }
        if (hex && !format.carriesHex()) {
            throw new UsageException(HEX_NEEDS_TEXT);
        }
        Preferences preferences = preferences();
        FieldsOptions options = apply(FieldsOptions.DEFAULT, fieldOptions, FieldsOptions::with);
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
        DisplayFilter read = compile(readFilter, registry);
        DisplayFilter filter = compile(displayFilter, registry);
        ValueFormat valueFormat = new ValueFormat();
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        boolean text = format == Format.TEXT;
        // tshark's text: the tree with -V or -O; summary lines with -P, or when neither the tree,
        // nor -x, nor a capture file (live -w) takes their place.
        boolean tree = text && !silent && (verbose || onlyProtocols != null);
        boolean summary = text && !silent && (printSummary || !quiet && !tree && !hex && !writingFile);
        FieldCollector collector = columns.isEmpty() ? null
                : new FieldCollector(columns, options, valueFormat, registry.idLimit());
        // As tshark, -P prints the summary columns, and then the layers only with -V or -O.
        boolean ekLayers = !printSummary || verbose || onlyProtocols != null;
        PacketOutput packets = silent ? packet -> { } : switch (format) {
            case FIELDS -> new FieldsOutput(collector, options.header(), buffered);
            // As tshark, -x adds nothing to the -e fields.
            case JSON -> new JsonOutput(new JsonPacketWriter(buffered, valueFormat, ZoneId.systemDefault(), hex, true),
                    collector);
            case JSONRAW -> new JsonOutput(new JsonPacketWriter(buffered, valueFormat, ZoneId.systemDefault(), true,
                    false), null);
            case EK -> new EkOutput(new EkPacketWriter(buffered, valueFormat, ZoneId.systemDefault(), hex), collector,
                    printSummary, ekLayers);
            case PDML -> new PdmlOutput(new PdmlPacketWriter(buffered, valueFormat), collector, valueFormat,
                    captureFile);
            // As tshark, -e adds nothing to the summary.
            case PSML -> new PsmlOutput(buffered);
            case TEXT -> new TextOutput(summary ? new SummaryOutput(buffered) : null,
                    tree ? new TreeOutput(new TreePrinter(valueFormat, !hex, expandedProtocols()), buffered) : null,
                    hex, buffered);
        };
        boolean[] groups = GroupSet.of(columns);
        boolean whole = !silent && format.showsTree() && columns.isEmpty();
        boolean someFields = !silent && !text;
        // The tree, summary lines and json of whole packets show everything; -T fields only what its
        // columns touch; a hex dump alone needs no analysis.
        boolean columnsShown = !silent && (format == Format.EK && printSummary || format == Format.PSML);
        // Any tree: jsonraw's ignores -e; ek -P alone has none.
        boolean treeShown = !silent && format.showsTree() && (columns.isEmpty() || format == Format.JSONRAW)
                && (format != Format.EK || ekLayers);
        // The MPTCP tracker: all of it for its fields; its connections' signals only for TCP's
        // duplicate ACKs (Info, tcp.analysis.*).
        boolean analysis = tree || treeShown || someFields && groups[MptcpAnalysisFields.GROUP.index()];
        boolean signals = summary || columnsShown || someFields && TcpFields.analysisWanted(columns::contains);
        boolean tcpAnalysis = tree || summary || columnsShown || whole
                || someFields && PacketEmitter.needsTcpAnalysis(g -> groups[g]);
        // The "[SEQ/ACK analysis]" items (acks_frame, bytes_in_flight, ...): trees, and fields that
        // show them; summary lines take their Info prefixes from the analysis flags alone.
        boolean seqAckItems = tree || treeShown || someFields && TcpFields.analysisWanted(columns::contains);
        PacketPipeline pipeline = new PacketPipeline(packets, buffered, filter, analysis, signals, tcpAnalysis,
                seqAckItems, preferences);
        pipeline.readFilter(read);
        if (!statistics.isEmpty()) {
            // tshark builds each packet's tree for -V, -O, fields, JSON and -Y (not for -R alone): some experts depend on it.
            boolean trees = tree || someFields || filter != null;
            try {
                pipeline.statistics(Statistics.parse(statistics, registry, trees));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return pipeline;
    }

    /** A display filter's text compiled, or null for none; one that does not compile is a usage error. */
    private static DisplayFilter compile(String text, FieldRegistry registry) throws UsageException {
        if (text == null) {
            return null;
        }
        try {
            return DisplayFilter.compile(text, registry);
        } catch (FilterException e) {
            throw new UsageException(e.describe());
        }
    }

    /** -O's protocols, or null for -V's whole tree. As in tshark, names no protocol has expand nothing. */
    private Set<String> expandedProtocols() {
        if (onlyProtocols == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : onlyProtocols.get(onlyProtocols.size() - 1).split(",")) {
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
