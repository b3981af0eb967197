package org.mptcpinspect.dissector.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpProblem;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.Dss;

/**
 * Presents the connection tracker's view of the current packet as Wireshark 4.0 does: the
 * "[MPTCP analysis]" subtree of the TCP layer (mptcp.master, mptcp.stream,
 * mptcp.analysis.subflows, mptcp.related_mapping, mptcp.rawdsn64, mptcp.dsn,
 * mptcp.reinjection_of, and mptcp.reinjected_in in a second pass) and, inside a DSS option,
 * mptcp.ack and mptcp.dss.dsn. Values come from the {@link MptcpTracker}; Wireshark's rules only
 * decide which items a packet shows, and the {@link Preferences} which parts of the subtree.
 * {@link PacketEmitter} sets the packet with {@link #set}; without a tracker nothing is shown.
 */
final class MptcpAnalysisEmitter {
    private static final long LOW32 = 0xffff_ffffL;

    private final Preferences preferences;

    private MptcpTracker tracker;
    private MptcpPacketAnalysis analysis = MptcpPacketAnalysis.NONE;
    private TcpSegment segment;
    private long frame;
    /** Null in a single pass: later frames are unknown. */
    private FirstPass firstPass;
    /** In a second pass, a packet the tracker held until its subflow linked: what the first pass found then. */
    private FirstPass.Held held;

    MptcpAnalysisEmitter(Preferences preferences) {
        this.preferences = preferences;
    }

    /**
     * The packet to present; returns its analysis as presented: in a second pass, a packet the
     * tracker held (no connection yet, a problem such as an unlinked subflow or unknown token) gets
     * the analysis it had once its subflow linked.
     */
    MptcpPacketAnalysis set(MptcpTracker tracker, MptcpPacketAnalysis analysis, TcpSegment segment, long frame) {
        this.tracker = tracker;
        this.held = firstPass == null || analysis.isMptcp() || analysis.problems() == 0 ? null : firstPass.held(frame);
        this.analysis = held != null ? held.analysis() : analysis;
        this.segment = segment;
        this.frame = frame;
        return this.analysis;
    }

    /** Whether the IDSN of a side of the packet's connection is known (the link's view for a held packet). */
    private boolean idsnKnown(boolean client) {
        if (held != null) {
            return client == analysis.fromClient() ? held.senderIdsnKnown() : held.receiverIdsnKnown();
        }
        return tracker.idsnKnown(analysis.connection(), client);
    }

    private long idsn(boolean client) {
        if (held != null) {
            return client == analysis.fromClient() ? analysis.senderIdsn() : held.receiverIdsn();
        }
        return tracker.idsn(analysis.connection(), client);
    }

    void secondPass(FirstPass firstPass) {
        this.firstPass = firstPass;
    }

    private boolean active(FieldSink sink) {
        return tracker != null && analysis.isMptcp() && sink.wantsGroup(MptcpAnalysisFields.GROUP.index());
    }

    /**
     * The expert for {@code problem} as the child of the item just emitted, when the tracker found
     * that problem on the packet (Wireshark's expert_add_info on an item).
     */
    void problemExpert(FieldSink sink, MptcpProblem problem, Expert expert, int offset, int length) {
        if (active(sink) && analysis.has(problem) && sink.wantsExpert(expert)) {
            sink.open();
            sink.expert(expert, expert.message(), offset, length);
            sink.close();
        }
    }

    /**
     * mptcp.ack: the DATA_ACK relative to the receiver's IDSN, once the receiver's key is known; a
     * generated item where the option starts ({@code at}), as Wireshark's. With
     * mptcp.relative_sequence_numbers off, the 64-bit DATA_ACK instead: an 8-octet one as sent
     * (no key needed), a 4-octet one widened, which takes the receiver's IDSN as the relative one does.
     */
    void dataAck(FieldSink sink, Dss dss, int at) {
        if (!active(sink) || !analysis.hasDataAck()) {
            return;
        }
        boolean receiverIsClient = !analysis.fromClient();
        if (!preferences.mptcpRelativeSequenceNumbers()) {
            if (dss.dataAckSize() == 8 || idsnKnown(receiverIsClient)) {
                sink.uint(MptcpAnalysisFields.ACK, analysis.dataAck(), at, 0);
            }
            return;
        }
        if (!idsnKnown(receiverIsClient)) {
            return;
        }
        long relative = analysis.dataAck() - idsn(receiverIsClient);
        sink.uint(MptcpAnalysisFields.ACK, relative, at, 0);
        if (sink.wantsText()) {
            sink.appendText(" (Relative)");
        }
    }

