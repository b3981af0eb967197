package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds one direction of a data-level stream from payload placed by data sequence number,
 * whichever subflow carried it. In-order bytes go straight to the sink; only out-of-order bytes
 * are copied and held. It remembers which frame first carried each recent range (to report
 * duplicates and reinjections on other subflows) and the most recent delivered bytes (to tell
 * whether a resent range carries different bytes), both bounded, so memory does not grow with
 * the stream's length.
 */
final class DataStreamAssembler {
    /** Out-of-order bytes held before the gap in front of them is given up as missing. */
    static final long MAX_PENDING = 64L << 20;
    /** How far back (in DSN space) duplicates are attributed to frames and compared byte by byte. */
    static final int RECENT = 4 << 20;
    private static final int FIRST_RING = 64 << 10;

    /** Outcome of one {@link #add}: reused by the caller, so read it before the next call. */
    static final class Outcome {
        long duplicateBytes;
        boolean reinjection;
        boolean different;
        List<Long> reinjectionOf = List.of();

        void reset() {
            duplicateBytes = 0;
            reinjection = false;
            different = false;
            reinjectionOf = List.of();
        }

        void addReinjectionOf(long frame) {
            if (reinjectionOf.isEmpty()) {
                reinjectionOf = new ArrayList<>(2);
            }
            if (!reinjectionOf.contains(frame)) {
                reinjectionOf.add(frame);
            }
        }
    }

    /** Held out-of-order bytes; {@code data} null for bytes the snap length cut. */
    private record Chunk(long start, long end, byte[] data) {
    }

    /** The frame and subflow that first carried [start, end). */
    private record Carrier(long start, long end, int subflow, long frame) {
    }

    private final DataStreamSink sink;
    /** DSN of the stream's first byte; the fields below are offsets from it. */
    private final long base;
    private long next;
    private final TreeMap<Long, Chunk> pending = new TreeMap<>();
    private long pendingBytes;
    private final TreeMap<Long, Carrier> carriers = new TreeMap<>();
    private byte[] ring = new byte[0];
    /** Offset from which the ring holds delivered bytes without a gap. */
    private long ringValidFrom;
    private long delivered;
    private final List<DsnRange> missing = new ArrayList<>();
    private long missingBytes;
    private long notCapturedBytes;
    private long duplicateBytes;
    private long reinjectedBytes;
    private long differentOverlaps;
    private long dataFinDsn = -1;
    private long extent;
    private boolean finished;

    /** @param base DSN of the stream's first byte (IDSN + 1, or 1 for a TCP fallback from the start) */
    DataStreamAssembler(DataStreamSink sink, long base) {
        this.sink = sink;
        this.base = base;
    }

    long base() {
        return base;
    }

    /**
     * Places a payload at {@code dsn}: {@code length} bytes on the wire, of which the first
     * {@code captured} are in {@code src} at {@code offset}.
     */
    void add(long dsn, byte[] src, int offset, int length, int captured, int subflow, long frame, Outcome out) {
        // DSNs are unsigned 64-bit and wrap: everything inside works on offsets from the base.
        addAt(dsn - base, src, offset, length, captured, subflow, frame, out);
    }

    private void addAt(long dsn, byte[] src, int offset, int length, int captured, int subflow, long frame,
                       Outcome out) {
        out.reset();
        if (length <= 0) {
            return;
        }
        long end = dsn + length;
        extent = Math.max(extent, end);
        if (captured < length) {
            notCapturedBytes += length - captured;
        }
        long cursor = dsn;
        // Ranges already seen: count, attribute, compare; everything between them is new.
        Map.Entry<Long, Carrier> e = carriers.floorEntry(dsn);
        if (e == null || e.getValue().end <= dsn) {
            e = carriers.higherEntry(dsn);
        }
        if (dsn < next && (carriers.isEmpty() || carriers.firstKey() > dsn)) {
            // Older than what is still remembered: a duplicate we can no longer attribute.
            long oldEnd = Math.min(end, carriers.isEmpty() ? next : Math.min(next, carriers.firstKey()));
            out.duplicateBytes += oldEnd - dsn;
            cursor = oldEnd;
        }
        while (cursor < end) {
            if (e != null && e.getValue().start <= cursor) {
                Carrier c = e.getValue();
                long overlapEnd = Math.min(end, c.end);
                out.duplicateBytes += overlapEnd - cursor;
                if (c.subflow != subflow) {
                    out.reinjection = true;
                    out.addReinjectionOf(c.frame);
                    reinjectedBytes += overlapEnd - cursor;
                }
                if (differs(cursor, overlapEnd, src, offset + (int) (cursor - dsn), dsn + captured)) {
                    out.different = true;
                }
                cursor = overlapEnd;
                e = carriers.higherEntry(c.start);
            } else {
                long freshEnd = e == null ? end : Math.min(end, e.getValue().start);
                addFresh(cursor, freshEnd, src, offset + (int) (cursor - dsn), dsn + captured, subflow, frame);
                cursor = freshEnd;
            }
        }
        duplicateBytes += out.duplicateBytes;
        if (out.different) {
            differentOverlaps++;
        }
        drain();
        prune();
    }

    /** The DSN of the DATA_FIN (the stream ends before it). */
    void dataFin(long dsn) {
        long at = dsn - base;
        if (at >= 0 && at < (1L << 62)) {
            dataFinDsn = at;
            extent = Math.max(extent, at);
        }
    }

    boolean hasDataFin() {
        return dataFinDsn >= 0;
    }

    /** The stream reaches at least {@code dsn} (a mapping's end, a DATA_ACK). */
    void noteExtent(long dsn) {
        long at = dsn - base;
        if (at >= 0 && at < (1L << 62)) {
            extent = Math.max(extent, at);
        }
    }

