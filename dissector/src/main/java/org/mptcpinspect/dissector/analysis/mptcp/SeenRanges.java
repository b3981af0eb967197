package org.mptcpinspect.dissector.analysis.mptcp;

/**
 * The subflow sequence ranges one direction of a subflow has carried, so that a segment whose
 * bytes were all carried before (a TCP-level retransmission the receiver's TCP drops) can be told
 * from one that fills a hole (which TCP accepts, even when Wireshark's rules call it a
 * retransmission). Disjoint sorted ranges; in-order traffic keeps one range that only grows.
 * Beyond {@link #MAX_RANGES} holes the oldest hole is treated as filled.
 */
final class SeenRanges {
    static final int MAX_RANGES = 256;

    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private int size;

    /** Whether every byte of [from, to) was carried before. */
    boolean covers(long from, long to) {
        int i = floor(from);
        return i >= 0 && ends[i] >= to;
    }

    /** Records [from, to) as carried. */
    void add(long from, long to) {
        if (from >= to) {
            return;
        }
        if (size > 0 && from >= starts[size - 1] && from <= ends[size - 1]) {
            ends[size - 1] = Math.max(ends[size - 1], to); // the common, in-order case
            return;
        }
        int i = floor(from);
        int first = i >= 0 && ends[i] >= from ? i : i + 1;
        long start = first == i ? starts[i] : from;
        int last = first;
        long end = to;
        while (last < size && starts[last] <= end) {
            end = Math.max(end, ends[last]);
            last++;
        }
        // Ranges [first, last) merge into one.
        int removed = last - first;
        if (removed == 0) {
            grow();
            System.arraycopy(starts, first, starts, first + 1, size - first);
            System.arraycopy(ends, first, ends, first + 1, size - first);
            size++;
        } else if (removed > 1) {
            System.arraycopy(starts, last, starts, first + 1, size - last);
            System.arraycopy(ends, last, ends, first + 1, size - last);
            size -= removed - 1;
        }
        starts[first] = start;
        ends[first] = end;
        if (size > MAX_RANGES) {
            ends[0] = ends[1];
            System.arraycopy(starts, 2, starts, 1, size - 2);
            System.arraycopy(ends, 2, ends, 1, size - 2);
            size--;
        }
    }

    int ranges() {
        return size;
    }

    /** Index of the last range starting at or before {@code seq}, or -1. */
    private int floor(long seq) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= seq) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    private void grow() {
        if (size == starts.length) {
            starts = java.util.Arrays.copyOf(starts, size * 2);
            ends = java.util.Arrays.copyOf(ends, size * 2);
        }
    }
}
