package org.mptcpinspect.gui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.dissector.fields.SummaryColumns;
import org.mptcpinspect.dissector.fields.TextBuffer;

/**
 * The packet list of one capture in compact form: per frame its time, length, interned
 * address/protocol ids, MPTCP subtype and the Info text as UTF-8 bytes, in fixed-size chunks
 * that never move. Rows are turned into {@link PacketRow}s only when the table shows them, so a
 * million-packet capture costs a few hundred bytes per packet, not a tree of objects.
 *
 * <p>One loader thread appends while the FX thread reads the rows published so far; both go
 * through this object's lock (uncontended, per row), which keeps the chunk table consistent.
 */
public final class PacketIndex {
    /** Row kind for a frame without TCP. */
    public static final byte NOT_TCP = -2;
    /** Row kind for TCP without an MPTCP option. */
    public static final byte PLAIN_TCP = -1;

    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;

    private final List<Chunk> chunks = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> stringIds = new HashMap<>();
    private int size;
    private int timeDecimals = -1;

    private static final class Chunk {
        final long[] time = new long[CHUNK];
        final int[] length = new int[CHUNK];
        final int[] source = new int[CHUNK];
        final int[] destination = new int[CHUNK];
        final int[] protocol = new int[CHUNK];
        final byte[] kind = new byte[CHUNK];
        /** Start of each row's Info in {@link #info}; the next row's start ends it. */
        final int[] infoStart = new int[CHUNK + 1];
        byte[] info = new byte[CHUNK * 48];
    }

    /**
     * Appends the next frame's row (frames arrive in capture order, so row i is frame i + 1).
     *
     * @param relativeNanos time since the first frame
     * @param kind          MPTCP subtype of the first MPTCP option, or {@link #PLAIN_TCP}/{@link #NOT_TCP}
     */
    public synchronized void add(long relativeNanos, long absoluteNanos, int originalLength, SummaryColumns columns,
            byte kind) {
        if (timeDecimals < 0) {
            // As tshark: nanosecond digits when the first timestamp has any, else microseconds.
            timeDecimals = absoluteNanos % 1000 != 0 ? 9 : 6;
        }
        int at = size & MASK;
        if (at == 0) {
            chunks.add(new Chunk());
        }
        Chunk c = chunks.get(chunks.size() - 1);
        c.time[at] = relativeNanos;
        c.length[at] = originalLength;
        c.source[at] = intern(columns.source);
        c.destination[at] = intern(columns.destination);
        c.protocol[at] = intern(columns.protocol);
        c.kind[at] = kind;
        TextBuffer info = columns.info;
        int start = c.infoStart[at];
        int end = start + info.size();
        if (end > c.info.length) {
            c.info = java.util.Arrays.copyOf(c.info, Math.max(end, c.info.length * 3 / 2));
        }
        for (int i = 0; i < info.size(); i++) {
            c.info[start + i] = info.byteAt(i);
        }
        c.infoStart[at + 1] = end;
        size++;
    }

    private int intern(TextBuffer text) {
        String s = text.toString();
        Integer id = stringIds.get(s);
        if (id == null) {
            id = strings.size();
            strings.add(s);
            stringIds.put(s, id);
        }
        return id;
    }

    /** Rows published so far. */
    public synchronized int size() {
        return size;
    }

    /** The row of frame {@code index + 1}. */
    public synchronized PacketRow row(int index) {
        Chunk c = chunk(index);
        int at = index & MASK;
        int start = c.infoStart[at];
        return new PacketRow(index + 1, c.time[at], timeDecimals, strings.get(c.source[at]),
                strings.get(c.destination[at]), strings.get(c.protocol[at]), c.length[at],
                new String(c.info, start, c.infoStart[at + 1] - start, StandardCharsets.UTF_8), c.kind[at]);
    }

    private Chunk chunk(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        return chunks.get(index >>> CHUNK_BITS);
    }

    public synchronized long time(int index) {
        return chunk(index).time[index & MASK];
    }

    public synchronized int length(int index) {
        return chunk(index).length[index & MASK];
    }

    public synchronized byte kind(int index) {
        return chunk(index).kind[index & MASK];
    }

    /** Column text of interned columns (source, destination, protocol). */
    public synchronized String text(Column column, int index) {
        Chunk c = chunk(index);
        int at = index & MASK;
        return strings.get(switch (column) {
            case SOURCE -> c.source[at];
            case DESTINATION -> c.destination[at];
            case PROTOCOL -> c.protocol[at];
            default -> throw new IllegalArgumentException(column + " is not interned");
        });
    }

    /** The interned id of a column's text; ids compare by first appearance, not alphabetically. */
    synchronized int textId(Column column, int index) {
        Chunk c = chunk(index);
        int at = index & MASK;
        return switch (column) {
            case SOURCE -> c.source[at];
            case DESTINATION -> c.destination[at];
            case PROTOCOL -> c.protocol[at];
            default -> throw new IllegalArgumentException(column + " is not interned");
        };
    }

    /** For each interned id, its rank in alphabetical order (to sort by text without decoding it). */
    synchronized int[] alphabeticalRanks() {
        Integer[] ids = new Integer[strings.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        java.util.Arrays.sort(ids, (a, b) -> strings.get(a).compareTo(strings.get(b)));
        int[] rank = new int[ids.length];
        for (int r = 0; r < ids.length; r++) {
            rank[ids[r]] = r;
        }
        return rank;
    }

    /** Compares two rows' Info bytes (UTF-8 byte order is code point order). */
    synchronized int compareInfo(int a, int b) {
        Chunk ca = chunk(a);
        Chunk cb = chunk(b);
        int sa = ca.infoStart[a & MASK];
        int ea = ca.infoStart[(a & MASK) + 1];
        int sb = cb.infoStart[b & MASK];
        int eb = cb.infoStart[(b & MASK) + 1];
        return java.util.Arrays.compareUnsigned(ca.info, sa, ea, cb.info, sb, eb);
    }

    /** Approximate heap held by the index, for the status bar and the benchmark. */
    public synchronized long footprintBytes() {
        long total = 0;
        for (Chunk c : chunks) {
            total += (long) CHUNK * (8 + 4 * 5 + 1) + c.info.length;
        }
        return total;
    }

    /** The packet list's columns. */
    public enum Column {
        NUMBER, TIME, SOURCE, DESTINATION, PROTOCOL, LENGTH, INFO
    }
}