    /** Bytes [start, end) seen for the first time: remember who carried them and queue or deliver them. */
    private void addFresh(long start, long end, byte[] src, int offset, long capturedEnd, int subflow, long frame) {
        if (start < next) {
            // Delivered bytes whose carrier was pruned: nothing more to learn.
            long skip = Math.min(end, next);
            duplicateBytes += skip - start;
            offset += (int) (skip - start);
            start = skip;
            if (start >= end) {
                return;
            }
        }
        carriers.put(start, new Carrier(start, end, subflow, frame));
        long capEnd = Math.min(end, Math.max(start, capturedEnd));
        if (capEnd > start) {
            if (start == next && pending.isEmpty()) {
                deliver(src, offset, (int) (capEnd - start));
            } else {
                byte[] copy = Arrays.copyOfRange(src, offset, offset + (int) (capEnd - start));
                pending.put(start, new Chunk(start, capEnd, copy));
                pendingBytes += copy.length;
            }
        }
        if (capEnd < end) {
            pending.put(capEnd, new Chunk(capEnd, end, null));
        }
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Chunk first = pending.firstEntry().getValue();
            if (first.start > next) {
                if (pendingBytes <= MAX_PENDING) {
                    return;
                }
                markMissing(next, first.start);
                next = first.start;
                ringValidFrom = next;
            }
            pending.pollFirstEntry();
            if (first.data == null) {
                markMissing(first.start, first.end);
                next = first.end;
                ringValidFrom = next;
            } else {
                pendingBytes -= first.data.length;
                deliver(first.data, 0, first.data.length);
            }
        }
    }

    private void deliver(byte[] src, int offset, int length) {
        sink.accept(src, offset, length);
        remember(src, offset, length);
        next += length;
        delivered += length;
    }

    /** Keeps the last delivered bytes in a ring that grows with the stream up to {@link #RECENT}. */
    private void remember(byte[] src, int offset, int length) {
        long validBytes = next - Math.max(ringValidFrom, next - ring.length);
        if (ring.length < RECENT && validBytes + length > ring.length) {
            int size = Math.max(FIRST_RING, ring.length);
            while (size < RECENT && size < validBytes + length) {
                size <<= 1;
            }
            byte[] grown = new byte[size];
            for (long d = next - validBytes; d < next; d++) {
                grown[(int) (d & (size - 1))] = ring[(int) (d & (ring.length - 1))];
            }
            ring = grown;
        }
        int mask = ring.length - 1;
        if (length >= ring.length) {
            offset += length - ring.length;
            long from = next + length - ring.length;
            for (int i = 0; i < ring.length; i++) {
                ring[(int) ((from + i) & mask)] = src[offset + i];
            }
            return;
        }
        int pos = (int) (next & mask);
        int firstPart = Math.min(length, ring.length - pos);
        System.arraycopy(src, offset, ring, pos, firstPart);
        System.arraycopy(src, offset + firstPart, ring, 0, length - firstPart);
    }

    /** Whether bytes [start, end), given at src[offset..], differ from what was seen there before. */
    private boolean differs(long start, long end, byte[] src, int offset, long capturedEnd) {
        end = Math.min(end, capturedEnd);
        if (end <= start) {
            return false;
        }
        long ringFrom = Math.max(ringValidFrom, next - ring.length);
        int mask = ring.length - 1;
        for (long d = Math.max(start, ringFrom); d < Math.min(end, next); d++) {
            if (ring[(int) (d & mask)] != src[offset + (int) (d - start)]) {
                return true;
            }
        }
        if (end > next) {
            long from = Math.max(start, next);
            Map.Entry<Long, Chunk> c = pending.floorEntry(from);
            if (c == null) {
                c = pending.higherEntry(from);
            }
            while (c != null && c.getValue().start < end) {
                Chunk chunk = c.getValue();
                if (chunk.data != null) {
                    long a = Math.max(from, chunk.start);
                    long b = Math.min(end, chunk.end);
                    for (long d = a; d < b; d++) {
                        if (chunk.data[(int) (d - chunk.start)] != src[offset + (int) (d - start)]) {
                            return true;
                        }
                    }
                }
                c = pending.higherEntry(chunk.start);
            }
        }
        return false;
    }

    private void prune() {
        long horizon = next - RECENT;
        while (!carriers.isEmpty()) {
            Carrier c = carriers.firstEntry().getValue();
            if (c.end > horizon) {
                return;
            }
            carriers.pollFirstEntry();
        }
    }

    private void markMissing(long start, long end) {
        if (end <= start) {
            return;
        }
        missingBytes += end - start;
        long s = start;
        long t = end;
        if (!missing.isEmpty() && missing.getLast().end() == s) {
            missing.set(missing.size() - 1, new DsnRange(missing.getLast().start(), t));
        } else if (missing.size() < StreamReport.MAX_LISTED) {
            missing.add(new DsnRange(s, t));
        }
    }

    /** End of capture: what is still held goes out after its gaps, which are missing. */
    StreamReport finish() {
        if (!finished) {
            finished = true;
            while (!pending.isEmpty()) {
                Chunk first = pending.firstEntry().getValue();
                if (first.start > next) {
                    markMissing(next, first.start);
                    next = first.start;
                }
                drain();
            }
            long target = dataFinDsn >= 0 ? dataFinDsn : extent;
            if (next < target) {
                markMissing(next, target);
                next = target;
            }
            sink.finish();
        }
        boolean complete = missingBytes == 0;
        return new StreamReport(delivered, complete ? sink.sha256() : null, complete, dataFinDsn >= 0,
                List.copyOf(missing), missingBytes, notCapturedBytes, duplicateBytes, reinjectedBytes,
                differentOverlaps);
    }
}