    /**
     * mptcp.dss.dsn: the DSS option's data sequence number relative to the sender's IDSN. A
     * 4-octet DSN is the low half of the 64-bit one (RFC 8684 section 3.3), so its relative value
     * is taken modulo 2^32, which holds for the first 4 GiB of each direction. Placed as
     * {@link #dataAck}.
     */
    void dssDsn(FieldSink sink, Dss dss, int at) {
        if (!active(sink) || !dss.hasMapping()) {
            return;
        }
        if (!preferences.mptcpRelativeSequenceNumbers() && dss.dataSequenceNumberSize() == 8) {
            // mptcp.relative_sequence_numbers off: the 64-bit DSN as sent, which needs no key.
            sink.uint(MptcpAnalysisFields.DSS_DSN, dss.dataSequenceNumber(), at, 0);
            return;
        }
        if (!idsnKnown(analysis.fromClient())) {
            return;
        }
        long idsn = analysis.senderIdsn();
        long relative = dss.dataSequenceNumberSize() == 8 ? dss.dataSequenceNumber() - idsn
                : (dss.dataSequenceNumber() - idsn) & LOW32;
        if (!preferences.mptcpRelativeSequenceNumbers()) {
            // A 4-octet DSN widened to 64 bits the same way (RFC 8684 section 3.3.1: the low half).
            sink.uint(MptcpAnalysisFields.DSS_DSN, idsn + relative, at, 0);
            return;
        }
        sink.uint(MptcpAnalysisFields.DSS_DSN, relative, at, 0);
        if (sink.wantsText()) {
            sink.appendText(" (Relative)");
        }
    }

    /**
     * The "[MPTCP analysis]" subtree, which Wireshark adds to packets with an MPTCP option (in a
     * single pass not to the connection's first SYN, whose conversation it has not linked yet):
     * generated items where the TCP header starts.
     */
    void subtree(FieldSink sink, TcpHeader tcp) {
        int at = tcp.offset();
        if (!active(sink) || !preferences.analyzeMptcp() || tcp.syn() && !tcp.ack() && analysis.initialSubflow() && firstPass == null) {
            return;
        }
        if (!hasMptcpOption(tcp)) {
            // Wireshark shows no subtree here; our data-level experts still belong to the packet.
            dataExperts(sink, analysis);
            return;
        }
        MptcpPacketAnalysis a = analysis;
        sink.none(MptcpAnalysisFields.ANALYSIS, at, 0);
        if (sink.wantsText()) {
            sink.label("MPTCP analysis");
        }
        sink.open();
        // A second pass lists the subflows the connection ever had, as Wireshark's does.
        // (A held packet's connection may not exist yet in this pass's tracker: the first pass's list.)
        int[] streams = firstPass == null || held == null && firstPass.subflowStreams(a.connection()).length == 0
                ? tracker.subflowStreams(a.connection()) : firstPass.subflowStreams(a.connection());
        sink.bool(MptcpAnalysisFields.MASTER, a.initialSubflow(), at, 0);
        if (sink.wantsText()) {
            // A connection first seen after its handshake has no subflow Wireshark calls master.
            sink.label(MptcpAnalysisFields.MASTER.name() + ": "
                    + (streams.length == 0 ? "False" : "Master is tcp stream " + streams[0]));
        }
        sink.uint(MptcpAnalysisFields.STREAM, a.connection(), at, 0);
        if (sink.wantsText() || sink.wants(MptcpAnalysisFields.SUBFLOWS)) {
            StringBuilder ids = new StringBuilder();
            // Wireshark lists the subflows newest first (it prepends each one it links).
            for (int i = streams.length - 1; i >= 0; i--) {
                ids.append(streams[i]).append(' ');
            }
            sink.string(MptcpAnalysisFields.SUBFLOWS, ids.toString(), at, 0);
        }
        // With mptcp.analyze_mappings off Wireshark looks no mapping up (mptcp_analysis_dsn_lookup).
        if (preferences.showsMappings()) {
            if (!(held != null ? held.synCaptured() : tracker.synCaptured(a.connection(), a.subflow(), a.fromClient()))) {
                // Wireshark places a direction's data only once it saw that direction's SYN or SYN/ACK
                // (mptcp_analysis_dsn_lookup); the subflow's sequence numbers are found without them
                // only later (a third ACK, DSS mappings), and often no IDSN is known either.
                dataExperts(sink, a);
            } else {
                dataSequence(sink, tcp, a);
            }
        }
        sink.close();
    }

