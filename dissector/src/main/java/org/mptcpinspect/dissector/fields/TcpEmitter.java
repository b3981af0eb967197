package org.mptcpinspect.dissector.fields;

import java.util.Arrays;
import java.util.List;
import org.mptcpinspect.dissector.analysis.tcp.TcpAcked;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.DecodeFlag;
import org.mptcpinspect.dissector.decode.Problem;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.MalformedMptcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpOptionDissector;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/** Emits the TCP header, its options (MPTCP's through {@link MptcpEmitter}) and the payload. */
final class TcpEmitter {
    /** Letters of tcp.flags.str, from the top reserved bit down to FIN. */
    private static final char[] FLAG_LETTERS = {'R', 'R', 'R', 'A', 'C', 'E', 'U', 'A', 'P', 'R', 'S', 'F'};
    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    private static final long LOW32 = 0xffff_ffffL;

    private final MptcpEmitter mptcp;
    /** tcp.relative_sequence_numbers: sequence numbers relative to each side's ISN, or as on the wire. */
    private final boolean relative;
    /** Null in a single pass; in a second pass, each conversation's completeness at the capture's end. */
    private FirstPass firstPass;

    TcpEmitter(MptcpEmitter mptcp, boolean relative) {
        this.mptcp = mptcp;
        this.relative = relative;
    }

    void secondPass(FirstPass firstPass) {
        this.firstPass = firstPass;
    }

    /** How the TCP layer ended: whole, or cut short the way that stops Wireshark's dissection. */
    enum Outcome {
        COMPLETE,
        /** An option ran out of bytes: "[Malformed Packet: MPTCP]", nothing after it. */
        MALFORMED,
        /** The snaplen cut the options: "[Packet size limited during capture: TCP truncated]". */
        CUT,
        /** The snaplen cut an MPTCP option: "[Packet size limited during capture: MPTCP truncated]". */
        CUT_MPTCP
    }

    Outcome emit(FieldSink sink, byte[] frame, TcpHeader tcp, TcpSegment seg, List<DecodeFlag> problems) {
        if (!sink.wantsGroup(TcpFields.GROUP.index())) {
            return mptcpOnly(sink, frame, tcp);
        }
        int o = tcp.offset();
        int flags = tcp.flags();
        boolean ack = tcp.ack();
        long seq = seq(tcp, seg, relative);
        long acknowledged = ack(tcp, seg, relative);
        sink.protocol(TcpFields.TCP, o, Math.max(TcpHeader.MIN_LENGTH, tcp.payloadOffset() - o));
        if (sink.wantsText()) {
            sink.label("Transmission Control Protocol, Src Port: " + tcp.sourcePort() + ", Dst Port: "
                    + tcp.destinationPort() + ", Seq: " + seq + (ack ? ", Ack: " + acknowledged : "")
                    + ", Len: " + tcp.payloadLength());
        }
        sink.open();
        sink.uint(TcpFields.SRCPORT, tcp.sourcePort(), o, 2);
        sink.uint(TcpFields.DSTPORT, tcp.destinationPort(), o + 2, 2);
        sink.uint(TcpFields.PORT, tcp.sourcePort(), o, 2);
        sink.uint(TcpFields.PORT, tcp.destinationPort(), o + 2, 2);
        // Generated items covering no bytes, placed where Wireshark places them (the header's start).
        sink.uint(TcpFields.STREAM, seg.stream(), o, 0);
        // Wireshark's second pass shows the whole conversation's completeness, its first what came before.
        int completeness = firstPass == null ? seg.completeness() : firstPass.completeness(seg.stream());
        sink.uint(TcpFields.COMPLETENESS, completeness, FieldSink.NO_BYTES, 0); // no data source, as Wireshark's
        if (sink.wantsText()) {
            sink.label("Conversation completeness: " + TcpSegment.completenessLabel(completeness));
        }
        sink.uint(TcpFields.LEN, tcp.payloadLength(), o, 0);
        sink.uint(TcpFields.SEQ, seq, o + 4, 4);
        if (sink.wantsText() && relative) {
            sink.appendText("    (relative sequence number)");
        }
        sink.uint(TcpFields.SEQ_RAW, tcp.sequenceNumber(), o + 4, 4);
        // With raw numbers tcp.seq already is the raw one: Wireshark hides the duplicate (and the ACK's).
        hideUnlessRelative(sink);
        sink.uint(TcpFields.NXTSEQ, relative ? seg.nextSeq() : (tcp.sequenceNumber() + seg.nextSeq()
                - seg.relativeSeq()) & LOW32, o, 0);
        if (sink.wantsText() && relative) {
            sink.appendText("    (relative sequence number)");
        }
        sink.uint(TcpFields.ACK, acknowledged, o + 8, 4);
        if (sink.wantsText() && ack && relative) {
            sink.appendText("    (relative ack number)");
        }
        sink.uint(TcpFields.ACK_RAW, tcp.acknowledgmentNumber(), o + 8, 4);
        hideUnlessRelative(sink);
        int hl = tcp.headerLength();
        sink.uint(TcpFields.HDR_LEN, hl, o + 12, 1);
        if (sink.wantsText()) {
            sink.label(TreeLabels.bitPattern(0xf0, (hl / 4) << 4, 8) + " = Header Length: " + hl + " bytes ("
                    + hl / 4 + ")");
        }
        flags(sink, tcp, seg);
        sink.uint(TcpFields.WINDOW_SIZE_VALUE, tcp.window(), o + 14, 2);
        sink.uint(TcpFields.WINDOW_SIZE, seg.windowSize(), o + 14, 2);
        if (seg.windowScale() != TcpSegment.SCALE_NOT_APPLIED) {
            int factor = seg.windowScale() >= 0 ? 1 << seg.windowScale() : seg.windowScale();
            sink.sint(TcpFields.WINDOW_SIZE_SCALEFACTOR, factor, o + 14, 2);
            if (sink.wantsText() && factor < 0) {
                sink.appendText(factor == TcpSegment.SCALE_UNKNOWN ? " (unknown)" : " (no window scaling used)");
            }
        }
        sink.uint(TcpFields.CHECKSUM, tcp.checksum(), o + 16, 2);
        if (sink.wantsText()) {
            sink.appendText(" [unverified]");
        }
        sink.uint(TcpFields.CHECKSUM_STATUS, 2, o + 16, 0);
        sink.uint(TcpFields.URGENT_POINTER, tcp.urgentPointer(), o + 18, 2);
        int optionsLength = tcp.optionsLength();
        Outcome outcome = optionsLength > 0 ? options(sink, frame, tcp, seg, optionsLength, problems)
                : Outcome.COMPLETE;
        if (outcome == Outcome.COMPLETE) {
            afterOptions(sink, seg, o);
            mptcp.analysisSubtree(sink, tcp);
        }
        int captured = tcp.payloadCapturedLength();
        if (captured > 0 && outcome == Outcome.COMPLETE) {
            int p = tcp.payloadOffset();
            sink.bytes(TcpFields.PAYLOAD, frame, p, p + captured);
            if (sink.wantsText()) {
                sink.label("TCP payload (" + captured + " byte" + (captured == 1 ? "" : "s") + ")");
            }
            if ((seg.analysis() & TcpSegment.RETRANSMISSION) != 0 && captured == tcp.payloadLength()) {
                // Wireshark shows a retransmission's payload so (an out-of-order one it just does not
                // dissect further); not when the capture cut it.
                sink.bytes(TcpFields.SEGMENT_DATA, frame, p, p + captured);
                if (sink.wantsText()) {
                    sink.label("Retransmitted TCP segment data (" + tcp.payloadLength() + " bytes)");
                }
            }
        }
        sink.close();
        return outcome;
    }

