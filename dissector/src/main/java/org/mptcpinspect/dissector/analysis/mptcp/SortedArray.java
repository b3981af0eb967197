package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.Arrays;

/**
 * Elements ordered by a 64-bit key (a subflow or data sequence number) in an array with a
 * moving front. The tracker's sorted sets grow at the end and shrink at the front (mappings in
 * sequence order, stream ranges as they are delivered), which cost O(1) here instead of a tree's
 * O(log n) with an object per entry; lookups try the last element before a binary search (over
 * the keys alone, so old elements are not touched), and an insertion elsewhere shifts the
 * elements after it.
 */
final class SortedArray<T> {
    private long[] keys = new long[16];
    private Object[] items = new Object[16];
    /** The elements are items[head, head + size). */
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    T get(int i) {
        return (T) items[head + i];
    }

    long key(int i) {
        return keys[head + i];
    }

    T last() {
        return get(size - 1);
    }

    void removeFirst() {
        items[head++] = null;
        if (--size == 0) {
            head = 0;
        }
    }

    /** The index of the last element whose key is at most {@code k}, -1 when none. */
    int floorIndex(long k) {
        if (size == 0) {
            return -1;
        }
        if (keys[head + size - 1] <= k) {
            return size - 1;
        }
        int i = search(k);
        return i >= 0 ? i : -i - 2;
    }

    /** Adds an element with key {@code k}; one with the same key is replaced when {@code replace}, else kept. */
    void add(long k, T t, boolean replace) {
        if (size == 0 || keys[head + size - 1] < k) {
            room();
            set(head + size++, k, t);
            return;
        }
        if (head > 0 && k < keys[head]) {
            set(--head, k, t);
            size++;
            return;
        }
        int i = keys[head + size - 1] == k ? size - 1 : search(k);
        if (i >= 0) {
            if (replace) {
                items[head + i] = t;
            }
            return;
        }
        int at = -i - 1;
        room();
        System.arraycopy(keys, head + at, keys, head + at + 1, size - at);
        System.arraycopy(items, head + at, items, head + at + 1, size - at);
        set(head + at, k, t);
        size++;
    }

    private void set(int slot, long k, T t) {
        keys[slot] = k;
        items[slot] = t;
    }

    /** Makes room for one more at the end: moves the elements to the front or grows. */
    private void room() {
        if (head + size < items.length) {
            return;
        }
        if (head > items.length / 2) {
            System.arraycopy(keys, head, keys, 0, size);
            System.arraycopy(items, head, items, 0, size);
            Arrays.fill(items, size, head + size, null);
        } else {
            keys = Arrays.copyOfRange(keys, head, head + keys.length * 2);
            items = Arrays.copyOfRange(items, head, head + items.length * 2);
        }
        head = 0;
    }

    /** Binary search by key: the index, or -(insertion point) - 1. */
    private int search(long k) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = keys[head + mid];
            if (m < k) {
                lo = mid + 1;
            } else if (m > k) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }
}
