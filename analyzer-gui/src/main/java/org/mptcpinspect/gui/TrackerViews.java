package org.mptcpinspect.gui;

import java.util.List;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.mptcp.WaitingSubflow;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.plot.TimelineRecorder;

/**
 * What the MPTCP views show of a capture, built packet by packet: the connection tracker's
 * reports, each connection's timeline points and, when counting, each host's MPTcpExt counters
 * (read from the same tracker). A file's pass feeds it to the end; a live capture feeds it as
 * frames are indexed and takes {@link #snapshot()}s meanwhile. Used from one thread (the
 * tracker's); what it hands out never changes.
 */
final class TrackerViews {
    private final MptcpTracker tracker = new MptcpTracker();
    private final CounterTracker counters;
    private final TimelineRecorder timelines = new TimelineRecorder();

    /** @param counting whether to count MPTcpExt counters too */
    TrackerViews(boolean counting) {
        counters = counting ? new CounterTracker(tracker) : null;
    }

    /** Feeds the next frame of the capture, decoded, with its TCP analysis. */
    void add(RawFrame frame, DecodedPacket packet, TcpSegment segment) {
        MptcpPacketAnalysis a = tracker.analyze(packet, segment);
        if (counters != null) {
            counters.accept(packet, segment, a);
        }
        timelines.add(tracker, frame, packet, segment, a);
    }

    /** The views so far; the tracker goes on as if not asked ({@link MptcpTracker#snapshot()}). */
    CaptureSession.Views snapshot() {
        return views(tracker.snapshot(), tracker.waiting());
    }

    /** The views at the end of the capture (call once, after the last frame). */
    CaptureSession.Views finish() {
        List<ConnectionReport> reports = tracker.finish();
        if (counters != null) {
            counters.finish();
        }
        return views(reports, List.of());
    }

    private CaptureSession.Views views(List<ConnectionReport> reports, List<WaitingSubflow> waiting) {
        return new CaptureSession.Views(new CaptureSession.Connections(reports, timelines.firstNanos(),
                timelines.frozen(reports.size())),
                counters == null ? null : List.copyOf(counters.hosts(-1)), List.copyOf(waiting));
    }
}
