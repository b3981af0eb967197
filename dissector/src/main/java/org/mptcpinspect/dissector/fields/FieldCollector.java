package org.mptcpinspect.dissector.fields;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the values of the requested fields (tshark's -e) for one packet at a time, formatted
 * as tshark -T fields prints them, and writes them as one row. Values are formatted straight
 * into per-field byte buffers, so a packet costs no allocation.
 */
public final class FieldCollector implements FieldSink {
    private final List<Field> columns;
    private final FieldsOptions options;
    private final ValueFormat format;
    /** Field id -> slot, -1 when not requested. */
    private final int[] slotOf;
    /** Column -> slot (a field requested twice shares one slot). */
    private final int[] columnSlot;
    private final TextBuffer[] values;
    /** Per slot: start offsets of its occurrences in {@link #values}, then the end. */
    private final int[][] starts;
    private final int[] counts;
    private final boolean wantsText;
    private final boolean[] groups;
    private final TextBuffer row = new TextBuffer(512);
    private int lastSlot = -1;
    /** Whether the last item was added by {@link #protocol}: only those take their label as value. */
    private boolean lastIsLabelled;

    public FieldCollector(List<Field> columns, FieldsOptions options, ValueFormat format, int idLimit) {
        this.columns = List.copyOf(columns);
        this.options = options;
        this.format = format;
        slotOf = new int[idLimit];
        Arrays.fill(slotOf, -1);
        columnSlot = new int[columns.size()];
        int slots = 0;
        boolean text = false;
        for (int c = 0; c < columns.size(); c++) {
            Field f = columns.get(c);
            if (slotOf[f.id()] < 0) {
                slotOf[f.id()] = slots++;
            }
            columnSlot[c] = slotOf[f.id()];
            text |= f.type() == FieldType.PROTOCOL;
        }
        wantsText = text;
        groups = GroupSet.of(columns);
        values = new TextBuffer[slots];
        starts = new int[slots][];
        counts = new int[slots];
        for (int s = 0; s < slots; s++) {
            values[s] = new TextBuffer(32);
            starts[s] = new int[4];
        }
    }

    public List<Field> columns() {
        return columns;
    }

    /** Forgets the previous packet's values; call before emitting each packet. */
    public void reset() {
        for (int s = 0; s < values.length; s++) {
            values[s].clear();
            counts[s] = 0;
        }
        lastSlot = -1;
    }

    /** Number of values of a column in the current packet (after -E occurrence applied). */
    public int occurrences(int column) {
        return counts[columnSlot[column]];
    }

    /** One value of a column, as text. */
    public String value(int column, int occurrence) {
        int s = columnSlot[column];
        return values[s].toString(starts[s][occurrence], end(s, occurrence));
    }

    private int end(int slot, int occurrence) {
        return occurrence + 1 < counts[slot] ? starts[slot][occurrence + 1] : values[slot].size();
    }

    /** The -E header=y line. */
    public void writeHeader(OutputStream out) throws IOException {
        TextBuffer line = new TextBuffer();
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                line.append(options.separator());
            }
            line.append(columns.get(c).abbrev());
        }
        line.append('\n');
        line.writeTo(out);
    }

    /** Writes the current packet's row, newline-terminated (one write call per row). */
    public void writeRow(OutputStream out) throws IOException {
        TextBuffer line = row;
        line.clear();
        for (int c = 0; c < columnSlot.length; c++) {
            if (c > 0) {
                line.append(options.separator());
            }
            int s = columnSlot[c];
            int n = counts[s];
            if (n == 0) {
                continue;
            }
            if (options.quote() != 0) {
                line.append(options.quote());
            }
            TextBuffer v = values[s];
            if (n == 1) {
                line.append(v, 0, v.size());
            } else {
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        line.append(options.aggregator());
                    }
                    line.append(v, starts[s][i], end(s, i));
                }
            }
            if (options.quote() != 0) {
                line.append(options.quote());
            }
        }
        line.append('\n');
        line.writeTo(out);
    }

    @Override
    public boolean wants(Field field) {
        return slotOf[field.id()] >= 0;
    }

    @Override
    public boolean wantsText() {
        return wantsText;
    }

    @Override
    public boolean wantsGroup(int groupIndex) {
        return groups[groupIndex];
    }

    /** Starts an occurrence of the field; returns the buffer to format into, or null to skip it. */
    private TextBuffer begin(Field field) {
        int s = slotOf[field.id()];
        lastSlot = s;
        lastIsLabelled = false;
        if (s < 0) {
            return null;
        }
        TextBuffer v = values[s];
        switch (options.occurrence()) {
            case FIRST -> {
                if (counts[s] > 0) {
                    lastSlot = -1;
                    return null;
                }
            }
            case LAST -> {
                v.clear();
                counts[s] = 0;
            }
            case ALL -> {
            }
        }
        int n = counts[s];
        if (n == starts[s].length) {
            starts[s] = Arrays.copyOf(starts[s], n * 2);
        }
        starts[s][n] = v.size();
        counts[s] = n + 1;
        return v;
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            v.append(field.abbrev());
            lastIsLabelled = true;
        }
    }

    @Override
    public void none(Field field, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            v.append('1');
        }
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.uint(v, field, value);
        }
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.sint(v, field, value);
        }
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.bool(v, value);
        }
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        TextBuffer v = begin(field);
        if (v != null) {
            if (from == to && field.type() == FieldType.BYTES) {
                v.append("<MISSING>");  // tshark's text for a bytes field the capture holds nothing of
            } else {
                format.bytes(v, src, from, to, (char) 0);
            }
        }
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.ipv4(v, address);
        }
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.ipv6(v, frame, offset);
        }
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.ether(v, frame, offset);
        }
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            appendEscaped(v, value);
        }
    }

    /** tshark escapes control characters in -T fields values (print_escaped_csv). */
    private static void appendEscaped(TextBuffer v, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                v.append(value.substring(0, i));
                for (int j = i; j < value.length(); j++) {
                    char d = value.charAt(j);
                    switch (d) {
                        case '\b' -> v.append("\\b");
                        case '\f' -> v.append("\\f");
                        case '\n' -> v.append("\\n");
                        case '\r' -> v.append("\\r");
                        case '\t' -> v.append("\\t");
                        default -> v.append(String.valueOf(d));
                    }
                }
                return;
            }
        }
        v.append(value);
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.time(v, field, nanos);
        }
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        TextBuffer v = begin(field);
        if (v != null) {
            format.dbl(v, value);
        }
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        lastSlot = -1;
        lastIsLabelled = false;
    }

    /** A protocol's value in -T fields is its label ("Transmission Control Protocol, Src Port: ..."). */
    @Override
    public void label(String label) {
        if (lastIsLabelled && lastSlot >= 0 && counts[lastSlot] > 0) {
            int s = lastSlot;
            values[s].truncate(starts[s][counts[s] - 1]);
            values[s].append(label);
        }
    }

    @Override
    public void appendText(String text) {
        if (lastIsLabelled && lastSlot >= 0 && counts[lastSlot] > 0) {
            values[lastSlot].append(text);
        }
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
    }
}
