package org.mptcpinspect.plot;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodedPacket;

/**
 * Keeps each connection's timeline points as the tracker analyzes a capture's packets, indexed by
 * the tracker's connection index. Used from the tracker's thread; {@link #frozen} hands out views
 * that never change.
 */
public final class TimelineRecorder {
    private final List<TimelineData> timelines = new ArrayList<>();

    /**
     * Records one packet the tracker analyzed ({@code a}); packets without MPTCP are ignored.
     *
     * @param relativeNanos the packet's time since the capture's first frame
     */
    public void add(MptcpTracker tracker, DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis a,
            long frameNumber, long relativeNanos) {
        if (!a.isMptcp()) {
            return;
        }
        while (timelines.size() <= a.connection()) {
            timelines.add(new TimelineData());
        }
        timelines.get(a.connection()).add(tracker, a, segment, packet.tcp().payloadLength(), frameNumber,
                relativeNanos);
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