    /** Where the packet sits in the data sequence space: Wireshark's mptcp_analysis_dsn_lookup. */
    private void dataSequence(FieldSink sink, TcpHeader tcp, MptcpPacketAnalysis a) {
        boolean keyKnown = idsnKnown(a.fromClient());
        long idsn = a.senderIdsn();
        if (!keyKnown && firstPass != null && tcp.syn() && a.fromClient() && firstPass.clientIdsnKnown(a.connection())) {
            // The client's first SYN, before its key (v1: in the third ACK); a second pass knows it.
            keyKnown = true;
            idsn = firstPass.clientIdsn(a.connection());
        }
        if (tcp.syn()) {
            // No data is mapped yet: the sender's IDSN itself.
            if (keyKnown) {
                rawAndRelative(sink, idsn, idsn, tcp.offset());
            }
            return;
        }
        int length = tcp.payloadLength();
        if (length == 0) {
            // Options only, no data: before any data (subflow sequence 1) it sits at IDSN + 1.
            if (segment.relativeSeq() == 1 && keyKnown) {
                rawAndRelative(sink, idsn + 1, idsn, tcp.offset());
            }
            return;
        }
        if (!a.mapped()) {
            if (a.has(MptcpProblem.MISSING_MAPPING) && sink.wantsExpert(MptcpAnalysisFields.EXPERT_MISSING_MAPPING)) {
                sink.expert(MptcpAnalysisFields.EXPERT_MISSING_MAPPING,
                        MptcpAnalysisFields.EXPERT_MISSING_MAPPING.message(), 0, 0);
            }
            return;
        }
        if (a.mappingFrame() > 0) {
            sink.uint(MptcpAnalysisFields.RELATED_MAPPING, a.mappingFrame(), tcp.offset(), 0);
        }
        if (keyKnown) {
            rawAndRelative(sink, a.dsn(), idsn, tcp.offset());
        }
        // With mptcp.intersubflows_retransmission off Wireshark compares no DSNs across subflows.
        if (preferences.showsReinjections() && !a.reinjectionOf().isEmpty()) {
            // Latest first, as Wireshark lists them.
            List<Long> frames = new ArrayList<>(a.reinjectionOf());
            frames.sort(Comparator.reverseOrder());
            for (long earlier : frames) {
                sink.uint(MptcpAnalysisFields.REINJECTION_OF, earlier, tcp.offset(), 0);
            }
        }
        if (firstPass != null && preferences.showsReinjections()) {
            // Wireshark adds these in the same interval lookup as reinjection_of.
            for (long later : firstPass.reinjectedIn().of(frame)) {
                sink.uint(MptcpAnalysisFields.REINJECTED_IN, later, tcp.offset(), 0);
            }
        }
        dataExperts(sink, a);
    }

    /**
     * Ours, not Wireshark 4.0's: the payload completes a mapping whose DSS checksum does not match
     * (RFC 8684 section 3.3.1), or resends data-level bytes another subflow carried first.
     */
    private void dataExperts(FieldSink sink, MptcpPacketAnalysis a) {
        if (!preferences.showsMappings()) {
            return; // both are findings of the mapping analysis
        }
        if (a.has(MptcpProblem.BAD_DSS_CHECKSUM) && sink.wantsExpert(MptcpAnalysisFields.EXPERT_BAD_DSS_CHECKSUM)) {
            sink.expert(MptcpAnalysisFields.EXPERT_BAD_DSS_CHECKSUM,
                    MptcpAnalysisFields.EXPERT_BAD_DSS_CHECKSUM.message(), 0, 0);
        }
        if (preferences.showsReinjections() && a.has(MptcpProblem.REINJECTION) && sink.wantsExpert(MptcpAnalysisFields.EXPERT_REINJECTION)) {
            sink.expert(MptcpAnalysisFields.EXPERT_REINJECTION, MptcpAnalysisFields.EXPERT_REINJECTION.message(),
                    0, 0);
        }
    }

    private void rawAndRelative(FieldSink sink, long raw, long idsn, int at) {
        sink.uint(MptcpAnalysisFields.RAWDSN64, raw, at, 0);
        if (!preferences.mptcpRelativeSequenceNumbers()) {
            // No relative DSN: Wireshark 4.0 then marks the raw one generated (the last item it added).
            if (sink.wantsText()) {
                sink.generated();
            }
            return;
        }
        sink.uint(MptcpAnalysisFields.DSN, raw - idsn, at, 0);
        if (sink.wantsText()) {
            sink.appendText(" (Relative)");
        }
    }

    private static boolean hasMptcpOption(TcpHeader tcp) {
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.Mptcp) {
                return true;
            }
        }
        return false;
    }
}
