package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.fields.Expert.Severity;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TcpFields;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;
import org.mptcpinspect.dissector.filter.FilterMatcher;

/**
 * The statistics asked for with tshark's {@code -z} (repeatable), fed by one walk over the
 * capture. As tshark, they are printed after the packets, the last -z first.
 */
public final class Statistics {
    /** The -z arguments supported, as tshark lists them. */
    public static final List<String> NAMES = List.of("conv,eth", "conv,ip", "conv,ipv6", "conv,mptcp", "conv,tcp",
            "conv,udp", "endpoints,eth", "endpoints,ip", "endpoints,ipv6", "endpoints,mptcp", "endpoints,tcp",
            "endpoints,udp", "expert", "follow,tcp", "io,phs");

    /** A statistic that knows its construction but not yet whether tshark would build trees. */
    private interface Pending {
        /**
         * @param tree   whether tshark builds packet trees in this run
         * @param lowest the expert level of this run (see {@link #parse})
         */
        Statistic build(boolean tree, Severity lowest);
    }

    private final List<Statistic> statistics;
    private final boolean tcpAnalysis;
    private final boolean mptcpAnalysis;
    private final boolean seqAckItems;

    private Statistics(List<Statistic> statistics, boolean tcpAnalysis, boolean mptcpAnalysis, boolean seqAckItems) {
        this.statistics = statistics;
        this.tcpAnalysis = tcpAnalysis;
        this.mptcpAnalysis = mptcpAnalysis;
        this.seqAckItems = seqAckItems;
    }

    /**
     * Parses the -z arguments.
     *
     * @param outputTree whether the output itself makes tshark build each packet's tree (-V, -O,
     *                   -T fields/json, -Y): it decides which experts exist
     * @throws IllegalArgumentException with tshark's one-line message for an argument it does not
     *                                  know or a filter that does not compile
     */
    public static Statistics parse(List<String> arguments, FieldRegistry registry, boolean outputTree) {
        List<Pending> pending = new ArrayList<>();
        // tshark keeps one expert level per run: the last -z expert that names a level sets it
        // for every -z expert (tap-expert's lowest_report_level is a global).
        Severity lowest = Severity.COMMENT;
        boolean tree = outputTree;
        boolean tcp = false;
        boolean mptcp = false;
        boolean seqAck = false;
        for (String argument : arguments) {
            Parsed p = parseOne(argument, registry);
            pending.add(p.pending);
            if (p.level != null) {
                lowest = p.level;
            }
            tree |= p.filter != null;
            tcp |= p.tcp || p.filter != null;
            mptcp |= p.mptcp;
            // A filter testing tcp.analysis.* needs those items, and the tracker for the duplicate-ACK rule.
            boolean filterWantsSeqAck = p.filter != null && !p.filter.isBlank()
                    && TcpFields.analysisWanted(matcher(p.filter, registry)::wants);
            seqAck |= p.seqAck || filterWantsSeqAck;
            mptcp |= filterWantsSeqAck;
        }
        List<Statistic> built = new ArrayList<>();
        for (Pending p : pending) {
            built.add(p.build(tree, lowest));
        }
        return new Statistics(List.copyOf(built), tcp || mptcp || seqAck, mptcp, seqAck);
    }

    /** A (valid) filter's matcher, which tells the fields it tests. */
    private static FilterMatcher matcher(String filter, FieldRegistry registry) {
        try {
            return DisplayFilter.compile(filter, registry).newMatcher();
        } catch (FilterException e) {
            throw new IllegalStateException(e); // compiled once already
        }
    }

    /** Whether a (valid) filter tests MPTCP analysis fields, which only the tracker gives. */
    private static boolean wantsMptcpAnalysis(String filter, FieldRegistry registry) {
        return matcher(filter, registry).wantsGroup(MptcpAnalysisFields.GROUP.index());
    }

    /**
     * @param filter the statistic's display filter, or null; non-null (possibly empty) means
     *               tshark builds packet trees for it
     */
    /** @param seqAck whether the statistic shows the "[SEQ/ACK analysis]" items or their experts */
    private record Parsed(Pending pending, String filter, boolean tcp, boolean mptcp, boolean seqAck, Severity level) {
        Parsed(Pending pending, String filter, boolean tcp, boolean mptcp) {
            this(pending, filter, tcp, mptcp, false, null);
        }
    }

