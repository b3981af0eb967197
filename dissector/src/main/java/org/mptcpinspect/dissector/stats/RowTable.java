package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The rows of a conversation or endpoint table: found by key, kept in order of first
 * appearance, listed as tshark draws them (most frames first, ties in order of appearance).
 */
final class RowTable<K, R> {
    private final Map<K, R> rows = new HashMap<>();
    private final List<R> order = new ArrayList<>();
    private final Function<K, R> create;

    RowTable(Function<K, R> create) {
        this.create = create;
    }

    /** The row of {@code key}, or null. */
    R get(K key) {
        return rows.get(key);
    }

    /** The row of {@code key}, added at the end when new. */
    R row(K key) {
        R row = rows.get(key);
        if (row == null) {
            row = create.apply(key);
            rows.put(key, row);
            order.add(row);
        }
        return row;
    }

    /** tshark's drawing order: by {@code frames}, most first; a stable sort keeps ties in order of appearance. */
    List<R> byFrames(ToLongFunction<R> frames) {
        List<R> sorted = new ArrayList<>(order);
        sorted.sort((x, y) -> Long.compare(frames.applyAsLong(y), frames.applyAsLong(x)));
        return sorted;
    }
}
