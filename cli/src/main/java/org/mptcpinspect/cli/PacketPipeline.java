package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.fields.FirstPass;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.Preferences;
import org.mptcpinspect.dissector.fields.TcpFields;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterMatcher;
import org.mptcpinspect.dissector.stats.Statistics;

/**
 * The one walk over a capture shared by {@code read} and {@code live}: each frame is dissected
 * once, shown to the {@link FrameListener}s (live -w, the capture summary), then printed in the
 * chosen format if it passes the display filter. Built by {@link OutputOptions#pipeline}.
 */
final class PacketPipeline {

    /** Sees every frame the capture delivers, before the display filter. */
    interface FrameListener {
        void frame(PacketEmitter packets) throws IOException;
    }

    private final PacketOutput output;
    private final BufferedOutputStream out;
    private final DisplayFilter filter;
    /** What packets show (-o, -n). */
    private final Preferences preferences;
    /** Whether the output shows MPTCP analysis fields (the filter may want them too). */
    private boolean analysis;
    /** Whether the output needs the MPTCP connections' address signals (TCP's duplicate-ACK rule) at least. */
    private final boolean mptcpSignals;
    /** Whether the output needs TCP conversations followed (see PacketEmitter#needsTcpAnalysis). */
    private boolean tcpAnalysis;
    /** Whether the output or statistics show the "[SEQ/ACK analysis]" items (see PacketEmitter's constructor). */
    private boolean seqAckItems;
    private final List<FrameListener> listeners = new ArrayList<>();
    /** The -z statistics, fed every frame before the display filter; null without -z. */
    private Statistics statistics;
    /** From read -2's first pass; null in a single pass. */
    private FirstPass firstPass;
    /** read -2 -R's read filter, which the first pass applies; null without one. */
    private DisplayFilter readFilter;
    /** Held while a frame is processed, so another thread can flush between frames ({@link #flush}). */
    private final Object lock = new Object();
    private long frames;
    private boolean unflushed;
    private volatile boolean stopped;

    PacketPipeline(PacketOutput output, BufferedOutputStream out, DisplayFilter filter, boolean analysis,
                   boolean mptcpSignals, boolean tcpAnalysis, boolean seqAckItems, Preferences preferences) {
        this.output = output;
        this.out = out;
        this.filter = filter;
        this.preferences = preferences;
        this.analysis = analysis;
        this.mptcpSignals = mptcpSignals;
        this.tcpAnalysis = tcpAnalysis || analysis || mptcpSignals || seqAckItems;
        this.seqAckItems = seqAckItems;
    }

    /**
     * Runs the MPTCP connection tracker on every frame even if no output or filter needs its
     * fields, so that listeners can report on the connections ({@link PacketEmitter#mptcpTracker()}).
     */
    void trackMptcp() {
        analysis = true;
        tcpAnalysis = true;
    }

    /** Feeds every frame to {@code statistics} and prints them once the capture has ended (tshark's -z). */
    void statistics(Statistics statistics) {
        this.statistics = statistics;
        tcpAnalysis |= statistics.needsTcpAnalysis();
        analysis |= statistics.needsMptcpAnalysis();
        seqAckItems |= statistics.needsSeqAckItems();
    }

    void addListener(FrameListener listener) {
        tcpAnalysis = true; // listeners may read the frame's TCP segment
        listeners.add(listener);
    }

    /**
     * tshark -2 -R: the first pass keeps only the frames {@code readFilter} accepts; the second shows
     * and counts (-z) only those, numbered in order, while the trackers still see every frame.
     */
    void readFilter(DisplayFilter readFilter) {
        this.readFilter = readFilter;
    }

