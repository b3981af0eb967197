package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * The time references behind frame.time_relative, frame.time_delta and
 * frame.time_delta_displayed: the first frame, the previous frame and the previous displayed
 * frame (one that passed the display filter). One per pass over a capture.
 */
public final class FrameClock {
    private boolean started;
    private long first;
    private long previous;
    private long current;
    private boolean anyDisplayed;
    private long previousDisplayed;
    private long currentDelta;

    /** Moves to the next frame; call once per frame, before emitting it. */
    public void advance(RawFrame frame) {
        long t = frame.timestampNanos();
        if (!started) {
            started = true;
            first = t;
            previous = t;
        } else {
            previous = current;
        }
        current = t;
        currentDelta = t - previous;
    }

    /** Records that the current frame was displayed (passed the filter). */
    public void displayed() {
        anyDisplayed = true;
        previousDisplayed = current;
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
        return anyDisplayed ? current - previousDisplayed : 0;
    }
}