    private static Parsed parseOne(String argument, FieldRegistry registry) {
        if (argument.startsWith("expert")) {
            String rest = argument.substring("expert".length());
            Severity lowest = null;
            String[][] levels = {{",error", "ERROR"}, {",warn", "WARNING"}, {",note", "NOTE"}, {",chat", "CHAT"},
                {",comment", "COMMENT"}};
            for (String[] level : levels) {
                if (rest.regionMatches(true, 0, level[0], 0, level[0].length())) {
                    lowest = Severity.valueOf(level[1]);
                    rest = rest.substring(level[0].length());
                    break;
                }
            }
            String filterText = rest.startsWith(",") ? rest.substring(1) : null;
            if (!rest.isEmpty() && filterText == null) {
                throw invalid(argument);
            }
            TapFilter filter = filter(filterText, registry, "Expert tap error (", ")!");
            return new Parsed((tree, level) -> new ExpertStatistic(level, filter, tree), filterText, true, true, true,
                    lowest);
        }
        if (argument.equals("io,phs") || argument.startsWith("io,phs,")) {
            String filterText = argument.length() > "io,phs,".length() ? argument.substring("io,phs,".length()) : null;
            TapFilter filter = filter(filterText, registry, "Couldn't register io,phs tap: ", "");
            // The protocol hierarchy needs each packet's tree: tshark builds trees whenever it runs.
            return new Parsed((tree, level) -> new ProtocolHierarchyStatistic(filterText, filter),
                    filterText == null ? "" : filterText, true, false);
        }
        if (argument.startsWith("io,phs")) {
            throw new IllegalArgumentException("invalid \"-z io,phs[,<filter>]\" argument");
        }
        if (argument.startsWith("follow,tcp,")) {
            return follow(argument.substring("follow,tcp".length()));
        }
        for (String table : new String[] {"conv,", "endpoints,"}) {
            if (!argument.startsWith(table)) {
                continue;
            }
            String rest = argument.substring(table.length());
            int comma = rest.indexOf(',');
            String type = comma < 0 ? rest : rest.substring(0, comma);
            String filterText = comma < 0 ? null : rest.substring(comma + 1);
            Addresses.Kind kind = switch (type) {
                case "eth" -> Addresses.Kind.ETH;
                case "ip" -> Addresses.Kind.IP;
                case "ipv6" -> Addresses.Kind.IPV6;
                case "tcp" -> Addresses.Kind.TCP;
                case "udp" -> Addresses.Kind.UDP;
                case "mptcp" -> Addresses.Kind.MPTCP;
                default -> throw invalid(argument);
            };
            boolean conv = table.equals("conv,");
            TapFilter filter = filter(filterText, registry,
                    conv ? "Couldn't register conversations tap: " : "Couldn't register endpoint tap: ", "");
            boolean mptcp = kind == Addresses.Kind.MPTCP
                    || filterText != null && wantsMptcpAnalysis(filterText, registry);
            Pending p = conv ? (tree, level) -> new ConversationStatistic(kind, filter)
                    : (tree, level) -> new EndpointStatistic(kind, filter);
            return new Parsed(p, filterText, kind == Addresses.Kind.TCP, mptcp);
        }
        throw invalid(argument);
    }

    /** follow,tcp's ",MODE,STREAM[,FIRST[-LAST]]", with tap-follow's messages. */
    private static Parsed follow(String rest) {
        FollowStatistic.Mode mode = null;
        for (FollowStatistic.Mode m : FollowStatistic.Mode.values()) {
            String name = "," + m.name().toLowerCase(java.util.Locale.ROOT);
            if (rest.startsWith(name)) {
                mode = m;
                rest = rest.substring(name.length());
                break;
            }
        }
        if (mode == null) {
            throw new IllegalArgumentException("follow - Invalid display mode.");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(",(\\d+)(?:,(\\d+)(?:-(\\d+))?)?").matcher(rest);
        if (!m.matches()) {
            // tshark also takes ",ADDR:PORT,ADDR:PORT"; here only the stream index.
            throw new IllegalArgumentException(rest.matches(",\\d+(,.*)?") ? "follow - Invalid range."
                    : "follow - Invalid address (only a tcp.stream index is supported here).");
        }
        int stream = Integer.parseInt(m.group(1));
        long first = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        long last = m.group(2) == null ? 0xffffffffL : m.group(3) == null ? first : Long.parseLong(m.group(3));
        if (first < 1 || first > last) {
            throw new IllegalArgumentException("follow - Invalid range value.");
        }
        FollowStatistic.Mode shown = mode;
        // Following is a filtered tap ("tcp.stream eq N"): tshark then builds trees.
        return new Parsed((tree, level) -> new FollowStatistic(shown, stream, first, last), "tcp.stream eq " + stream, true,
                false);
    }

    private static IllegalArgumentException invalid(String argument) {
        return new IllegalArgumentException("Invalid -z argument \"" + argument + "\"; it must be one of: "
                + String.join(", ", NAMES));
    }

    private static TapFilter filter(String text, FieldRegistry registry, String prefix, String suffix) {
        if (text == null) {
            return new TapFilter(null, null);
        }
        try {
            return new TapFilter(text, DisplayFilter.compile(text, registry));
        } catch (FilterException e) {
            throw new IllegalArgumentException(prefix + "Filter \"" + text + "\" is invalid - " + e.getMessage()
                    + suffix);
        }
    }

    /** Whether TCP conversations must be followed for these statistics (tcp.stream, sequence analysis). */
    public boolean needsTcpAnalysis() {
        return tcpAnalysis;
    }

    /** Whether TCP's "[SEQ/ACK analysis]" items must be computed (the expert info, filters testing them). */
    public boolean needsSeqAckItems() {
        return seqAckItems;
    }

    /** Whether the MPTCP tracker must run (its experts, MPTCP conversations). */
    public boolean needsMptcpAnalysis() {
        return mptcpAnalysis;
    }

    public boolean isEmpty() {
        return statistics.isEmpty();
    }

    /** Feeds the current frame to every statistic. */
    public void packet(PacketEmitter packet) {
        for (Statistic s : statistics) {
            s.packet(packet);
        }
    }

    /** The statistics' text, the last -z first (tshark draws its newest tap listener first). */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (int i = statistics.size() - 1; i >= 0; i--) {
            statistics.get(i).write(out);
        }
        return out.toString();
    }
}
