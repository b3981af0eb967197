package org.mptcpinspect.dissector.fields;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Set;

/**
 * Prints the dissection tree like tshark -V: one line per item, four spaces of indentation per
 * level, generated items in [brackets], hidden items (e.g. ip.addr) left out, a hex dump under
 * "Data", and an empty line after each packet. Like tshark -O, it can show only some protocols'
 * subtrees.
 */
public final class TreePrinter implements WholeTreeSink {
    private final TreeLabels labels;
    private final TextBuffer out = new TextBuffer(4096);
    /** Whether "Data" gets its hex dump (tshark leaves it out when -x dumps the whole packet). */
    private final boolean dumpData;
    /** The protocols (abbreviations) whose subtrees are shown, as tshark -O; null for all. */
    private final Set<String> expanded;

    private String pending;
    /** The pending item's field abbreviation ("text" for text-only items, as Wireshark's). */
    private String pendingAbbrev;
    private boolean pendingGenerated;
    private boolean pendingHidden;
    private int pendingDumpFrom = -1;
    private int pendingDumpTo;
    private byte[] dumpSource;

    private int depth;
    private boolean[] hiddenAt = new boolean[16];

    public TreePrinter(ValueFormat format) {
        this(format, true, null);
    }

    /**
     * @param dumpData whether "Data" items get a hex dump under them (tshark -V; not with -x, which
     *                 dumps the whole packet, when "Data" shows its children instead)
     * @param expanded the protocols whose subtrees are shown (tshark -O: the top-level items with
     *                 these abbreviations; every other top-level item is its line alone), or null
     *                 for every subtree
     */
    public TreePrinter(ValueFormat format, boolean dumpData, Set<String> expanded) {
        this.labels = new TreeLabels(format);
        this.dumpData = dumpData;
        this.expanded = expanded == null ? null : Set.copyOf(expanded);
    }

    /** Starts a packet. */
    public void begin() {
        out.clear();
        depth = 0;
        pending = null;
        hiddenAt[0] = false;
    }

    /** Ends the packet and writes its lines followed by an empty line. */
    public void end(OutputStream stream) throws IOException {
        flush();
        out.append('\n');
        out.writeTo(stream);
    }

    private void item(String abbrev, String label, boolean generated, boolean hidden) {
        flush();
        pending = label;
        pendingAbbrev = abbrev;
        pendingGenerated = generated;
        pendingHidden = hidden;
    }

    private void item(Field field, String label) {
        item(field.abbrev(), label, field.generated(), field.hidden());
    }

    /** Whether the pending item is a top-level item that -O shows as its line alone. */
    private boolean pendingCollapsed() {
        return expanded != null && depth == 0 && !expanded.contains(pendingAbbrev);
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        if (!pendingHidden && !hiddenAt[depth]) {
            for (int i = 0; i < depth; i++) {
                out.append("    ");
            }
            if (pendingGenerated) {
                out.append('[').append(pending).append(']');
            } else {
                out.append(pending);
            }
            out.append('\n');
            if (pendingDumpFrom >= 0 && !pendingCollapsed()) {
                out.append('\n');
                HexDump.append(out, dumpSource, pendingDumpFrom, pendingDumpTo);
            }
        }
        pending = null;
        pendingDumpFrom = -1;
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        item(field, field.name());
    }

    @Override
    public void none(Field field, int offset, int length) {
        item(field, field.name());
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        item(field, labels.uint(field, value));
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        item(field, labels.sint(field, value));
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        item(field, labels.bool(field, value));
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        item(field, labels.bytes(field, src, from, to));
        if (field.payload() && to > from && dumpData) {
            // tshark -V prints the bytes of "Data" as a hex dump under its line.
            pendingDumpFrom = from;
            pendingDumpTo = to;
            dumpSource = src;
        }
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        item(field, labels.ipv4(field, address));
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        item(field, labels.ipv6(field, frame, offset));
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        item(field, labels.ether(field, frame, offset));
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        item(field, labels.string(field, value));
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        item(field, labels.time(field, nanos));
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        item(field, labels.dbl(field, value));
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        item("text", label, generated, false);
    }

    @Override
    public void label(String label) {
        if (pending != null) {
            pending = label;
        }
    }

    @Override
    public void appendText(String text) {
        if (pending != null) {
            pending = pending + text;
        }
    }

    @Override
    public void generated() {
        pendingGenerated = true;
    }

    @Override
    public void hide() {
        pendingHidden = true;
    }

    @Override
    public void open() {
        boolean hidden = hiddenAt[depth] || (pending != null && (pendingHidden || pendingCollapsed()));
        flush();
        depth++;
        if (depth == hiddenAt.length) {
            hiddenAt = Arrays.copyOf(hiddenAt, depth * 2);
        }
        hiddenAt[depth] = hidden;
    }

    @Override
    public void close() {
        flush();
        if (depth > 0) {
            depth--;
        }
    }
}
