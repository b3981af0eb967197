package org.mptcpinspect.lab.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * The analysis verify checks: one walk feeding each frame to the TCP conversations, the MPTCP
 * connection tracker and the counter tracker (which reuses the tracker's per-packet result), and
 * keeping each side's highest DATA_ACK. Frames may come from a live capture (one thread) or a file.
 */
public final class TrafficAnalyzer implements Consumer<RawFrame> {
    private final UnaryOperator<RawFrame> alter;
    private final TcpConversations conversations = new TcpConversations();
    private final MptcpTracker tracker = new MptcpTracker();
    private final CounterTracker counters = new CounterTracker();
    /** Per connection: the highest DATA_ACK the client sent, then the server's; null until seen. */
    private final List<Long[]> dataAcks = new ArrayList<>();
    private long frames;

    public TrafficAnalyzer() {
        this(UnaryOperator.identity());
    }

    /**
     * @param alter applied to each frame before analysis; the identity, except in the test that
     *              proves verify notices altered payload
     */
    public TrafficAnalyzer(UnaryOperator<RawFrame> alter) {
        this.alter = alter;
    }

    @Override
    public void accept(RawFrame raw) {
        frames++;
        DecodedPacket packet = PacketDecoder.decode(alter.apply(raw));
        TcpSegment segment = conversations.track(packet);
        MptcpPacketAnalysis analysis = tracker.analyze(packet, segment);
        counters.accept(packet, segment, analysis);
        if (analysis.isMptcp() && analysis.hasDataAck()) {
            while (dataAcks.size() <= analysis.connection()) {
                dataAcks.add(new Long[2]);
            }
            Long[] acks = dataAcks.get(analysis.connection());
            int side = analysis.fromClient() ? 0 : 1;
            // 64-bit sequence arithmetic: later means ahead by less than half the space.
            if (acks[side] == null || analysis.dataAck() - acks[side] > 0) {
                acks[side] = analysis.dataAck();
            }
        }
    }

    /** Ends the walk: the connections, counters and DATA_ACKs as the traffic left them. */
    public TrafficAnalysis finish() {
        counters.finish();
        return new TrafficAnalysis(tracker.finish(), counters, List.copyOf(dataAcks), frames);
    }
}
