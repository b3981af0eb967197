package org.mptcpinspect.cli;

import java.io.PrintStream;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.ReadAheadReader;

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
        PcapFileReader reader;
        try {
            reader = CaptureFiles.open(path);
        } catch (CaptureException e) {
            return new MptcpAnalysisRun(null, 0, e.getMessage());
        }
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.stderrIsTerminal());
        String error = null;
        // Parsing the capture on a second thread overlaps it with the tracker (as read does).
        try (reader; ReadAheadReader ahead = new ReadAheadReader(reader)) {
            analysis.run(ahead, progress::update);
        } catch (CaptureException e) {
            error = e.getMessage();
        } finally {
            progress.done();
        }
        long first = analysis.frames() == 0 ? 0 : analysis.firstNanos();
        return new MptcpAnalysisRun(tracker.finish(), first, error);
    }
}
