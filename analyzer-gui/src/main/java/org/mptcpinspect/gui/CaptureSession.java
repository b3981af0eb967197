package org.mptcpinspect.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;
import org.mptcpinspect.dissector.analysis.mptcp.WaitingSubflow;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.PcapngWriter;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.ReadAheadReader;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.SummaryColumns;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterMatcher;
import org.mptcpinspect.plot.TimelineData;
import org.mptcpinspect.plot.TimelinePlot;

/**
 * One open capture: the packet list index built by one pass of the dissector's walk
 * ({@link PacketEmitter#summarize}), and the detail tree of any frame, decoded on demand.
 *
 * <p>The walk carries per-capture state (TCP conversations: stream index, relative sequence
 * numbers, retransmission analysis), so a frame's detail needs the walk up to that frame. A
 * cursor keeps the walk's position: moving forward continues it, moving back starts it over
 * (decode and track only, no tree, which is a fraction of the indexing pass). No method here
 * touches JavaFX; all run on worker threads.
 */
public final class CaptureSession {
    private final Path file;
    private final PacketIndex index = new PacketIndex();
    private final long fileSize;

    /** The detail cursor: a walk positioned after frame {@link #cursorFrame}. */
    private PcapFileReader cursorReader;
    private PacketEmitter cursor;
    private long cursorFrame;

    /** A live capture's spool file, deleted when the session closes; null for a file someone opened. */
    private final Path spool;
    /** Whether frames are still being added to the file (a live capture running). */
    private volatile boolean growing;

    public CaptureSession(Path file) {
        this(file, null);
    }

