package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * The MPTCP connections of a live capture, printed as the {@code connections} table when the
 * capture ends. It reads the emitter's own connection tracker (which the pipeline runs for it,
 * {@link PacketPipeline#trackMptcp()}), so no frame is tracked twice.
 */
final class ConnectionSummary implements CaptureSummary {
    private MptcpTracker tracker;
    private long firstNanos;

    @Override
    public void frame(PacketEmitter packets) {
        if (tracker == null) {
            tracker = packets.mptcpTracker();
            firstNanos = packets.frame().timestampNanos();
        }
    }

    @Override
    public void print(PrintStream out) {
        List<ConnectionReport> reports = tracker == null ? List.of() : tracker.finish();
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
