package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Dissects a capture's frames one at a time and emits each one's tree into any {@link FieldSink}:
 * the single source of -V, -T fields, -T json, -Y and the GUI. Holds the per-capture state
 * (frame clock, conversations), so one instance serves one pass over one capture, in order.
 *
 * <p>Per frame: {@link #next(RawFrame)} once, then {@link #emit(FieldSink)} as often as needed
 * (e.g. once for the filter, once for the output), then {@link #displayed()} if it was shown.
 */
public final class PacketEmitter {
    private final boolean hasInterfaceIds;
    private final FrameClock clock = new FrameClock();
    private RawFrame frame;

    /**
     * @param hasInterfaceIds true for pcapng captures, whose frames carry an interface id
     */
    public PacketEmitter(boolean hasInterfaceIds) {
        this.hasInterfaceIds = hasInterfaceIds;
    }

    /** Moves to the next frame of the capture. */
    public void next(RawFrame frame) {
        this.frame = frame;
        clock.advance(frame);
    }

    public RawFrame frame() {
        return frame;
    }

    /** Records that the current frame passed the display filter (frame.time_delta_displayed). */
    public void displayed() {
        clock.displayed();
    }

    /** Nanoseconds since the first frame. */
    public long relativeTime() {
        return clock.relative();
    }

    /** Emits the current frame's tree. */
    public void emit(FieldSink sink) {
        String protocols = sink.wantsText() || sink.wants(FrameFields.PROTOCOLS) ? protocols() : null;
        FrameEmitter.emit(sink, frame, clock, protocols, hasInterfaceIds);
    }

    /** Fills the packet list columns of the current frame. */
    public void summarize(SummaryColumns columns) {
        columns.clear();
        columns.protocol.append(org.mptcpinspect.dissector.capture.LinkType.name(frame.linkType()));
    }

    /** frame.protocols: the layers found, colon-separated. */
    private String protocols() {
        return "";
    }
}
