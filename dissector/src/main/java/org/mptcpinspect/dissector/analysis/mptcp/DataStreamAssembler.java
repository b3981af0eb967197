package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds one direction of a data-level stream from payload placed by data sequence number,
 * whichever subflow carried it. In-order bytes go straight to the sink; only out-of-order bytes
 * are copied and held. It remembers which frame first carried each recent range (to report
 * duplicates and reinjections on other subflows) and the most recent delivered bytes (to tell
 * whether a resent range carries different bytes), both bounded, so memory does not grow with
 * the stream's length.
 *
 * <p>Speed: data at the next expected byte goes to the sink and its range is appended to the
 * delivered ranges; data after a gap is appended to the held ranges (two subflows interleave
 * DSNs, so this is common too). Both are sorted arrays that refer to the frame's bytes rather
 * than copy them (a frame's bytes never change); searches happen only for data that overlaps
 * what is known, or arrives before held data.
 */
final class DataStreamAssembler {
    /** Out-of-order bytes held before the gap in front of them is given up as missing. */
    static final long MAX_PENDING = 64L << 20;
    /** How far back (in DSN space) duplicates are attributed to frames and compared byte by byte. */
    static final int RECENT = 4 << 20;
    /**
     * Bytes of frames the delivered ranges may keep referenced for comparisons; past it the oldest
     * are let go (only streams of tiny segments in big frames get there before {@link #RECENT}).
     */
    static final long MAX_REFERENCED = 4L * RECENT;

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

    /**
     * Bytes [start, end) of the stream and who first carried them: held out of order, then
     * delivered. {@code data} (from {@code offset}) is a frame's bytes or a copy, null for bytes
     * the snap length cut or once let go. {@code carrierEnd} is the end of the whole range the
     * frame brought (its cut part is a chunk of its own), which decides when it is forgotten.
     */
    private static final class Chunk {
        final long start;
        final long end;
        final long carrierEnd;
        byte[] data;
        /** data.length while data is kept: accounting without touching the (old, uncached) array. */
        final int dataLength;
        final int offset;
        final int subflow;
        final long frame;

        Chunk(long start, long end, long carrierEnd, byte[] data, int offset, int subflow, long frame) {
            this.start = start;
            this.end = end;
            this.carrierEnd = carrierEnd;
            this.data = data;
            this.dataLength = data == null ? 0 : data.length;
            this.offset = offset;
            this.subflow = subflow;
            this.frame = frame;
        }
    }

    private final DataStreamSink sink;
    /** DSN of the stream's first byte; the fields below are offsets from it. */
    private final long base;
    private long next;
    /** Out-of-order ranges, all at or after {@link #next}. */
    private final SortedArray<Chunk> held = new SortedArray<>();
    private long heldBytes;
    /** Delivered ranges of the last {@link #RECENT} bytes or so, all before {@link #next}. */
    private final SortedArray<Chunk> recent = new SortedArray<>();
    /**
     * Ranges are forgotten in batches of about this many bytes: the oldest ranges are out of the
     * cache, and walking many at once lets the processor fetch them together.
     */
    private static final int FORGET_BATCH = 64 << 10;
    /** {@link #prune} has nothing to do while next - RECENT is below this. */
    private long forgetAt = Long.MIN_VALUE;
    /** Leading delivered ranges that have let their bytes go ({@link #MAX_REFERENCED}). */
    private int released;
    private long referenced;
    /** Delivered bytes before this offset are no longer referenced. */
    private long releasedUpTo;
    /** Offset from which delivered bytes follow each other without a gap or a snaplen cut. */
    private long comparableFrom;
    private long delivered;
    private final List<DsnRange> missing = new ArrayList<>();
    private long missingBytes;
    private long notCapturedBytes;
    private long duplicateBytes;
    private long reinjectedBytes;
    private long differentOverlaps;
    private long beforeStartBytes;
    private long unplacedBytes;
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
     * {@code captured} are in {@code src} at {@code offset}. {@code src} must never change
     * afterwards (a frame's bytes): bytes are kept by reference.
     */
    void add(long dsn, byte[] src, int offset, int length, int captured, int subflow, long frame, Outcome out) {
        // DSNs are unsigned 64-bit and wrap: everything inside works on offsets from the base.
        long at = dsn - base;
        if (at < 0) {
            // Before the first byte: only a capture started mid-connection (base = first DSN seen)
            // meets data sent earlier, e.g. a retransmission; it is not part of the stream shown.
            int skip = (int) Math.min(length, -at);
            beforeStartBytes += skip;
            out.reset();
            if (skip == length) {
                return;
            }
            at = 0;
            offset += skip;
            length -= skip;
            captured = Math.max(0, captured - skip);
        }
        addAt(at, src, offset, length, captured, subflow, frame, out);
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
        if (dsn >= next && (held.size() == 0 || held.last().end <= dsn)) {
            // Nothing known at or after dsn (delivered ranges all end at or before next): all new.
            addFresh(dsn, end, src, offset, dsn + captured, subflow, frame);
        } else {
            addOverlapping(dsn, end, src, offset, dsn + captured, subflow, frame, out);
        }
        duplicateBytes += out.duplicateBytes;
        if (out.different) {
            differentOverlaps++;
        }
        drain();
        prune();
    }

    /** Ranges already seen: count, attribute, compare; everything between them is new. */
    private void addOverlapping(long dsn, long end, byte[] src, int offset, long capturedEnd, int subflow,
                                long frame, Outcome out) {
        long cursor = dsn;
        long firstKnown = recent.size() > 0 ? recent.key(0) : held.size() > 0 ? held.key(0) : Long.MAX_VALUE;
        if (dsn < next && firstKnown > dsn) {
            // Older than what is still remembered: a duplicate we can no longer attribute.
            long oldEnd = Math.min(end, Math.min(next, firstKnown));
            out.duplicateBytes += oldEnd - dsn;
            cursor = oldEnd;
        }
        while (cursor < end) {
            // The first known range (delivered, then held) that ends after the cursor.
            int i = cursor >= next ? recent.size() : firstEndingAfter(recent, cursor);
            Chunk known;
            if (i < recent.size()) {
                known = recent.get(i);
            } else {
                int j = firstEndingAfter(held, cursor);
                if (j == held.size()) {
                    addFresh(cursor, end, src, offset + (int) (cursor - dsn), capturedEnd, subflow, frame);
                    return;
                }
                known = held.get(j);
            }
            if (known.start <= cursor) {
                long overlapEnd = Math.min(end, known.end);
                out.duplicateBytes += overlapEnd - cursor;
                if (known.subflow != subflow) {
                    out.reinjection = true;
                    out.addReinjectionOf(known.frame);
                    reinjectedBytes += overlapEnd - cursor;
                }
                if (differs(cursor, overlapEnd, src, offset + (int) (cursor - dsn), capturedEnd)) {
                    out.different = true;
                }
                cursor = overlapEnd;
            } else {
                long freshEnd = Math.min(end, known.start);
                addFresh(cursor, freshEnd, src, offset + (int) (cursor - dsn), capturedEnd, subflow, frame);
                cursor = freshEnd;
            }
        }
    }

    /** The DSN of the DATA_FIN (the stream ends before it). */
    void dataFin(long dsn) {
        long at = dsn - base;
        if (at >= 0 && at < (1L << 62)) {
            dataFinDsn = at;
            extent = Math.max(extent, at);
        }
    }

    /** Bytes a subflow carried whose place in the stream is unknown (a partial subflow's ISN never found). */
    void noteUnplaced(long bytes) {
        unplacedBytes += bytes;
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

    /** Bytes [start, end) seen for the first time: remember who carried them and hold or deliver them. */
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
        long capEnd = Math.min(end, Math.max(start, capturedEnd));
        if (capEnd > start) {
            int n = (int) (capEnd - start);
            if (start == next && held.size() == 0) {
                deliver(src, offset, n);
                remember(new Chunk(start, capEnd, end, src, offset, subflow, frame));
            } else {
                // Held by reference unless that would keep much more than the bytes alive.
                boolean keep = src.length <= 2 * n + 512;
                held.add(start, new Chunk(start, capEnd, end, keep ? src : Arrays.copyOfRange(src, offset, offset + n),
                        keep ? offset : 0, subflow, frame), false);
                heldBytes += n;
            }
        }
        if (capEnd < end) {
            held.add(capEnd, new Chunk(capEnd, end, end, null, 0, subflow, frame), false);
        }
    }

    private void drain() {
        while (held.size() > 0) {
            Chunk first = held.get(0);
            if (first.start > next) {
                if (heldBytes <= MAX_PENDING) {
                    return;
                }
                markMissing(next, first.start);
                next = first.start;
                comparableFrom = next;
            }
            held.removeFirst();
            if (first.data == null) {
                markMissing(first.start, first.end);
                next = first.end;
                comparableFrom = next;
            } else {
                int n = (int) (first.end - first.start);
                heldBytes -= n;
                deliver(first.data, first.offset, n);
            }
            remember(first);
        }
    }

    private void deliver(byte[] src, int offset, int length) {
        // Frames' bytes and our copies never change afterwards.
        sink.acceptUnchanging(src, offset, length);
        next += length;
        delivered += length;
    }

    /** Appends a delivered range; past {@link #MAX_REFERENCED} the oldest let their bytes go. */
    private void remember(Chunk c) {
        recent.add(c.start, c, false);
        if (c.data == null) {
            return;
        }
        referenced += c.dataLength;
        while (referenced > MAX_REFERENCED && released < recent.size()) {
            Chunk old = recent.get(released++);
            referenced -= old.dataLength;
            old.data = null;
            releasedUpTo = old.end;
        }
    }

    /** Whether bytes [start, end), given at src[offset..], differ from what was seen there before. */
    private boolean differs(long start, long end, byte[] src, int offset, long capturedEnd) {
        end = Math.min(end, capturedEnd);
        if (end <= start) {
            return false;
        }
        // Delivered bytes are compared over the last RECENT bytes without a gap; held ones all.
        long from = Math.max(start, Math.max(Math.max(comparableFrom, next - RECENT), releasedUpTo));
        return differs(recent, from, Math.min(end, next), start, src, offset)
                || differs(held, Math.max(start, next), end, start, src, offset);
    }

    /** Whether the bytes of {@code ranges} in [from, to) differ from src (which holds [start, ...) at offset). */
    private static boolean differs(SortedArray<Chunk> ranges, long from, long to, long start, byte[] src, int offset) {
        for (int i = firstEndingAfter(ranges, from); from < to && i < ranges.size(); i++) {
            Chunk c = ranges.get(i);
            if (c.start >= to) {
                break;
            }
            long a = Math.max(from, c.start);
            long b = Math.min(to, c.end);
            if (c.data != null && a < b) {
                int at = c.offset + (int) (a - c.start);
                int srcAt = offset + (int) (a - start);
                if (Arrays.mismatch(c.data, at, at + (int) (b - a), src, srcAt, srcAt + (int) (b - a)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Forgets who carried ranges that ended more than {@link #RECENT} bytes ago. */
    private void prune() {
        long horizon = next - RECENT;
        if (horizon < forgetAt) {
            return;
        }
        while (recent.size() > 0 && recent.get(0).carrierEnd <= horizon) {
            Chunk c = recent.get(0);
            recent.removeFirst();
            if (released > 0) {
                released--;
            } else {
                referenced -= c.dataLength;
            }
        }
        // Not before the new first range's end plus a batch: no need to look at it until then.
        forgetAt = recent.size() > 0 ? recent.get(0).carrierEnd + FORGET_BATCH : Long.MIN_VALUE;
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
            while (held.size() > 0) {
                Chunk first = held.get(0);
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
        return report(delivered, complete ? sink.sha256() : null, complete);
    }

    /**
     * The report so far, the capture still running: nothing is flushed or given up, so bytes held
     * after a gap are not delivered (nor missing) yet, and the digest is not final (no SHA-256).
     * Complete while no byte is missing up to the highest data sequence number seen so far.
     */
    StreamReport report() {
        if (finished) {
            return finish();
        }
        boolean complete = missingBytes == 0 && held.size() == 0 && next >= (dataFinDsn >= 0 ? dataFinDsn : extent);
        return report(delivered, null, complete);
    }

    private StreamReport report(long bytes, String sha256, boolean complete) {
        return new StreamReport(bytes, sha256, complete, dataFinDsn >= 0, List.copyOf(missing), missingBytes,
                notCapturedBytes, duplicateBytes, reinjectedBytes, differentOverlaps, base, beforeStartBytes,
                unplacedBytes);
    }

    /** The first index of {@code ranges} whose chunk ends after {@code offset} (its size when none). */
    private static int firstEndingAfter(SortedArray<Chunk> ranges, long offset) {
        // Chunks do not overlap: the one starting last at or before offset is the only candidate below.
        int i = ranges.floorIndex(offset);
        return i >= 0 && ranges.get(i).end > offset ? i : i + 1;
    }
}