    private CaptureSession(Path file, Path spool) {
        this.file = file;
        this.spool = spool;
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            size = 0;
        }
        this.fileSize = size;
    }

    public Path file() {
        return file;
    }

    public PacketIndex index() {
        return index;
    }

    /** Reports loading progress: frames indexed and the fraction of the file read (0..1). */
    public interface Progress {
        void update(int frames, double fraction);
    }

    /** How a load or filter pass ended. */
    public record Outcome(boolean complete, boolean cancelled, String error) {
        static final Outcome DONE = new Outcome(true, false, null);
        static final Outcome CANCELLED = new Outcome(false, true, null);
    }

    /**
     * Indexes the whole capture (call once). Rows become visible in {@link #index()} as they are
     * added. A damaged or cut-short file keeps every frame before the damage and reports the
     * reader's one-line error.
     */
    public Outcome load(Progress progress, BooleanSupplier cancelled) {
        SummaryColumns columns = new SummaryColumns();
        long bytes = 0;
        try (PcapFileReader reader = CaptureFiles.open(file);
                ReadAheadReader ahead = new ReadAheadReader(reader)) {
            // The list's columns need no MPTCP analysis: indexing skips the connection tracker.
            PacketEmitter walk = new PacketEmitter(reader.format() == CaptureFormat.PCAPNG, false);
            RawFrame frame;
            while ((frame = ahead.next()) != null) {
                index(walk, columns, frame);
                // Record header: 16 bytes in pcap, 28 + padding in pcapng; close enough for a bar.
                bytes += frame.capturedLength() + 16;
                if ((frame.number() & 0x3fff) == 0) {
                    if (cancelled.getAsBoolean()) {
                        return Outcome.CANCELLED;
                    }
                    progress.update(index.size(), fileSize == 0 ? 0 : Math.min(1.0, (double) bytes / fileSize));
                }
            }
        } catch (CaptureException e) {
            return new Outcome(false, false, e.getMessage());
        } finally {
            progress.update(index.size(), 1.0);
        }
        return Outcome.DONE;
    }

    /** Adds one frame's row: the one indexing step of loading a file and of a live capture. */
    private void index(PacketEmitter walk, SummaryColumns columns, RawFrame frame) {
        walk.next(frame);
        walk.summarize(columns);
        index.add(walk.relativeTime(), frame.timestampNanos(), frame.originalLength(), columns,
                kind(walk.packet().tcp()));
        walk.displayed();
    }

    /**
     * A running capture's frames: a {@link LiveCapture}'s ({@link #frames(LiveCapture)}); tests and
     * benchmarks replay a file through the same path.
     */
    public interface Frames extends AutoCloseable {
        /** What is captured (the interface's name). */
        String name();

        int linkType();

        /**
         * The next frame, null once stopped; while none arrives, runs {@code idle} on this thread
         * every {@link #IDLE_WAIT} or so.
         */
        RawFrame next(Runnable idle) throws CaptureException;

        /** Makes {@link #next} return null soon; from any thread. */
        void stop();

        @Override
        void close();
    }

    /** How long a live capture's thread waits for a frame before it looks whether views are due. */
    static final java.time.Duration IDLE_WAIT = java.time.Duration.ofMillis(250);

    /**
     * A live capture's frames, read ahead on a thread of their own as the live command reads them
     * ({@link ReadAheadReader#ofLiveCapture}): bursts wait in memory rather than in the kernel's
     * buffer while frames are indexed and tracked.
     */
    public static Frames frames(LiveCapture live) {
        ReadAheadReader ahead = ReadAheadReader.ofLiveCapture(live);
        return new Frames() {
            @Override
            public String name() {
                return live.interfaceName();
            }

            @Override
            public int linkType() {
                return live.linkType();
            }

            @Override
            public RawFrame next(Runnable idle) throws CaptureException {
                return ahead.next(IDLE_WAIT, idle);
            }

            @Override
            public void stop() {
                live.stop();
            }

            @Override
            public void close() {
                live.stop();
                ahead.close(); // and the capture
            }
        };
    }

    /**
     * A session for a live capture: frames are spooled to a pcap file in {@code directory} (as
     * dumpcap spools for Wireshark), so the detail, filter and stream passes read them back as
     * they read any capture file.
     */
    public static CaptureSession live(Frames capture, Path directory) throws java.io.IOException {
        Path spool = Files.createTempFile(directory, "mptcp-inspect-" + capture.name() + "-", ".pcap");
        CaptureSession session = new CaptureSession(spool, spool);
        session.growing = true;
        return session;
    }

    /**
     * What the MPTCP views show of a capture: the connections with their timeline points, each
     * host's MPTcpExt counters (null when not counted), and the subflows still waiting for a packet
     * that links them to their connection (only while a capture runs: at its end each is linked or
     * a connection of its own). Immutable.
     */
    public record Views(Connections connections, List<HostCounters> hosts, List<WaitingSubflow> waiting) {
    }

    /** A live capture's view refreshes at most this often (and only when frames came since the last). */
    static final long REFRESH_NANOS = 1_000_000_000L;

    /** What the live views' snapshots cost the capture thread: how many, total and longest (ns). */
    public record RefreshCost(int snapshots, long totalNanos, long maxNanos) {
    }

    /** A live capture's views at its end, or null (not a live session, not ended, or the analysis failed). */
    private volatile Views capturedViews;
    private volatile String analysisError;
    private volatile RefreshCost refreshCost = new RefreshCost(0, 0, 0);

    /** Whether this session is a live capture's (its file is a spool, not the user's). */
    public boolean isLive() {
        return spool != null;
    }

    /**
     * Captures until {@code capture} is stopped (or fails), indexing each frame as {@link #load}
     * does once it is in the spool file, and feeding it to the MPTCP views' tracker on this same
     * thread: at most every {@link #REFRESH_NANOS}, when frames came since, {@code publish} gets
     * the views so far (on this thread; it must only hand them over). At the end
     * {@link #capturedViews()} holds the final views, the same as a file's passes give. Call once,
     * on a session made by {@link #live}; closes the capture.
     */
    public Outcome capture(Frames capture, java.util.function.Consumer<Views> publish) {
        SummaryColumns columns = new SummaryColumns();
        LiveViews views = new LiveViews(publish);
        try (capture; PcapWriter writer = PcapWriter.create(spool, capture.linkType(), TimestampResolution.NANOSECONDS)) {
            PacketEmitter walk = new PacketEmitter(false, false);
            RawFrame frame;
            while ((frame = capture.next(views)) != null) {
                writer.write(frame);
                // On disk before it is in the list: a row's detail is read back from the spool.
                writer.flush();
                index(walk, columns, frame);
                views.add(walk);
                views.run();
            }
        } catch (CaptureException e) {
            return new Outcome(false, false, e.getMessage());
        } catch (java.io.IOException e) {
            return new Outcome(false, false, "cannot write " + spool + ": " + e.getMessage());
        } finally {
            views.finish();
            growing = false;
        }
        return Outcome.DONE;
    }

    /** The live views' tracker and when they were last published (the capture thread's). */
    private final class LiveViews implements Runnable {
        private TrackerViews analysis = new TrackerViews(true);
        private final java.util.function.Consumer<Views> publish;
        private long frames;
        private long published;
        private long publishedNanos = System.nanoTime() - REFRESH_NANOS;
        private int snapshots;
        private long totalNanos;
        private long maxNanos;

        LiveViews(java.util.function.Consumer<Views> publish) {
            this.publish = publish;
        }

        /** Feeds the walk's current frame (decoded and TCP-tracked by the indexing step). */
        void add(PacketEmitter walk) {
            if (analysis == null) {
                return;
            }
            try {
                analysis.add(walk.frame(), walk.packet(), walk.segment());
                frames++;
            } catch (RuntimeException e) {
                // A tracker bug must not end the capture: the views then come from the spool at Stop.
                analysisError = "MPTCP analysis stopped at frame " + walk.frame().number() + ": " + e;
                analysis = null;
            }
        }

        /** After each frame and while none arrives: publishes when due and something is new. */
        @Override
        public void run() {
            long now = System.nanoTime();
            if (analysis == null || frames == published || now - publishedNanos < REFRESH_NANOS) {
                return;
            }
            Views v = analysis.snapshot();
            long took = System.nanoTime() - now;
            snapshots++;
            totalNanos += took;
            maxNanos = Math.max(maxNanos, took);
            refreshCost = new RefreshCost(snapshots, totalNanos, maxNanos);
            published = frames;
            publishedNanos = now;
            publish.accept(v);
        }

        void finish() {
            if (analysis != null) {
                try {
                    capturedViews = analysis.finish();
                } catch (RuntimeException e) {
                    analysisError = "MPTCP analysis failed at the end of the capture: " + e;
                }
                // The final views hold what they show; the tracker's state goes.
                analysis = null;
            }
        }
    }

    /**
     * A live capture's views once it has ended (the same as {@link #connections} and
     * {@link #counters} give of the spool), or null: still capturing, or the analysis failed
     * ({@link #analysisError()}).
     */
    public Views capturedViews() {
        return capturedViews;
    }

    /** Why the live views' analysis stopped, or null. */
    public String analysisError() {
        return analysisError;
    }

    /** What the live views' snapshots have cost the capture thread so far. */
    public RefreshCost refreshCost() {
        return refreshCost;
    }

    /**
     * Writes the indexed frames to {@code out} as pcap or pcapng (nanosecond timestamps either
     * way, as they were captured).
     */
    public void save(Path out, CaptureFormat format) throws CaptureException, java.io.IOException {
        int total = index.size();
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            if (format == CaptureFormat.PCAPNG) {
                try (PcapngWriter writer = PcapngWriter.create(out)) {
                    java.util.Map<Integer, Integer> interfaces = new java.util.HashMap<>();
                    RawFrame frame;
                    while (reader.framesRead() < total && (frame = reader.next()) != null) {
                        int linkType = frame.linkType();
                        Integer id = interfaces.get(linkType);
                        if (id == null) {
                            id = writer.addInterface(linkType, PcapWriter.DEFAULT_SNAP_LENGTH,
                                    TimestampResolution.NANOSECONDS, 0);
                            interfaces.put(linkType, id);
                        }
                        writer.writePacket(id, frame.timestampNanos(), frame.originalLength(), frame.data());
                    }
                }
            } else {
                PcapWriter writer = null;
                try {
                    RawFrame frame;
                    while (reader.framesRead() < total && (frame = reader.next()) != null) {
                        if (writer == null) {
                            writer = PcapWriter.create(out, frame.linkType(), TimestampResolution.NANOSECONDS);
                        }
                        writer.write(frame);
                    }
                } finally {
                    if (writer != null) {
                        writer.close();
                    }
                }
            }
        }
    }

    /** The row colour key: MPTCP subtype of the packet's first MPTCP option. */
    static byte kind(TcpHeader tcp) {
        if (tcp == null) {
            return PacketIndex.NOT_TCP;
        }
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp m) {
                int subtype = m.option().subtype();
                return (byte) (subtype < 0 ? org.mptcpinspect.dissector.mptcp.MptcpSubtype.MP_EXPERIMENTAL : subtype);
            }
        }
        return PacketIndex.PLAIN_TCP;
    }

    /** A frame's bytes and detail tree. */
    public record PacketDetails(long number, byte[] data, List<DetailNode> tree) {
    }

    /** Dissects frame {@code number} (1-based) into its detail tree. */
    public synchronized PacketDetails details(long number) throws CaptureException {
        if (cursor == null || number <= cursorFrame) {
            closeCursor();
            cursorReader = CaptureFiles.open(file);
            // The tree shows the MPTCP analysis (stream, DSNs, related mapping, reinjections, experts),
            // as read -V does: the walk runs the connection tracker.
            cursor = new PacketEmitter(cursorReader.format() == CaptureFormat.PCAPNG, true);
            cursorFrame = 0;
        }
        RawFrame frame = null;
        boolean reopened = false;
        while (cursorFrame < number) {
            frame = cursorReader.next();
            if (frame == null && spool != null && !reopened) {
                // A live capture's spool grows: a reader that met its end earlier starts over.
                reopened = true;
                closeCursor();
                cursorReader = CaptureFiles.open(file);
                cursor = new PacketEmitter(false, true);
                cursorFrame = 0;
                continue;
            }
            if (frame == null) {
                throw new CaptureException(file + ": has no frame " + number);
            }
            cursor.next(frame);
            cursor.displayed();
            cursorFrame = frame.number();
        }
        DetailTreeSink sink = new DetailTreeSink();
        cursor.emit(sink);
        return new PacketDetails(number, frame.data(), sink.roots());
    }

    /**
     * The rows (0-based) whose packets pass the filter: the same walk and matcher as read -Y.
     * Returns null when cancelled.
     */
    public int[] filter(DisplayFilter filter, Progress progress, BooleanSupplier cancelled) throws CaptureException {
        try (FilterPass pass = filterPass(filter)) {
            return pass.advance(progress, cancelled);
        }
    }

    /**
     * A display filter's walk over the frames indexed so far, which goes on where it stopped
     * when asked again: a live capture's packet list is filtered as frames arrive.
     */
    public FilterPass filterPass(DisplayFilter filter) {
        return new FilterPass(filter);
    }

    /** The frames of the capture in order, read up to what is indexed; a later call goes on from there. */
    private final class IndexedFrames implements AutoCloseable {
        /** Opened at the first indexed frame (a live capture's spool may not hold one yet). */
        private PcapFileReader reader;
        /** Reads ahead on a thread of its own; only when the capture no longer grows (its end would end it). */
        private ReadAheadReader ahead;
        private long read;

        /** The next frame if it is indexed (so whole in the file), else null; more may come later. */
        RawFrame next() throws CaptureException {
            if (read >= index.size()) {
                return null;
            }
            if (reader == null) {
                reader = CaptureFiles.open(file);
                ahead = growing ? null : new ReadAheadReader(reader);
            }
            RawFrame frame = ahead != null ? ahead.next() : reader.next();
            if (frame == null) {
                throw new CaptureException(file + ": has no frame " + (read + 1));
            }
            read++;
            return frame;
        }

        /** Whether the file is pcapng (known once a frame was read; a live spool is pcap). */
        boolean pcapng() {
            return reader != null && reader.format() == CaptureFormat.PCAPNG;
        }

        long read() {
            return read;
        }

        @Override
        public void close() {
            if (ahead != null) {
                ahead.close(); // and the reader
            } else if (reader != null) {
                reader.close();
            }
        }
    }

    /** An incremental display filter pass (see {@link #filterPass}); use from one thread at a time. */
    public final class FilterPass implements AutoCloseable {
        private final FilterMatcher matcher;
        private final IndexedFrames frames = new IndexedFrames();
        /** Made at the first frame, when the file's format is known. */
        private PacketEmitter walk;

        private FilterPass(DisplayFilter filter) {
            matcher = filter.newMatcher();
        }

        /**
         * Filters the frames indexed since the last call; returns the rows (0-based, in frame
         * order) of those that pass, or null when cancelled (the pass is then spent).
         */
        public int[] advance(Progress progress, BooleanSupplier cancelled) throws CaptureException {
            long total = Math.max(1, index.size());
            int[] rows = new int[16];
            int count = 0;
            RawFrame frame;
            while ((frame = frames.next()) != null) {
                if (walk == null) {
                    // As read -Y: the tracker runs only when the filter tests an mptcp.* analysis field.
                    walk = new PacketEmitter(frames.pcapng(), matcher.wantsGroup(MptcpAnalysisFields.GROUP.index()));
                }
                walk.next(frame);
                matcher.reset();
                walk.emit(matcher);
                if (matcher.matches()) {
                    walk.displayed();
                    if (count == rows.length) {
                        rows = Arrays.copyOf(rows, count * 2);
                    }
                    rows[count++] = (int) frame.number() - 1;
                }
                if ((frame.number() & 0x3fff) == 0) {
                    if (cancelled.getAsBoolean()) {
                        return null;
                    }
                    progress.update((int) frame.number(), Math.min(1.0, (double) frame.number() / total));
                }
            }
            return Arrays.copyOf(rows, count);
        }

        /** How many frames the pass has filtered. */
        public long filtered() {
            return frames.read();
        }

        @Override
        public void close() {
            frames.close();
        }
    }

    /**
     * The MPTCP connections of the capture and each one's timeline points: one pass of the
     * dissector's connection tracker, keeping what it reports per packet.
     */
    public Connections connections(Progress progress) throws CaptureException {
        try (PcapFileReader reader = CaptureFiles.open(file);
                ReadAheadReader ahead = new ReadAheadReader(reader)) {
            TrackerViews views = new TrackerViews(false);
            TcpConversations conversations = new TcpConversations();
            int total = Math.max(1, index.size());
            RawFrame frame;
            while ((frame = ahead.next()) != null) {
                DecodedPacket packet = PacketDecoder.decode(frame);
                views.add(frame, packet, conversations.track(packet));
                if ((frame.number() & 0x3fff) == 0) {
                    progress.update((int) frame.number(), Math.min(1.0, (double) frame.number() / total));
                }
            }
            return views.finish().connections();
        }
    }

    /**
     * The tracker's connection reports, the capture's first timestamp (for relative times) and
     * each connection's timeline points (by mptcp.stream).
     */
    public record Connections(List<ConnectionReport> reports, long firstNanos, List<TimelineData> timelines) {
        /** The timeline plot of connection {@code index}. */
        TimelinePlot plot(int index) {
            return new TimelinePlot(reports.get(index), timelines.get(index), firstNanos);
        }
    }

    /** Follows connection {@code index}: both directions of its data-level stream, with its gaps. */
    public FollowedStream follow(int connection, Progress progress) throws CaptureException {
        try (FollowPass pass = followPass(connection)) {
            pass.advance(progress);
            return pass.finish();
        }
    }

    /**
     * Follows connection {@code index} over the frames indexed so far, going on where it stopped
     * when asked again: a live capture's followed stream grows as frames arrive.
     */
    public FollowPass followPass(int connection) {
        return new FollowPass(connection);
    }

    /** An incremental Follow MPTCP Stream pass (see {@link #followPass}); use from one thread at a time. */
    public final class FollowPass implements AutoCloseable {
        private final int connection;
        private final FollowedStream.Recorder recorder = new FollowedStream.Recorder();
        private final MptcpTracker tracker;
        private final org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis analysis;
        private final IndexedFrames frames = new IndexedFrames();

        private FollowPass(int connection) {
            this.connection = connection;
            tracker = new MptcpTracker((index, clientToServer) ->
                    index == connection ? recorder.sink(clientToServer) : DataStreamSink.DISCARD);
            analysis = new org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis(tracker);
        }

        /**
         * Tracks the frames indexed since the last call; returns the stream so far (the bytes
         * delivered in order up to now, as {@link MptcpTracker#snapshot()} reports them), or null
         * while the connection has not begun.
         */
        public FollowedStream advance(Progress progress) throws CaptureException {
            int total = Math.max(1, index.size());
            RawFrame frame;
            while ((frame = frames.next()) != null) {
                analysis.add(frame);
                if ((frame.number() & 0x3fff) == 0) {
                    progress.update((int) frame.number(), Math.min(1.0, (double) frame.number() / total));
                }
            }
            List<ConnectionReport> reports = tracker.snapshot();
            return connection >= 0 && connection < reports.size()
                    ? new FollowedStream(reports.get(connection), recorder) : null;
        }

        /** The whole stream once the capture's last frame has been tracked (ends the pass). */
        public FollowedStream finish() throws CaptureException {
            List<ConnectionReport> reports = tracker.finish();
            if (connection < 0 || connection >= reports.size()) {
                throw new CaptureException("no MPTCP connection " + connection + " (there are " + reports.size() + ")");
            }
            return new FollowedStream(reports.get(connection), recorder);
        }

        /** Which connection it follows. */
        public int connection() {
            return connection;
        }

        /** How many frames the pass has tracked. */
        public long tracked() {
            return frames.read();
        }

        @Override
        public void close() {
            frames.close();
        }
    }

    /**
     * Writes one direction of a connection's stream, whole, as the stream command does (the same
     * tracker and {@link FormattingSink}); returns that direction's report.
     */
    public StreamReport saveStream(int connection, boolean clientToServer, FormattingSink.Format format, Path out,
            Progress progress) throws CaptureException, java.io.IOException {
        try (java.io.OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            FormattingSink sink = new FormattingSink(file, format);
            MptcpTracker tracker = new MptcpTracker((index, c2s) ->
                    index == connection && c2s == clientToServer ? sink : DataStreamSink.DISCARD);
            List<ConnectionReport> reports;
            try {
                reports = track(tracker, progress);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            if (connection < 0 || connection >= reports.size()) {
                throw new CaptureException("no MPTCP connection " + connection);
            }
            ConnectionReport c = reports.get(connection);
            return clientToServer ? c.c2s() : c.s2c();
        }
    }

    /** One tracker pass over the whole capture (for the streams its sinks collect). */
    private List<ConnectionReport> track(MptcpTracker tracker, Progress progress) throws CaptureException {
        try (PcapFileReader reader = CaptureFiles.open(file);
                ReadAheadReader ahead = new ReadAheadReader(reader)) {
            var analysis = new org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis(tracker);
            int total = Math.max(1, index.size());
            return analysis.run(ahead, n -> {
                if ((n & 0x3fff) == 0) {
                    progress.update((int) n, Math.min(1.0, (double) n / total));
                }
            });
        }
    }

    /** Each host's MPTcpExt counters for the capture (the counters command's tracker), by host. */
    public List<HostCounters> counters(Progress progress) throws CaptureException {
        CounterTracker tracker = new CounterTracker();
        try (PcapFileReader reader = CaptureFiles.open(file);
                ReadAheadReader ahead = new ReadAheadReader(reader)) {
            int total = Math.max(1, index.size());
            RawFrame frame;
            while ((frame = ahead.next()) != null) {
                tracker.accept(PacketDecoder.decode(frame));
                if ((frame.number() & 0x3fff) == 0) {
                    progress.update((int) frame.number(), Math.min(1.0, (double) frame.number() / total));
                }
            }
        }
        tracker.finish();
        return tracker.hosts(-1);
    }

    private void closeCursor() {
        if (cursorReader != null) {
            cursorReader.close();
            cursorReader = null;
            cursor = null;
        }
    }

    /** Releases the detail cursor's file. */
    public synchronized void close() {
        closeCursor();
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (java.io.IOException e) {
                // A temporary file left behind: nothing the user can act on.
            }
        }
    }
}
