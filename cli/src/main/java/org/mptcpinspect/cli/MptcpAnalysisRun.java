package org.mptcpinspect.cli;

import java.io.PrintStream;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;

/**
 * Runs the MPTCP tracker over a capture for the connection commands, with progress on a
 * terminal. A capture that cannot be opened gives no result; one cut short gives the
 * connections up to the cut and the error.
 *
 * @param reports    the connections, or null when the capture could not be read at all
 * @param firstNanos timestamp of the first frame (0 without frames)
 * @param error      the capture's one-line error, or null
 */
record MptcpAnalysisRun(List<ConnectionReport> reports, long firstNanos, String error) {

    static MptcpAnalysisRun of(String path, MptcpTracker tracker, PrintStream err) {
        return of(path, tracker, err, null);
    }

    /** As above, {@code listener} (or null) seeing each packet after the tracker. */
    static MptcpAnalysisRun of(String path, MptcpTracker tracker, PrintStream err,
            MptcpCaptureAnalysis.AnalyzedPacketListener listener) {
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker, listener);
        CaptureLoop.Outcome outcome = CaptureLoop.run(path, err, analysis::add);
        if (!outcome.opened()) {
            return new MptcpAnalysisRun(null, 0, outcome.error());
        }
        long first = analysis.frames() == 0 ? 0 : analysis.firstNanos();
        return new MptcpAnalysisRun(tracker.finish(), first, outcome.error());
    }

    /** Why connection {@code index} of capture {@code path} cannot be shown (unreadable, or no such connection), or null. */
    String whyNoConnection(String path, int index) {
        if (reports == null) {
            return error;
        }
        return index < reports.size() ? null
                : path + " has no MPTCP connection " + index + " (it has " + reports.size() + ")";
    }
}
