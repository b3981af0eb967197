package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.Arrays;

/**
 * Wireshark's mptcp.reinjected_in: for each frame whose data-level bytes another subflow carried
 * again later, those later frames. It names frames not yet seen when the original is shown, so it
 * is the inverse of {@link MptcpPacketAnalysis#reinjectionOf()} collected by a first pass over
 * the capture ({@link #record}) and looked up by a second ({@link #of}), as tshark -2 does
 * (fields.FirstPass).
 *
 * <p>One long per (original, reinjection) pair, nothing per packet: a capture with few
 * reinjections costs almost nothing however long it is. Frame numbers are 32-bit, as Wireshark's
 * frame.number.
 */
public final class ReinjectedIn {
    private static final long[] NONE = new long[0];
    private static final long LOW32 = 0xffff_ffffL;

    /** original frame << 32 | reinjecting frame; sorted before the first lookup. */
    private long[] pairs = new long[16];
    private int size;
    private boolean sorted = true;

    /** Notes that frame {@code frame}, analysed as {@code analysis}, reinjects the frames it names. */
    public void record(long frame, MptcpPacketAnalysis analysis) {
        for (long original : analysis.reinjectionOf()) {
            add(original, frame);
        }
    }

    void add(long original, long reinjection) {
        if (original <= 0 || original > LOW32 || reinjection <= 0 || reinjection > LOW32) {
            throw new IllegalArgumentException("frame numbers must be 1 to 2^32-1 (as Wireshark's frame.number): "
                    + original + ", " + reinjection);
        }
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        long pair = original << 32 | reinjection;
        sorted &= size == 0 || pairs[size - 1] <= pair;
        pairs[size++] = pair;
    }

    /** How many (original, reinjection) pairs were recorded. */
    public int size() {
        return size;
    }

    /** The frames that reinjected {@code frame}'s data, in increasing order (none: an empty array). */
    public long[] of(long frame) {
        if (size == 0 || frame <= 0 || frame > LOW32) {
            return NONE;
        }
        if (!sorted) {
            Arrays.sort(pairs, 0, size);
            sorted = true;
        }
        int from = Arrays.binarySearch(pairs, 0, size, frame << 32);
        from = from >= 0 ? from : -from - 1;
        int to = from;
        while (to < size && pairs[to] >>> 32 == frame) {
            to++;
        }
        if (to == from) {
            return NONE;
        }
        long[] frames = new long[to - from];
        for (int i = from; i < to; i++) {
            frames[i - from] = pairs[i] & LOW32;
        }
        return frames;
    }
}