    private void hideUnlessRelative(FieldSink sink) {
        if (!relative) {
            sink.hide();
        }
    }

    /** tcp.seq: relative to the sender's ISN, or the raw number. */
    private static long seq(TcpHeader tcp, TcpSegment seg, boolean relative) {
        return relative ? seg.relativeSeq() : tcp.sequenceNumber();
    }

    /** tcp.ack: relative to the peer's ISN, or the raw number; 0 without the ACK flag. */
    private static long ack(TcpHeader tcp, TcpSegment seg, boolean relative) {
        return relative ? seg.relativeAck() : tcp.ack() ? tcp.acknowledgmentNumber() : 0;
    }

    /** What SACK edges are shown relative to: the peer's ISN, or 0 for raw numbers. */
    private static long sackBase(TcpSegment seg, boolean relative) {
        return relative && seg.peerBaseKnown() ? seg.peerBase() : 0;
    }

    /** The MPTCP options alone, for sinks that want no tcp.* field (the common -e tcp.options.mptcp.* case). */
    private Outcome mptcpOnly(FieldSink sink, byte[] frame, TcpHeader tcp) {
        if (!sink.wantsGroup(MptcpFields.GROUP.index()) && !sink.wantsGroup(MptcpAnalysisFields.GROUP.index())) {
            return Outcome.COMPLETE;
        }
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp m && mptcp.emit(sink, frame, m.option())) {
                return Outcome.MALFORMED;
            }
            if (option instanceof TcpOption.Truncated t) {
                return truncated(sink, frame, t);
            }
        }
        mptcp.analysisSubtree(sink, tcp);
        return Outcome.COMPLETE;
    }

    /**
     * What Wireshark adds after the options item: "[Timestamps]" and, when dissecting the options
     * did not stop the TCP dissection, "[SEQ/ACK analysis]".
     */
    private void afterOptions(FieldSink sink, TcpSegment seg, int at) {
        timestamps(sink, seg, at);
        if (seg.acked() != null && (sink.wantsText() || sink.wantsGroup(TcpFields.GROUP.index()))) {
            sequenceAnalysis(sink, seg, seg.acked(), at);
        }
    }

    /**
     * "[SEQ/ACK analysis]" as Wireshark's tcp_print_sequence_number_analysis builds it: generated
     * items where the header starts; the analysis flags' experts under "[TCP Analysis Flags]".
     */
    private void sequenceAnalysis(FieldSink sink, TcpSegment seg, TcpAcked ta, int at) {
        sink.none(TcpFields.ANALYSIS, at, 0);
        if (sink.wantsText()) {
            sink.label(TcpFields.ANALYSIS.name());
        }
        sink.open();
        if (ta.frameAcked() != 0) {
            sink.uint(TcpFields.ACKS_FRAME, ta.frameAcked(), at, 0);
            if (ta.ackRtt() != 0) {
                sink.time(TcpFields.ACK_RTT, ta.ackRtt(), at, 0);
            }
        }
        // A second pass shows the conversation's iRTT as the first pass ended, as Wireshark's.
        long initialRtt = firstPass == null ? seg.initialRtt() : firstPass.initialRtt(seg.stream());
        if (initialRtt != 0) {
            sink.time(TcpFields.INITIAL_RTT, initialRtt, at, 0);
        }
        if (ta.bytesInFlight() != 0) {
            sink.uint(TcpFields.BYTES_IN_FLIGHT, ta.bytesInFlight(), at, 0);
            sink.uint(TcpFields.PUSH_BYTES_SENT, ta.pushBytesSent(), at, 0);
        }
        int a = seg.analysis();
        if (a != 0) {
            sink.none(TcpFields.ANALYSIS_FLAGS, at, 0);
            if (sink.wantsText()) {
                sink.label(TcpFields.ANALYSIS_FLAGS.name());
            }
            sink.open();
            flag(sink, a, TcpSegment.REUSED_PORTS, TcpFields.EXPERT_REUSED_PORTS, at);
            flag(sink, a, TcpSegment.RETRANSMISSION, TcpFields.EXPERT_RETRANSMISSION, at);
            if ((a & TcpSegment.RETRANSMISSION) != 0 && ta.rto() != 0) {
                sink.time(TcpFields.RTO, ta.rto(), at, 0);
                sink.uint(TcpFields.RTO_FRAME, ta.rtoFrame(), at, 0);
            }
            if ((a & TcpSegment.FAST_RETRANSMISSION) != 0) {
                flag(sink, a, TcpSegment.FAST_RETRANSMISSION, TcpFields.EXPERT_FAST_RETRANSMISSION, at);
                flag(sink, a, TcpSegment.FAST_RETRANSMISSION, TcpFields.EXPERT_RETRANSMISSION, at);
            }
            if ((a & TcpSegment.SPURIOUS_RETRANSMISSION) != 0) {
                flag(sink, a, TcpSegment.SPURIOUS_RETRANSMISSION, TcpFields.EXPERT_SPURIOUS_RETRANSMISSION, at);
                flag(sink, a, TcpSegment.SPURIOUS_RETRANSMISSION, TcpFields.EXPERT_RETRANSMISSION, at);
            }
            flag(sink, a, TcpSegment.OUT_OF_ORDER, TcpFields.EXPERT_OUT_OF_ORDER, at);
            flag(sink, a, TcpSegment.LOST_PACKET, TcpFields.EXPERT_LOST_SEGMENT, at);
            flag(sink, a, TcpSegment.ACK_LOST_PACKET, TcpFields.EXPERT_ACK_LOST_SEGMENT, at);
            flag(sink, a, TcpSegment.WINDOW_UPDATE, TcpFields.EXPERT_WINDOW_UPDATE, at);
            flag(sink, a, TcpSegment.WINDOW_FULL, TcpFields.EXPERT_WINDOW_FULL, at);
            flag(sink, a, TcpSegment.KEEP_ALIVE, TcpFields.EXPERT_KEEP_ALIVE, at);
            flag(sink, a, TcpSegment.KEEP_ALIVE_ACK, TcpFields.EXPERT_KEEP_ALIVE_ACK, at);
            if (seg.duplicateAck() != 0 && (a & TcpSegment.DUPLICATE_ACK) != 0) {
                sink.none(TcpFields.DUPLICATE_ACK, at, 0);
                if (sink.wantsText()) {
                    sink.label("This is a TCP duplicate ack");
                }
            }
            // Raised on the flags item after the duplicate ACK's items: still its children.
            flag(sink, a, TcpSegment.ZERO_WINDOW_PROBE, TcpFields.EXPERT_ZERO_WINDOW_PROBE, at);
            flag(sink, a, TcpSegment.ZERO_WINDOW, TcpFields.EXPERT_ZERO_WINDOW, at);
            flag(sink, a, TcpSegment.ZERO_WINDOW_PROBE_ACK, TcpFields.EXPERT_ZERO_WINDOW_PROBE_ACK, at);
            sink.close();
            if (seg.duplicateAck() != 0) {
                sink.uint(TcpFields.DUPLICATE_ACK_NUM, seg.duplicateAck(), at, 0);
                sink.uint(TcpFields.DUPLICATE_ACK_FRAME, seg.duplicateAckFrame(), at, 0);
                if (sink.wantsExpert(TcpFields.EXPERT_DUPLICATE_ACK)) {
                    sink.open();
                    sink.expert(TcpFields.EXPERT_DUPLICATE_ACK, "Duplicate ACK (#" + seg.duplicateAck() + ")", at, 0);
                    sink.close();
                }
            }
        }
        sink.close();
    }

    private static void flag(FieldSink sink, int analysis, int flag, Expert expert, int at) {
        if ((analysis & flag) != 0 && sink.wantsExpert(expert)) {
            sink.expert(expert, expert.message(), at, 0);
        }
    }

    /** "[Timestamps]": time since the stream's first and previous segment, where the header starts. */
    private static void timestamps(FieldSink sink, TcpSegment seg, int at) {
        if (sink.wantsText() || sink.wants(TcpFields.TIME_RELATIVE) || sink.wants(TcpFields.TIME_DELTA)) {
            if (sink.wantsText()) {
                sink.text("Timestamps", true, at, 0);
            }
            sink.open();
            sink.time(TcpFields.TIME_RELATIVE, seg.sinceFirst(), at, 0);
            sink.time(TcpFields.TIME_DELTA, seg.sincePrevious(), at, 0);
            sink.close();
        }
    }

    /** A TCP header cut inside its first 20 bytes: tshark shows the ports that fit, then gives up. */
    static void truncatedHeader(FieldSink sink, byte[] frame, int offset) {
        int available = frame.length - offset;
        int sport = available >= 2 ? ((frame[offset] & 0xff) << 8) | (frame[offset + 1] & 0xff) : -1;
        int dport = available >= 4 ? ((frame[offset + 2] & 0xff) << 8) | (frame[offset + 3] & 0xff) : -1;
        sink.protocol(TcpFields.TCP, offset, available);
        if (sink.wantsText()) {
            sink.label("Transmission Control Protocol" + (sport >= 0 ? ", Src Port: " + sport : "")
                    + (dport >= 0 ? ", Dst Port: " + dport : ""));
        }
        sink.open();
        if (sport >= 0) {
            sink.uint(TcpFields.SRCPORT, sport, offset, 2);
        }
        if (dport >= 0) {
            sink.uint(TcpFields.DSTPORT, dport, offset + 2, 2);
            sink.uint(TcpFields.PORT, sport, offset, 2);
            sink.uint(TcpFields.PORT, dport, offset + 2, 2);
        }
        sink.close();
    }

    private void flags(FieldSink sink, TcpHeader tcp, TcpSegment seg) {
        int o = tcp.offset();
        int flags = tcp.flags();
        sink.uint(TcpFields.FLAGS, flags, o + 12, 2);
        if (sink.wantsText()) {
            sink.label(String.format("Flags: 0x%03x (%s)", flags, flagNames(flags)));
        }
        sink.open();
        // Each flag on the byte that holds it, as Wireshark adds them.
        sink.bool(TcpFields.FLAGS_RES, (flags & TcpHeader.RESERVED) != 0, o + 12, 1);
        sink.bool(TcpFields.FLAGS_AE, tcp.ae(), o + 12, 1);
        sink.bool(TcpFields.FLAGS_CWR, tcp.cwr(), o + 13, 1);
        sink.bool(TcpFields.FLAGS_ECE, tcp.ece(), o + 13, 1);
        sink.bool(TcpFields.FLAGS_URG, tcp.urg(), o + 13, 1);
        sink.bool(TcpFields.FLAGS_ACK, tcp.ack(), o + 13, 1);
        sink.bool(TcpFields.FLAGS_PUSH, tcp.psh(), o + 13, 1);
        sink.bool(TcpFields.FLAGS_RESET, tcp.rst(), o + 13, 1);
        if (tcp.rst()) {
            expertUnder(sink, TcpFields.EXPERT_RST, null, o + 13);
        }
        sink.bool(TcpFields.FLAGS_SYN, tcp.syn(), o + 13, 1);
        if (tcp.syn()) {
            String port = ": server port " + (tcp.ack() ? tcp.sourcePort() : tcp.destinationPort());
            expertUnder(sink, tcp.ack() ? TcpFields.EXPERT_SYNACK : TcpFields.EXPERT_SYN, port, o + 13);
        }
        sink.bool(TcpFields.FLAGS_FIN, tcp.fin(), o + 13, 1);
        if (tcp.fin()) {
            expertUnder(sink, TcpFields.EXPERT_FIN, null, o + 13);
        }
        if (sink.wantsText() || sink.wants(TcpFields.FLAGS_STR)) {
            StringBuilder str = new StringBuilder(12);
            for (int bit = 11; bit >= 0; bit--) {
                str.append((flags & (1 << bit)) != 0 ? FLAG_LETTERS[11 - bit] : '\u00b7');
            }
            sink.string(TcpFields.FLAGS_STR, str.toString(), o + 12, 2);
        }
        if (seg.closing() != 0) {
            // Wireshark attaches who closes first to the flags string item.
            expertUnder(sink, seg.closing() == TcpSegment.CLOSING_ACTIVE ? TcpFields.EXPERT_FIN_ACTIVE
                    : TcpFields.EXPERT_FIN_PASSIVE, null, o + 12);
        }
        sink.close();
    }

    /**
     * Expert info as the child of the item just added (Wireshark attaches it to the flag's item),
     * at {@code offset}, where that item's bytes start.
     */
    private static void expertUnder(FieldSink sink, Expert expert, String suffix,
                                    int offset) {
        if (sink.wantsExpert(expert)) {
            sink.open();
            sink.expert(expert, suffix == null ? expert.message() : expert.message() + suffix, offset, 2);
            sink.close();
        }
    }

    /** "SYN, ACK": the set flags as Wireshark's Flags line and Info column name them. */
    static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(FLAG_NAMES[bit]);
            }
        }
        if ((flags & TcpHeader.RESERVED) != 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("Reserved");
        }
        return sb.length() == 0 ? "<None>" : sb.toString();
    }

    private Outcome options(FieldSink sink, byte[] frame, TcpHeader tcp, TcpSegment seg, int optionsLength,
                            List<DecodeFlag> flags) {
        int start = tcp.optionsOffset();
        int end = start + optionsLength;
        List<TcpOption> options = tcp.options();
        sink.bytes(TcpFields.OPTIONS, frame, start, Math.min(end, frame.length));
        if (sink.wantsText()) {
            StringBuilder names = new StringBuilder("Options: (").append(optionsLength).append(" bytes)");
            for (TcpOption option : options) {
                // An option whose dissection throws never gets its name appended.
                if (!endsDissection(option)) {
                    names.append(", ").append(optionName(option.kind()));
                }
            }
            sink.label(names.toString());
        }
        sink.open();
        int nops = 0;
        for (TcpOption option : options) {
            if (option instanceof TcpOption.NoOperation) {
                // Wireshark's rule: a NOP counts when it is the first or not 32-bit aligned within
                // the TCP header; an aligned NOP after others restarts the count.
                if (nops == 0 || (option.offset() - tcp.offset()) % 4 != 0) {
                    if (++nops == 4 && sink.wantsExpert(TcpFields.EXPERT_NOP)) {
                        // Wireshark flags the options item (where the expert sits), not the NOP.
                        sink.expert(TcpFields.EXPERT_NOP, TcpFields.EXPERT_NOP.message(), start, end - start);
                    }
                } else {
                    nops = 0;
                }
            }
            Outcome outcome = option(sink, frame, option, seg, tcp);
            if (outcome != Outcome.COMPLETE) {
                sink.close();
                timestamps(sink, seg, tcp.offset());
                return outcome;
            }
        }
        unparsableOption(sink, frame, tcp, options, flags);
        sink.close();
        if (cutByCapture(flags)) {
            timestamps(sink, seg, tcp.offset());
            return Outcome.CUT;
        }
        return Outcome.COMPLETE;
    }

    private static boolean cutByCapture(List<DecodeFlag> flags) {
        for (DecodeFlag flag : flags) {
            if (flag.problem() == Problem.TCP_OPTIONS_TRUNCATED) {
                return true;
            }
        }
        return false;
    }

    static boolean endsDissection(TcpOption o) {
        return o instanceof TcpOption.Truncated || o instanceof TcpOption.Mptcp m
                && m.option() instanceof MalformedMptcpOption bad && bad.subtype() != MptcpSubtype.MP_JOIN;
    }

    /**
     * An option the snaplen cut: Wireshark shows the fields that fit, then stops. The option's
     * bytes are padded to its length so the usual code can run; the limit drops what was not captured.
     */
    private Outcome truncated(FieldSink sink, byte[] frame, TcpOption.Truncated t) {
        int o = t.offset();
        byte[] padded = Arrays.copyOf(frame, Math.max(frame.length, o + t.length()));
        FieldSink limited = new LimitSink(sink, frame.length, true);
        if (t.kind() == TcpOption.MPTCP) {
            mptcp.emit(limited, padded, MptcpOptionDissector.dissect(padded, o, t.length()));
            return Outcome.CUT_MPTCP;
        }
        item(sink, frame, optionField(t.kind()), t);
        children(sink, t);
        switch (t.kind()) {
            case TcpOption.MSS -> limited.uint(TcpFields.MSS_VAL, u16(padded, o + 2), o + 2, 2);
            case TcpOption.WINDOW_SCALE -> {
                int shift = padded[o + 2] & 0xff;
                limited.uint(TcpFields.WSCALE_SHIFT, shift, o + 2, 1);
                limited.uint(TcpFields.WSCALE_MULTIPLIER, 1 << Math.min(shift, 14), o + 2, 1);
            }
            case TcpOption.TIMESTAMPS -> {
                limited.uint(TcpFields.TSVAL, u32(padded, o + 2), o + 2, 4);
                limited.uint(TcpFields.TSECR, u32(padded, o + 6), o + 6, 4);
            }
            case TcpOption.TCP_AO -> {
                limited.uint(TcpFields.AO_KEYID, padded[o + 2] & 0xff, o + 2, 1);
                limited.uint(TcpFields.AO_RNEXTKEYID, padded[o + 3] & 0xff, o + 3, 1);
            }
            default -> {
            }
        }
        sink.close();
        return Outcome.CUT;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    /**
     * An option whose length byte is too short or runs past the options ends the list; the
     * decoder keeps no record of it, only a flag. Wireshark shows a text item with expert info.
     */
    private static void unparsableOption(FieldSink sink, byte[] frame, TcpHeader tcp, List<TcpOption> options,
                                         List<DecodeFlag> flags) {
        int end = tcp.optionsOffset() + tcp.optionsLength();
        for (DecodeFlag flag : flags) {
            int at = flag.offset();
            if (flag.problem() != Problem.TCP_OPTION_BAD_LENGTH || at < tcp.optionsOffset() || at + 1 >= end
                    || at + 1 >= frame.length || recorded(options, at)) {
                continue;
            }
            int kind = frame[at] & 0xff;
            int length = frame[at + 1] & 0xff;
            String text = optionName(kind) + (length < 2 ? " (with too-short option length = " + length + " bytes)"
                    : " (option length = " + length + " bytes says option goes past end of options)");
            if (sink.wantsText()) {
                sink.text(text, false, at, end - at);
            }
            if (sink.wantsExpert(TcpFields.EXPERT_OPTION_LEN_INVALID)) {
                sink.open();
                sink.expert(TcpFields.EXPERT_OPTION_LEN_INVALID, text, at, end - at);
                sink.close();
            }
        }
    }

    private static boolean recorded(List<TcpOption> options, int offset) {
        for (TcpOption o : options) {
            if (offset >= o.offset() && offset < o.offset() + Math.max(1, o.length())) {
                return true;
            }
        }
        return false;
    }

    /** The fixed length of an option kind, or 0 when it varies. */
    private static int expectedLength(int kind) {
        return switch (kind) {
            case TcpOption.MSS -> 4;
            case TcpOption.WINDOW_SCALE -> 3;
            case TcpOption.SACK_PERMITTED -> 2;
            case TcpOption.TIMESTAMPS -> 10;
            case TcpOption.MD5_SIGNATURE -> 18;
            default -> 0;
        };
    }

    /** Wireshark's short name of an option kind, as the Options line and its messages use it. */
    private static String optionName(int kind) {
        return switch (kind) {
            case TcpOption.EOL -> "End of Option List (EOL)";
            case TcpOption.NOP -> "No-Operation (NOP)";
            case TcpOption.MSS -> "Maximum segment size";
            case TcpOption.WINDOW_SCALE -> "Window scale";
            case TcpOption.SACK_PERMITTED -> "SACK permitted";
            case TcpOption.SACK -> "SACK";
            case 6 -> "Echo";
            case 7 -> "Echo reply";
            case TcpOption.TIMESTAMPS -> "Timestamps";
            case 11 -> "CC";
            case 12 -> "CC.NEW";
            case 13 -> "CC.ECHO";
            case TcpOption.MD5_SIGNATURE -> "TCP MD5 signature";
            case 28 -> "User Timeout";
            case TcpOption.TCP_AO -> "TCP AO";
            case TcpOption.MPTCP -> "MPTCP";
            case 34 -> "TCP Fast Open";
            default -> String.format("Unknown (0x%02x)", kind);
        };
    }

    private Outcome option(FieldSink sink, byte[] frame, TcpOption option, TcpSegment seg, TcpHeader tcp) {
        int o = option.offset();
        int len = option.length();
        switch (option) {
            case TcpOption.EndOfOptionList e -> eol(sink, frame, o);
            case TcpOption.NoOperation n -> {
                sink.bytes(TcpFields.OPTION_NOP, frame, o, o + 1);
                if (sink.wantsText()) {
                    sink.label(TcpFields.OPTION_NOP.name());
                }
                sink.open();
                kind(sink, option);
                sink.close();
            }
            case TcpOption.MaximumSegmentSize m -> {
                item(sink, frame, TcpFields.OPTION_MSS, option);
                if (sink.wantsText()) {
                    sink.appendText(": " + m.value() + " bytes");
                }
                children(sink, option);
                sink.uint(TcpFields.MSS_VAL, m.value(), o + 2, 2);
                sink.close();
            }
            case TcpOption.WindowScale w -> {
                item(sink, frame, TcpFields.OPTION_WSCALE, option);
                if (sink.wantsText()) {
                    sink.appendText(": " + w.shiftCount() + " (multiply by " + w.multiplier() + ")");
                }
                children(sink, option);
                sink.uint(TcpFields.WSCALE_SHIFT, w.shiftCount(), o + 2, 1);
                sink.uint(TcpFields.WSCALE_MULTIPLIER, w.multiplier(), o + 2, 1);
                sink.close();
            }
            case TcpOption.SackPermitted s -> {
                head(sink, frame, TcpFields.OPTION_SACK_PERM, option);
                sink.close();
            }
            case TcpOption.Sack s -> sack(sink, frame, s, seg, relative);
            case TcpOption.Timestamps t -> {
                item(sink, frame, TcpFields.OPTION_TIMESTAMP, option);
                if (sink.wantsText()) {
                    sink.appendText(": TSval " + t.value() + ", TSecr " + t.echoReply());
                }
                children(sink, option);
                sink.uint(TcpFields.TSVAL, t.value(), o + 2, 4);
                sink.uint(TcpFields.TSECR, t.echoReply(), o + 6, 4);
                sink.close();
            }
            case TcpOption.Md5Signature m -> {
                head(sink, frame, TcpFields.OPTION_MD5, option);
                sink.bytes(TcpFields.MD5_DIGEST, frame, m.digestOffset(), Math.min(o + len, frame.length));
                sink.close();
            }
            case TcpOption.TcpAuthentication a -> {
                head(sink, frame, TcpFields.OPTION_AO, option);
                sink.uint(TcpFields.AO_KEYID, a.keyId(), o + 2, 1);
                sink.uint(TcpFields.AO_RNEXTKEYID, a.rNextKeyId(), o + 3, 1);
                if (a.macLength() > 0) {
                    sink.bytes(TcpFields.AO_MAC, frame, a.macOffset(), Math.min(o + len, frame.length));
                }
                sink.close();
            }
            case TcpOption.Mptcp m -> {
                if (mptcp.emit(sink, frame, m.option())) {
                    return Outcome.MALFORMED;
                }
            }
            case TcpOption.Unknown u -> {
                head(sink, frame, TcpFields.OPTION_UNKNOWN, option);
                if (len > 2) {
                    sink.bytes(TcpFields.UNKNOWN_PAYLOAD, frame, o + 2, Math.min(o + len, frame.length));
                }
                sink.close();
            }
            case TcpOption.Truncated t -> {
                return truncated(sink, frame, t);
            }
            case TcpOption.BadLength b -> {
                head(sink, frame, optionField(b.kind()), option);
                int expected = expectedLength(b.kind());
                if (expected > 0 && sink.wantsExpert(TcpFields.EXPERT_OPTION_LEN_INVALID)) {
                    // Wireshark attaches it to the Length item.
                    sink.open();
                    sink.expert(TcpFields.EXPERT_OPTION_LEN_INVALID, "option length should be " + expected, o + 1, 1);
                    sink.close();
                }
                sink.close();
            }
        }
        return Outcome.COMPLETE;
    }

    /** The protocol item Wireshark uses for an option kind. */
    private static Field optionField(int kind) {
        return switch (kind) {
            case TcpOption.MSS -> TcpFields.OPTION_MSS;
            case TcpOption.WINDOW_SCALE -> TcpFields.OPTION_WSCALE;
            case TcpOption.SACK_PERMITTED -> TcpFields.OPTION_SACK_PERM;
            case TcpOption.SACK -> TcpFields.OPTION_SACK;
            case TcpOption.TIMESTAMPS -> TcpFields.OPTION_TIMESTAMP;
            case TcpOption.MD5_SIGNATURE -> TcpFields.OPTION_MD5;
            case TcpOption.TCP_AO -> TcpFields.OPTION_AO;
            case TcpOption.MPTCP -> MptcpFields.MPTCP;
            default -> TcpFields.OPTION_UNKNOWN;
        };
    }

    private static void eol(FieldSink sink, byte[] frame, int at) {
        sink.bytes(TcpFields.OPTION_EOL, frame, at, at + 1);
        if (sink.wantsText()) {
            sink.label(TcpFields.OPTION_EOL.name());
        }
        sink.open();
        sink.uint(TcpFields.OPTION_KIND, 0, at, 1);
        sink.close();
    }

    /** An option's item, labelled with its name, then its kind/length children; leaves the subtree open. */
    private static void head(FieldSink sink, byte[] frame, Field field, TcpOption option) {
        item(sink, frame, field, option);
        children(sink, option);
    }

    /** An option's item: the option's bytes as value, its protocol name as label. */
    private static void item(FieldSink sink, byte[] frame, Field field, TcpOption option) {
        int o = option.offset();
        sink.bytes(field, frame, o, Math.min(o + option.length(), frame.length));
        if (sink.wantsText()) {
            sink.label(field.name());
        }
    }

    /** Opens an option's subtree with its kind and length. */
    private static void children(FieldSink sink, TcpOption option) {
        sink.open();
        kind(sink, option);
        sink.uint(TcpFields.OPTION_LEN, option.length(), option.offset() + 1, 1);
    }

    private static void kind(FieldSink sink, TcpOption option) {
        sink.uint(TcpFields.OPTION_KIND, option.kind(), option.offset(), 1);
    }

    /** SACK edges are shown relative to the peer's initial sequence number (or raw). */
    private static void sack(FieldSink sink, byte[] frame, TcpOption.Sack s, TcpSegment seg, boolean relative) {
        int o = s.offset();
        long base = sackBase(seg, relative);
        String suffix = relative ? " (relative)" : "";
        StringBuilder label = sink.wantsText() ? new StringBuilder(TcpFields.OPTION_SACK.name()) : null;
        for (TcpOption.SackBlock b : s.blocks()) {
            if (label != null) {
                label.append(' ').append((b.leftEdge() - base) & LOW32).append('-')
                        .append((b.rightEdge() - base) & LOW32);
            }
        }
        sink.bytes(TcpFields.OPTION_SACK, frame, o, Math.min(o + s.length(), frame.length));
        if (label != null) {
            sink.label(label.toString());
        }
        sink.open();
        kind(sink, s);
        sink.uint(TcpFields.OPTION_LEN, s.length(), o + 1, 1);
        int at = o + 2;
        for (TcpOption.SackBlock b : s.blocks()) {
            long left = (b.leftEdge() - base) & LOW32;
            long right = (b.rightEdge() - base) & LOW32;
            sink.uint(TcpFields.SACK_LE, left, at, 4);
            if (sink.wantsText()) {
                sink.label("left edge = " + left + suffix);
            }
            sink.uint(TcpFields.SACK_RE, right, at + 4, 4);
            if (sink.wantsText()) {
                sink.label("right edge = " + right + suffix);
            }
            at += 8;
        }
        sink.uint(TcpFields.SACK_COUNT, s.blocks().size(), o, 0);
        sink.close();
    }

    /**
     * The sequence analysis' Info prefixes, "[TCP Retransmission] " ...: Wireshark prepends each in
     * the order it prints the flags, so the last one printed comes first.
     */
    private static void analysisInfo(TextBuffer out, TcpSegment seg) {
        int a = seg.analysis();
        prefix(out, a, TcpSegment.ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] ");
        prefix(out, a, TcpSegment.ZERO_WINDOW, "[TCP ZeroWindow] ");
        prefix(out, a, TcpSegment.ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] ");
        if ((a & TcpSegment.DUPLICATE_ACK) != 0 && seg.duplicateAck() != 0) {
            out.append("[TCP Dup ACK ").appendUnsigned(seg.duplicateAckFrame()).append("#")
                    .appendUnsigned(seg.duplicateAck()).append("] ");
        }
        prefix(out, a, TcpSegment.KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] ");
        prefix(out, a, TcpSegment.KEEP_ALIVE, "[TCP Keep-Alive] ");
        prefix(out, a, TcpSegment.WINDOW_FULL, "[TCP Window Full] ");
        prefix(out, a, TcpSegment.WINDOW_UPDATE, "[TCP Window Update] ");
        prefix(out, a, TcpSegment.ACK_LOST_PACKET, "[TCP ACKed unseen segment] ");
        prefix(out, a, TcpSegment.LOST_PACKET, "[TCP Previous segment not captured] ");
        prefix(out, a, TcpSegment.OUT_OF_ORDER, "[TCP Out-Of-Order] ");
        prefix(out, a, TcpSegment.SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] ");
        prefix(out, a, TcpSegment.FAST_RETRANSMISSION, "[TCP Fast Retransmission] ");
        prefix(out, a, TcpSegment.RETRANSMISSION, "[TCP Retransmission] ");
        prefix(out, a, TcpSegment.REUSED_PORTS, "[TCP Port numbers reused] ");
    }

    private static void prefix(TextBuffer out, int analysis, int flag, String text) {
        if ((analysis & flag) != 0) {
            out.append(text);
        }
    }

    /**
     * Info column text ({@code analysisShown}: the TCP dissection got past the options, so the
     * sequence analysis' prefixes come first): "44158 → 8000 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=... WS=1024",
     * then the MPTCP options present ("MP_CAPABLE", "DSS", ...).
     */
    static void info(TextBuffer out, TcpHeader tcp, TcpSegment seg, boolean relative, boolean analysisShown) {
        if (analysisShown && seg.analysis() != 0) {
            analysisInfo(out, seg);
        }
        out.appendUnsigned(tcp.sourcePort()).append(" \u2192 ").appendUnsigned(tcp.destinationPort());
        out.append(" [").append(flagNames(tcp.flags())).append("] Seq=").appendUnsigned(seq(tcp, seg, relative));
        if (tcp.ack()) {
            out.append(" Ack=").appendUnsigned(ack(tcp, seg, relative));
        }
        out.append(" Win=").appendUnsigned(seg.windowSize()).append(" Len=").appendUnsigned(tcp.payloadLength());
        long base = sackBase(seg, relative);
        for (TcpOption option : tcp.options()) {
            switch (option) {
                case TcpOption.MaximumSegmentSize m -> out.append(" MSS=").appendUnsigned(m.value());
                case TcpOption.SackPermitted s -> out.append(" SACK_PERM");
                case TcpOption.Timestamps t -> out.append(" TSval=").appendUnsigned(t.value()).append(" TSecr=")
                        .appendUnsigned(t.echoReply());
                case TcpOption.WindowScale w -> out.append(" WS=").appendUnsigned(w.multiplier());
                case TcpOption.Sack s -> {
                    for (TcpOption.SackBlock b : s.blocks()) {
                        out.append(" SLE=").appendUnsigned((b.leftEdge() - base) & LOW32).append(" SRE=")
                                .appendUnsigned((b.rightEdge() - base) & LOW32);
                    }
                }
                default -> {
                }
            }
        }
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp m) {
                out.append(' ').append(MptcpSubtype.name(m.option().subtype()));
            }
        }
    }
}
