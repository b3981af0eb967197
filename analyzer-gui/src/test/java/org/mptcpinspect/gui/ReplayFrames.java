package org.mptcpinspect.gui;

import java.util.List;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * A recorded capture's frames played as a live capture's, in steps: {@link #next} hands frames
 * out up to the current limit, then waits as a live capture on a quiet link does (running its
 * idle action every {@link CaptureSession#IDLE_WAIT}) until the limit is raised or the capture
 * is stopped.
 */
final class ReplayFrames implements CaptureSession.Frames {
    private final List<RawFrame> frames;
    private final int linkType;
    private int position;
    private int limit;
    private boolean stopped;

    ReplayFrames(List<RawFrame> frames, int firstLimit) {
        this.frames = frames;
        this.linkType = frames.getFirst().linkType();
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
    public RawFrame next(Runnable idle) {
        while (true) {
            synchronized (this) {
                if (stopped) {
                    return null;
                }
                if (position < Math.min(limit, frames.size())) {
                    return frames.get(position++);
                }
                try {
                    wait(CaptureSession.IDLE_WAIT.toMillis());
                } catch (InterruptedException e) {
                    throw new InterruptedRuntime(e);
                }
                if (stopped || position < Math.min(limit, frames.size())) {
                    continue;
                }
            }
            idle.run();
        }
    }

    /** Lets the frames up to {@code frames} (a count) out. */
    synchronized void playTo(int count) {
        limit = count;
        notifyAll();
    }

    /** How many frames have been handed out. */
    synchronized int played() {
        return position;
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public void close() {
        stop();
    }

    /** The test thread was interrupted while the replay waited. */
    static final class InterruptedRuntime extends RuntimeException {
        InterruptedRuntime(InterruptedException e) {
            super(e);
        }
    }
}