    /**
     * read -2's first pass over {@code reader} (at most {@code limit} frames): learns what later
     * frames tell ({@link FirstPass}) and which frames the read filter keeps, which {@link #run}
     * then shows.
     */
    void firstPass(CaptureReader reader, boolean hasInterfaceIds, long limit, PrintStream err) {
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.stderrIsTerminal());
        Predicate<PacketEmitter> keep = null;
        if (readFilter != null) {
            FilterMatcher matcher = readFilter.newMatcher();
            keep = packets -> {
                matcher.reset();
                packets.emit(matcher);
                return matcher.matches();
            };
        }
        firstPass = FirstPass.run(reader, hasInterfaceIds, limit, progress::update, preferences, keep);
        progress.done();
    }

    /**
     * Whether a first pass could change the output: a read filter chooses the frames; otherwise it
     * changes only TCP and MPTCP analysis items (FirstPass), so not unless the output or the
     * filter follows TCP conversations.
     */
    boolean needsFirstPass() {
        return readFilter != null || followsTcp(filter == null ? null : filter.newMatcher());
    }

    /** Whether TCP conversations must be followed: the MPTCP tracker, TCP analysis items shown or tested. */
    private boolean followsTcp(FilterMatcher matcher) {
        return mptcpTracking(matcher) != PacketEmitter.MptcpTracking.NONE || tcpAnalysis
                || matcher != null && PacketEmitter.needsTcpAnalysis(matcher::wantsGroup);
    }

    /**
     * How much of the MPTCP connection tracker must run: all of it when something shows or tests
     * its fields; its connections' signals for TCP's duplicate-ACK rule (summary lines, tcp.analysis.*).
     */
    private PacketEmitter.MptcpTracking mptcpTracking(FilterMatcher matcher) {
        if (analysis || matcher != null && matcher.wantsGroup(MptcpAnalysisFields.GROUP.index())) {
            return PacketEmitter.MptcpTracking.FULL;
        }
        return mptcpSignals || matcher != null && TcpFields.analysisWanted(matcher::wants)
                ? PacketEmitter.MptcpTracking.SIGNALS : PacketEmitter.MptcpTracking.NONE;
    }

    /** Frames taken from the capture so far. */
    long frames() {
        synchronized (lock) {
            return frames;
        }
    }

    /**
     * Dissects frames until the capture ends or {@code limit} frames were read, printing those
     * that pass the display filter, then finishes and flushes the output.
     *
     * @param hasInterfaceIds whether frames carry an interface id (pcapng files, live captures)
     * @return {@link Main#OK}, or {@link Main#FAILED} after a capture error, which is printed on
     *         {@code err} as one line once every frame before it was printed
     * @throws IOException when the output cannot be written
     */
    int run(CaptureReader reader, boolean hasInterfaceIds, long limit, PrintStream err) throws IOException {
        FilterMatcher matcher = filter == null ? null : filter.newMatcher();
        PacketEmitter.MptcpTracking mptcp = mptcpTracking(matcher);
        boolean tcp = followsTcp(matcher);
        boolean seqAck = seqAckItems || matcher != null && TcpFields.analysisWanted(matcher::wants);
        PacketEmitter packets = new PacketEmitter(hasInterfaceIds, mptcp, tcp, seqAck, preferences);
        if (firstPass != null) {
            packets.secondPass(firstPass);
        }
        TerminalProgress progress = new TerminalProgress(err, TerminalProgress.stderrIsTerminal());
        synchronized (lock) {
            output.start();
        }
        String failure = null;
        // After a read filter, the second pass reads what the first read, showing the frames it kept.
        boolean readFiltered = firstPass != null && firstPass.readFiltered();
        long end = readFiltered ? firstPass.framesRead() : limit;
        long kept = 0;
        try {
            RawFrame frame;
            while (frames < end && !stopped && (frame = reader.next()) != null) {
                synchronized (lock) {
                    frames++;
                    progress.update(frame.number());
                    if (readFiltered) {
                        frame = FirstPass.renumbered(frame, kept + 1);
                        packets.next(frame);
                        if (!firstPass.kept(frames - 1)) {
                            packets.readFilteredOut();
                            continue;
                        }
                        kept++;
                    } else {
                        packets.next(frame);
                    }
                    for (FrameListener listener : listeners) {
                        listener.frame(packets);
                    }
                    if (statistics != null) {
                        statistics.packet(packets);
                    }
                    if (matcher == null) {
                        output.packet(packets);
                    } else if (!output.packet(packets, matcher)) {
                        continue;
                    }
                    packets.displayed();
                    unflushed = true;
                }
            }
        } catch (CaptureException e) {
            failure = e.getMessage();
        }
        synchronized (lock) {
            output.finish();
            if (statistics != null) {
                out.write(statistics.text().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
        progress.done();
        if (failure != null) {
            err.println("mptcp-inspect: " + failure);
            return Main.FAILED;
        }
        return Main.OK;
    }

    /**
     * Ends {@link #run} after the current frame, even if the reader has more (e.g. frames already
     * captured when live's -a filesize is reached). Safe from any thread.
     */
    void stop() {
        stopped = true;
    }

    /**
     * Pushes the packets printed so far, and then {@code others}, out of their buffers, between
     * two frames. For live captures: called from a timer thread, so that packets appear while
     * the capture waits for the next one.
     */
    void flush(Flushable... others) throws IOException {
        synchronized (lock) {
            if (unflushed) {
                output.flush();
                out.flush();
                unflushed = false;
            }
            for (Flushable other : others) {
                other.flush();
            }
        }
    }

    /**
     * The exit status and message after the output could not be written. A closed pipe (e.g.
     * {@code | head}) just ends the output, silently.
     */
    static int outputFailed(IOException e, PrintStream err) {
        String m = e.getMessage();
        if (m == null || !m.contains("Broken pipe")) {
            err.println("mptcp-inspect: cannot write the output: " + Main.oneLine(e));
        }
        return Main.FAILED;
    }
}
