package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * The time references behind frame.time_relative, frame.time_delta and
 * frame.time_delta_displayed: the first frame, the previous frame and the previous displayed
 * frame (one that passed the display filter). One per pass over a capture.
 *
 * <p>With a read filter (tshark -2 -R) a frame it drops is no previous frame of the next one, yet
 * the first frame of the file stays the reference. As in tshark, which looks previous frames up
 * by number and finds frame number 1 as its reference copy of the file's first frame, a frame
 * whose previous (or previous displayed) frame is number 1 is timed from the file's first frame.
 */
public final class FrameClock {
    private boolean started;
    private long first;
    private long current;
    private long currentNumber;
    /** Whether the current frame counts as the previous one of the next frame (not dropped). */
    private boolean currentKept;
    private boolean anyKept;
    private long previousKept;
    private long previousKeptNumber;
    private boolean anyDisplayed;
    private long previousDisplayed;
    private long previousDisplayedNumber;
    private long currentDelta;

    /** Moves to the next frame; call once per frame, before emitting it. */
    public void advance(RawFrame frame) {
        if (currentKept) {
            anyKept = true;
            previousKept = current;
            previousKeptNumber = currentNumber;
        }
        long t = frame.timestampNanos();
        if (!started) {
            started = true;
            first = t;
        }
        current = t;
        currentNumber = frame.number();
        currentKept = true;
        currentDelta = anyKept ? t - timeOf(previousKeptNumber, previousKept) : 0;
    }

    /** The current frame did not pass the read filter: the next frame's previous frame is the one before it. */
    public void dropped() {
        currentKept = false;
    }

    /** Records that the current frame was displayed (passed the filter). */
    public void displayed() {
        anyDisplayed = true;
        previousDisplayed = current;
        previousDisplayedNumber = currentNumber;
    }

    private long timeOf(long number, long time) {
        return number == 1 ? first : time;
    }

    /** The first frame's capture time (nanoseconds since the Unix epoch). */
    public long first() {
        return first;
    }

    /** Nanoseconds since the first frame. */
    public long relative() {
        return current - first;
    }

    /** Nanoseconds since the previous captured frame (0 for the first). */
    public long delta() {
        return currentDelta;
    }

    /** Nanoseconds since the previous displayed frame (0 when none was displayed yet). */
    public long deltaDisplayed() {
        return anyDisplayed ? current - timeOf(previousDisplayedNumber, previousDisplayed) : 0;
    }
}
