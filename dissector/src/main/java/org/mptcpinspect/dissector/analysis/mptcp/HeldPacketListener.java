package org.mptcpinspect.dissector.analysis.mptcp;

import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodedPacket;

/**
 * Told the analysis of each packet a subflow held while it waited for its connection (its
 * {@link MptcpTracker#analyze} result then said {@link MptcpProblem#UNLINKED_SUBFLOW}), in capture
 * order, when the subflow links: during the {@code analyze} call of the packet that links it,
 * before that call returns, or in {@link MptcpTracker#finish()} for a subflow that becomes a
 * connection of its own. A consumer that counts per packet (counters) sees every packet once.
 */
@FunctionalInterface
public interface HeldPacketListener {
    void onHeldPacket(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis);

    /**
     * A held packet whose first analysis stood on its own (an MP_JOIN SYN naming an unknown token,
     * {@link MptcpProblem#UNKNOWN_TOKEN}), analysed again as its subflow links; not a packet to
     * count again. What a second pass shows for it (fields.FirstPass).
     */
    default void onReanalysedPacket(DecodedPacket packet, TcpSegment segment, MptcpPacketAnalysis analysis) {
    }
}
