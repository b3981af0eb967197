package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.List;
import java.util.function.LongConsumer;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * One pass over a capture for the connection reports alone: decode, TCP conversations, MPTCP
 * tracker. (The field emitters walk the capture themselves and feed the tracker the same way.)
 */
public final class MptcpCaptureAnalysis {
    /** Sees each packet once the tracker has analyzed it (e.g. to collect a plot's points). */
    public interface AnalyzedPacketListener {
        void analyzed(RawFrame frame, DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis);
    }

    private final MptcpTracker tracker;
    private final AnalyzedPacketListener listener;
    private final TcpConversations conversations = new TcpConversations();
    private long firstNanos = Long.MIN_VALUE;
    private long frames;

    public MptcpCaptureAnalysis(MptcpTracker tracker) {
        this(tracker, null);
    }

    /** As above, {@code listener} (or null) seeing each packet after the tracker. */
    public MptcpCaptureAnalysis(MptcpTracker tracker, AnalyzedPacketListener listener) {
        this.tracker = tracker;
        this.listener = listener;
    }

    /** Runs to the end of the capture; {@code progress} gets the frame number of each frame. */
    public List<ConnectionReport> run(CaptureReader reader, LongConsumer progress) throws CaptureException {
        RawFrame frame;
        while ((frame = reader.next()) != null) {
            progress.accept(frame.number());
            add(frame);
        }
        return tracker.finish();
    }

    /** Feeds one frame. */
    public MptcpPacketAnalysis add(RawFrame frame) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = frame.timestampNanos();
        }
        frames++;
        DecodedPacket packet = PacketDecoder.decode(frame);
        TcpSegment segment = conversations.track(packet);
        MptcpPacketAnalysis analysis = tracker.analyze(packet, segment);
        if (listener != null) {
            listener.analyzed(frame, packet, segment, analysis);
        }
        return analysis;
    }

    /** Timestamp of the capture's first frame (Long.MIN_VALUE before any). */
    public long firstNanos() {
        return firstNanos;
    }

    public long frames() {
        return frames;
    }
}
