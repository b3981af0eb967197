package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.fields.Expert;
import org.mptcpinspect.dissector.fields.Expert.Group;
import org.mptcpinspect.dissector.fields.Expert.Severity;
import org.mptcpinspect.dissector.fields.ExpertFields;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.MptcpFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TcpFields;

/**
 * {@code -z expert[,error|warn|note|chat|comment][,FILTER]}: tshark's tap-expert. Every expert
 * info of every frame is counted by severity, protocol and summary; each severity lists its
 * kinds in the order they first appeared, most severe first.
 *
 * <p>Sources, in tshark's order within a frame: the packet's tree (TCP flags, options, MPTCP
 * options), D-SACK (which our tree does not show), then the "[SEQ/ACK analysis]" subtree's
 * experts, then the "[MPTCP analysis]" subtree's.
 */
public final class ExpertStatistic implements Statistic {
    /** All our experts are raised inside the TCP dissector, whose short name tshark reports. */
    private static final String PROTOCOL = "TCP";
    private static final String[] TITLES = {"Comments", "Chats", "Notes", "Warns", "Errors"};

    private record Kind(Group group, String protocol, String summary) {
    }

    /** An expert info the tree raised in the current frame. */
    private record Raised(Severity severity, Group group, String summary) {
    }

    private static final class Entry {
        final Kind kind;
        int frequency;

        Entry(Kind kind) {
            this.kind = kind;
        }
    }

    private final Severity lowest;
    private final TapFilter filter;
    private final boolean tree;
    /** Per severity (Severity.ordinal()), the kinds in order of first appearance. */
    private final List<List<Entry>> bySeverity = new ArrayList<>();
    private final Collector collector = new Collector();

    /**
     * @param lowest the lowest severity counted (tshark's level argument)
     * @param tree   whether tshark would build the packet tree in this run (a display filter, -V,
     *               -T fields, ...): some experts exist only in the tree ("4 NOP in a row")
     */
    ExpertStatistic(Severity lowest, TapFilter filter, boolean tree) {
        this.lowest = lowest;
        this.filter = filter;
        this.tree = tree;
        for (int i = 0; i < Severity.values().length; i++) {
            bySeverity.add(new ArrayList<>());
        }
    }

    @Override
    public void packet(PacketEmitter packet) {
        if (!filter.matches(packet)) {
            return;
        }
        collector.reset();
        packet.emit(collector);
        for (Raised e : collector.before) {
            count(e.severity(), e.group(), e.summary());
        }
        TcpHeader tcp = packet.packet().tcp();
        if (tcp != null && dsack(tcp)) {
            count(Severity.WARNING, Group.SEQUENCE, "D-SACK Sequence");
        }
        for (Raised e : collector.sequence) {
            count(e.severity(), e.group(), e.summary());
        }
        for (Raised e : collector.after) {
            count(e.severity(), e.group(), e.summary());
        }
    }

    /** RFC 2883's D-SACK: a first block below the cumulative ACK, or inside the second block. */
    private static boolean dsack(TcpHeader tcp) {
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.Sack sack && !sack.blocks().isEmpty()) {
                TcpOption.SackBlock first = sack.blocks().get(0);
                if (tcp.ack() && (int) (first.leftEdge() - tcp.acknowledgmentNumber()) < 0) {
                    return true;
                }
                if (sack.blocks().size() > 1) {
                    TcpOption.SackBlock second = sack.blocks().get(1);
                    return (int) (first.leftEdge() - second.leftEdge()) >= 0
                            && (int) (second.rightEdge() - first.rightEdge()) >= 0;
                }
                return false;
            }
        }
        return false;
    }

    private void count(Severity severity, Group group, String summary) {
        if (severity.ordinal() < lowest.ordinal()) {
            return;
        }
        List<Entry> entries = bySeverity.get(severity.ordinal());
        for (Entry e : entries) {
            // tshark matches protocol and summary; the group is the first one's.
            if (e.kind.protocol.equals(PROTOCOL) && e.kind.summary.equals(summary)) {
                e.frequency++;
                return;
            }
        }
        Entry e = new Entry(new Kind(group, PROTOCOL, summary));
        e.frequency = 1;
        entries.add(e);
    }

    @Override
    public void write(StringBuilder out) {
        for (int s = Severity.values().length - 1; s >= 0; s--) {
            List<Entry> entries = bySeverity.get(s);
            if (entries.isEmpty()) {
                continue;
            }
            int total = 0;
            for (Entry e : entries) {
                total += e.frequency;
            }
            out.append('\n').append(TITLES[s]).append(" (").append(total).append(")\n");
            out.append("=============\n");
            out.append("   Frequency      Group           Protocol  Summary\n");
            for (Entry e : entries) {
                Printf.right(out, Integer.toString(e.frequency), 12).append(' ');
                Printf.right(out, e.kind.group.label(), 10).append(' ');
                Printf.right(out, e.kind.protocol, 18).append("  ").append(e.kind.summary).append('\n');
            }
        }
    }

    /**
     * Takes the expert infos of a frame's tree and nothing else, apart by subtree: those of
     * "[SEQ/ACK analysis]" and of "[MPTCP analysis]" (tshark raises D-SACK's before both).
     */
    private final class Collector extends StructureSink {
        final List<Raised> before = new ArrayList<>();
        final List<Raised> sequence = new ArrayList<>();
        final List<Raised> after = new ArrayList<>();
        /** Open items, and the depth at which the "[MPTCP analysis]" subtree started (-1: not yet). */
        private int depth;
        private int analysisDepth;
        private boolean inAnalysis;
        /** Where the experts of the analysis subtree being walked go. */
        private List<Raised> analysis = after;

        void reset() {
            before.clear();
            sequence.clear();
            after.clear();
            depth = 0;
            analysisDepth = -1;
            inAnalysis = false;
        }

        @Override
        public boolean wants(Field field) {
            return field == MptcpAnalysisFields.ANALYSIS;
        }

        @Override
        public boolean wantsGroup(int groupIndex) {
            return groupIndex == TcpFields.GROUP.index() || groupIndex == MptcpFields.GROUP.index()
                    || groupIndex == MptcpAnalysisFields.GROUP.index() || groupIndex == ExpertFields.GROUP.index();
        }

        @Override
        public boolean wantsExpert(Expert expert) {
            // tshark raises "4 NOP in a row" only while it builds a tree.
            return tree || expert != TcpFields.EXPERT_NOP;
        }

        @Override
        public void expert(Expert expert, String message, int offset, int length) {
            (inAnalysis ? analysis : before).add(new Raised(expert.severity(), expert.group(), message));
        }

        @Override
        public void none(Field field, int offset, int length) {
            if (field == MptcpAnalysisFields.ANALYSIS || field == TcpFields.ANALYSIS) {
                analysisDepth = depth;
                analysis = field == TcpFields.ANALYSIS ? sequence : after;
            }
        }

        @Override
        public void open() {
            depth++;
            inAnalysis |= analysisDepth == depth - 1;
        }

        @Override
        public void close() {
            depth--;
            if (depth == analysisDepth) {
                inAnalysis = false;
                analysisDepth = -1;
            }
        }

    }
}
