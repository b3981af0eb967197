package org.mptcpinspect.cli;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.ReadAheadReader;

/**
 * One pass over a capture file for the analysis commands: the capture is parsed a batch ahead on
 * a second thread (as read does), each frame handed over in order, progress shown on a terminal.
 */
final class CaptureLoop {
    /**
     * How the pass ended.
     *
     * @param opened whether the capture could be opened (false: no frame was handed over)
     * @param error  the capture's one-line error, or null when it was read to its end; frames
     *               before a cut were handed over
     */
    record Outcome(boolean opened, String error) {
    }

    private CaptureLoop() {
    }

    static Outcome run(String path, PrintStream err, Consumer<RawFrame> frames) {
        PcapFileReader reader;
        try {
            reader = CaptureFiles.open(path);
        } catch (CaptureException e) {
            return new Outcome(false, e.getMessage());
        }
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.stderrIsTerminal());
        try (reader; ReadAheadReader ahead = new ReadAheadReader(reader)) {
            for (RawFrame frame = ahead.next(); frame != null; frame = ahead.next()) {
                progress.update(frame.number());
                frames.accept(frame);
            }
            return new Outcome(true, null);
        } catch (CaptureException e) {
            return new Outcome(true, e.getMessage());
        } finally {
            progress.done();
        }
    }
}
