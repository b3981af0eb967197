package org.mptcpinspect.plot;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;

/**
 * Keeps each connection's timeline points as the tracker analyzes a capture's packets, indexed by
 * the tracker's connection index. Used from the tracker's thread; {@link #frozen} hands out views
 * that never change.
 */
public final class TimelineRecorder {
    private final List<TimelineData> timelines = new ArrayList<>();
    /** The capture's first timestamp, which the points' times count from (Long.MIN_VALUE before any frame). */
    private long firstNanos = Long.MIN_VALUE;

    /**
     * Records one frame of the capture (every one, so times count from the first) and what the
     * tracker said of it ({@code a}); frames without MPTCP add no point.
     */
    public void add(MptcpTracker tracker, RawFrame frame, DecodedPacket packet, TcpSegment segment,
            MptcpPacketAnalysis a) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = frame.timestampNanos();
        }
        if (!a.isMptcp()) {
            return;
        }
        while (timelines.size() <= a.connection()) {
            timelines.add(new TimelineData());
        }
        timelines.get(a.connection()).add(tracker, a, segment, packet.tcp().payloadLength(), frame.number(),
                frame.timestampNanos() - firstNanos);
    }

    /** The capture's first timestamp (Long.MIN_VALUE before any frame). */
    public long firstNanos() {
        return firstNanos;
    }

    /** The points so far of the first {@code connections} connections (empty for those without any). */
    public List<TimelineData> frozen(int connections) {
        List<TimelineData> points = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            points.add(i < timelines.size() ? timelines.get(i).frozen() : new TimelineData().frozen());
        }
        return List.copyOf(points);
    }
}
