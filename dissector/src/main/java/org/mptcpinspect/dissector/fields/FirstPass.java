package org.mptcpinspect.dissector.fields;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.mptcpinspect.dissector.analysis.mptcp.HeldPacketListener;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.analysis.mptcp.ReinjectedIn;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * What the first pass of a two-pass analysis (tshark -2) learns for the second: the items whose
 * value depends on frames after the one shown. As in Wireshark's second pass, a packet then shows
 * mptcp.reinjected_in (the later frames that reinject its data), the MPTCP connection's subflows
 * and each TCP conversation's completeness as at the end of the capture, and the connection's
 * first SYN gets its "[MPTCP analysis]" subtree (its conversation is known by then). A packet of a
 * subflow first seen after its SYNs, which a single pass shows in no connection while the subflow
 * waits for a packet that links it (MptcpTracker), shows the analysis it got when it linked, or at
 * the end of the capture as a connection of its own ({@link #held}).
 *
 * <p>Memory: one long per reinjection, one int and one long per TCP conversation, the subflow list and client
 * IDSN of each MPTCP connection, and a small record per packet the tracker held (bounded by the
 * tracker's budget of held bytes); nothing per other packet.
 */
public final class FirstPass {
    private static final int[] NO_STREAMS = new int[0];

    private final ReinjectedIn reinjectedIn = new ReinjectedIn();
    /** Per tcp.stream, at the end of the pass. */
    private int[] completeness = new int[64];
    /** Per tcp.stream, its iRTT at the end of the pass (nanoseconds, 0 unknown). */
    private long[] initialRtt = new long[64];
    /** Per MPTCP connection, at the end of the pass. */
    private int[][] subflowStreams = new int[0][];
    private long[] clientIdsn = new long[0];
    private boolean[] clientIdsnKnown = new boolean[0];
    /** By frame number, the packets the tracker held until their subflow linked. */
    private final Map<Long, Held> held = new HashMap<>();

    /**
     * A held packet's analysis once its subflow linked, with what the tracker knew of its
     * connection then (which the second pass's tracker, still before the link, cannot answer).
     *
     * @param synCaptured       whether the subflow's SYN (or SYN/ACK) from the packet's sender was captured
     * @param senderIdsnKnown   whether the sender's IDSN was known
     * @param receiverIdsnKnown whether the receiver's IDSN was known
     * @param receiverIdsn      the receiver's IDSN (0 unknown)
     */
    record Held(MptcpPacketAnalysis analysis, boolean synCaptured, boolean senderIdsnKnown,
                boolean receiverIdsnKnown, long receiverIdsn) {
    }
    /** With a read filter: which frames (0-based, in capture order) passed it; null without one. */
    private BitSet passed;
    /** Frames the pass read: the second pass reads no further. */
    private long framesRead;

    private FirstPass() {
    }

    /**
     * Runs the same decoding and analysis as {@link PacketEmitter} over at most {@code limit}
     * frames. A capture cut short ends the pass at the cut (the second pass reaches it too and
     * reports it).
     *
     * @param progress gets the frame number of each frame
     */
    public static FirstPass run(CaptureReader reader, boolean hasInterfaceIds, long limit, LongConsumer progress) {
        return run(reader, hasInterfaceIds, limit, progress, Preferences.DEFAULT, null);
    }

    /**
     * As {@link #run(CaptureReader, boolean, long, LongConsumer)}, with tshark's read filter (-R):
     * each frame is dissected and analysed as the next one to keep, numbered one more than the
     * frames kept so far, and kept only if {@code readFilter} accepts it (it sees this pass's
     * single-pass view). As tshark 4.0's -c, the pass ends at the first kept frame once
     * {@code limit} frames were read, kept or not. A dropped frame still feeds the trackers, and
     * its number is the next kept frame's too, as in tshark 4.0's first pass.
     *
     * @param preferences what packets show, which the read filter tests
     * @param readFilter decides whether the emitter's current frame is kept; null keeps every frame
     */
    public static FirstPass run(CaptureReader reader, boolean hasInterfaceIds, long limit, LongConsumer progress,
                                Preferences preferences, Predicate<PacketEmitter> readFilter) {
        // What the second pass needs from the first has nothing of the SEQ/ACK items; a read filter may test them.
        PacketEmitter packets = new PacketEmitter(hasInterfaceIds, PacketEmitter.MptcpTracking.FULL, true,
                readFilter != null, preferences);
        FirstPass pass = new FirstPass();
        MptcpTracker tracker = packets.mptcpTracker();
        tracker.addHeldPacketListener(new HeldPacketListener() {
            @Override
            public void onHeldPacket(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
                pass.hold(tracker, packet.number(), analysis);
            }

            @Override
            public void onReanalysedPacket(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
                pass.hold(tracker, packet.number(), analysis);
            }
        });
        pass.passed = readFilter == null ? null : new BitSet();
        long kept = 0;
        try {
            RawFrame frame;
            boolean more = limit > 0;
            while (more && (frame = reader.next()) != null) {
                progress.accept(frame.number());
                if (readFilter != null) {
                    frame = renumbered(frame, kept + 1);
                }
                packets.next(frame);
                pass.reinjectedIn.record(frame.number(), packets.mptcpPacketAnalysis());
                if (packets.segment() != null) {
                    pass.completeness(packets.segment().stream(), packets.segment().completenessAfter(),
                            packets.segment().initialRtt());
                }
                boolean keep = readFilter == null || readFilter.test(packets);
                if (readFilter != null && keep) {
                    pass.passed.set(Math.toIntExact(pass.framesRead));
                    packets.displayed();
                    kept++;
                } else if (!keep) {
                    packets.readFilteredOut();
                }
                pass.framesRead++;
                // tshark 4.0 stops at the first kept frame once -c frames were read.
                more = pass.framesRead < limit || !keep;
            }
        } catch (CaptureException e) {
            // Reported by the second pass, after the frames before the cut.
        }
        tracker.finish(); // subflows still waiting become connections of their own (their packets held)
        int connections = tracker.connectionCount();
        pass.subflowStreams = new int[connections][];
        pass.clientIdsn = new long[connections];
        pass.clientIdsnKnown = new boolean[connections];
        for (int c = 0; c < connections; c++) {
            pass.subflowStreams[c] = tracker.subflowStreams(c);
            pass.clientIdsnKnown[c] = tracker.idsnKnown(c, true);
            pass.clientIdsn[c] = tracker.idsn(c, true);
        }
        return pass;
    }

    private void hold(MptcpTracker tracker, long frame, MptcpPacketAnalysis a) {
        reinjectedIn.record(frame, a);
        int c = a.connection();
        held.put(frame, new Held(a, tracker.synCaptured(c, a.subflow(), a.fromClient()),
                tracker.idsnKnown(c, a.fromClient()), tracker.idsnKnown(c, !a.fromClient()),
                tracker.idsn(c, !a.fromClient())));
    }

    /** The analysis a packet the tracker held got when its subflow linked, or null. */
    Held held(long frame) {
        return held.isEmpty() ? null : held.get(frame);
    }

    /** {@code frame} under another frame number. */
    public static RawFrame renumbered(RawFrame frame, long number) {
        return frame.number() == number ? frame : new RawFrame(number, frame.timestampNanos(), frame.interfaceId(),
                frame.linkType(), frame.originalLength(), frame.data());
    }

    /** Whether the pass had a read filter (then {@link #kept} tells which frames it kept). */
    public boolean readFiltered() {
        return passed != null;
    }

    /** Whether the read filter kept the frame at this 0-based place in the capture. */
    public boolean kept(long index) {
        return passed == null || index < framesRead && passed.get(Math.toIntExact(index));
    }

    /** The frames this pass read; the second pass reads as many. */
    public long framesRead() {
        return framesRead;
    }

    private void completeness(int stream, int value, long rtt) {
        if (stream >= completeness.length) {
            completeness = Arrays.copyOf(completeness, Math.max(stream + 1, completeness.length * 2));
            initialRtt = Arrays.copyOf(initialRtt, completeness.length);
        }
        completeness[stream] = value;
        initialRtt[stream] = rtt;
    }

    /** tcp.analysis.initial_rtt of a conversation at the end of the capture (0: never known). */
    long initialRtt(int stream) {
        return initialRtt[stream];
    }

    ReinjectedIn reinjectedIn() {
        return reinjectedIn;
    }

    /** tcp.completeness of a conversation at the end of the capture. */
    int completeness(int stream) {
        return completeness[stream];
    }

    /** The tcp.stream of each subflow the connection ever had (mptcp.analysis.subflows). */
    int[] subflowStreams(int connection) {
        return connection < subflowStreams.length ? subflowStreams[connection] : NO_STREAMS;
    }

    boolean clientIdsnKnown(int connection) {
        return connection < clientIdsnKnown.length && clientIdsnKnown[connection];
    }

    long clientIdsn(int connection) {
        return clientIdsn[connection];
    }
}
