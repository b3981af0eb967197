package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * The MPTCP connections of a live capture, tracked as the frames arrive by the same
 * {@link MptcpTracker} as {@code connections}, and printed as its table when the capture ends.
 */
final class ConnectionSummary implements CaptureSummary {
    private final MptcpTracker tracker = new MptcpTracker();
    private long firstNanos;
    private boolean any;

    @Override
    public void frame(PacketEmitter packets) {
        if (!any) {
            firstNanos = packets.frame().timestampNanos();
            any = true;
        }
        // The emitter has already placed the segment in its TCP conversation.
        tracker.analyze(packets.packet(), packets.segment());
    }

    @Override
    public void print(PrintStream out) {
        List<ConnectionReport> reports = tracker.finish();
        out.println("MPTCP connections: " + reports.size());
        if (reports.isEmpty()) {
            return;
        }
        try {
            ConnectionsCommand.writeTable(new MptcpAnalysisRun(reports, firstNanos, null), false, out);
        } catch (IOException e) {
            // A PrintStream does not throw; it records the error, which nobody could report anyway.
        }
        out.flush();
    }
}
