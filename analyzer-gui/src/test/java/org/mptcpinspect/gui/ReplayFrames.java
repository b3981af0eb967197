package org.mptcpinspect.gui;

import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * A recorded capture's frames played as a live capture's, in steps: {@link #next} hands frames
 * out (as fast as they are read) up to the current limit, then waits as a live capture on a quiet
 * link does (running its idle action every {@link CaptureSession#IDLE_WAIT}) until the limit is
 * raised or the capture is stopped.
 */
final class ReplayFrames implements CaptureSession.Frames {
    private final CaptureReader source;
    private final int linkType;
    /** The first frame, read to know the link type, handed out first. */
    private RawFrame first;
    private long played;
    private long limit;
    private boolean ended;
    private boolean stopped;

    ReplayFrames(CaptureReader source, long firstLimit) throws CaptureException {
        this.source = source;
        this.first = source.next();
        this.linkType = first.linkType();
        this.limit = firstLimit;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public RawFrame next(Runnable idle) throws CaptureException {
        while (true) {
            synchronized (this) {
                if (stopped) {
                    return null;
                }
                if (played < limit && !ended) {
                    RawFrame f = first != null ? first : source.next();
                    first = null;
                    if (f != null) {
                        played++;
                        return f;
                    }
                    ended = true;
                }
                try {
                    wait(CaptureSession.IDLE_WAIT.toMillis());
                } catch (InterruptedException e) {
                    return null;
                }
                if (stopped || played < limit && !ended) {
                    continue;
                }
            }
            idle.run();
        }
    }

    /** Lets the frames up to {@code count} (a count) out. */
    synchronized void playTo(long count) {
        limit = count;
        notifyAll();
    }

    /** How many frames have been handed out. */
    synchronized long played() {
        return played;
    }

    /** Whether every frame of the capture has been handed out. */
    synchronized boolean ended() {
        return ended;
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public void close() {
        stop();
        source.close();
    }
}
