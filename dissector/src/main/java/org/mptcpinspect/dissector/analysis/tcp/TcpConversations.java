package org.mptcpinspect.dissector.analysis.tcp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.decode.Problem;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.MalformedMptcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/**
 * TCP conversations as Wireshark numbers and follows them: a 4-tuple gets a stream index
 * (tcp.stream) the first time it is seen, and a new one when a SYN arrives with another initial
 * sequence number than the conversation's (port reuse). Per direction it keeps the base sequence
 * number (relative sequence numbers), the window scale from the SYNs, and enough of Wireshark's
 * sequence analysis to tell retransmissions and out-of-order segments (whose payload Wireshark
 * does not dissect further). Feed every packet once, in capture order; the MPTCP connection
 * tracker builds on the same stream indexes.
 *
 * <p>The "[SEQ/ACK analysis]" items ({@link TcpSegment#acked()}: acks_frame, ack_rtt,
 * bytes_in_flight, rto, ...) need each side's unacknowledged segments and last SACK blocks kept
 * and walked per packet; only an instance made with {@code seqAckItems} keeps them, so that runs
 * which show none of those items (connections, counters, summary lines) do not pay for them.
 * The analysis flags, duplicate ACK numbers and everything else are the same either way.
 */
public final class TcpConversations {
    /** Wireshark's default threshold for out-of-order segments before an RTT is known. */
    private static final long DEFAULT_OUT_OF_ORDER_NANOS = 3_000_000L;
    private static final long FAST_RETRANSMISSION_NANOS = 20_000_000L;
    /** Wireshark's TCP_MAX_UNACKED_SEGMENTS: beyond it (ACKs not captured) segments are not kept. */
    private static final int MAX_UNACKED_SEGMENTS = 10_000;
    /** Wireshark shows bytes in flight below this only (larger is a sequence number jump). */
    private static final long MAX_BYTES_IN_FLIGHT = 2_000_000_000L;

    private final Map<FlowKey, Conversation> byFlow = new HashMap<>();
    /** Whether to keep the unacknowledged segments and SACK blocks for {@link TcpSegment#acked()}. */
    private final boolean seqAckItems;
    private int streams;
    /** Per tcp.stream, its MPTCP connection's count of signals (see {@link #mptcpOperations}), -1 without. */
    private IntToLongFunction mptcpOperations = stream -> -1;

    // The current segment's "[SEQ/ACK analysis]" items (Wireshark's tcp_acked), set by analyzeSequence.
    private boolean acked;
    private long frameAcked;
    private long ackRtt;
    private long bytesInFlight;
    private long pushBytesSent;
    private long rto;
    private long rtoFrame;
    // The current segment's tcp.analysis.duplicate_ack_frame, set by analyzeSequence (both modes).
    private long duplicateAckFrame;

    /** Conversations and analysis flags without the "[SEQ/ACK analysis]" items ({@link TcpSegment#acked()} null). */
    public TcpConversations() {
        this(false);
    }

    /**
     * @param seqAckItems whether segments get their "[SEQ/ACK analysis]" items ({@link TcpSegment#acked()}),
     *                    which costs a list of each side's unacknowledged segments
     */
    public TcpConversations(boolean seqAckItems) {
        this.seqAckItems = seqAckItems;
    }

    /**
     * Lets the analysis see MPTCP signals, as Wireshark 4.0's: a repeated ACK is no duplicate when
     * its connection's count changed since the sender's previous segment (RFC 8684 section 4).
     */
    public void mptcpOperations(IntToLongFunction operationsOfStream) {
        this.mptcpOperations = operationsOfStream;
    }

    /** Number of streams (conversations) seen so far. */
    public int streamCount() {
        return streams;
    }

    /** Registers a packet's TCP segment; returns null for packets without a TCP header. */
    public TcpSegment track(DecodedPacket packet) {
        TcpHeader tcp = packet.tcp();
        if (tcp == null) {
            return null;
        }
        FlowKey key = FlowKey.of(packet);
        boolean forward = key.isCanonical();
        FlowKey canonical = forward ? key : key.reversed();
        long now = packet.frame().timestampNanos();
        int flags = tcp.flags();
        long seq = tcp.sequenceNumber();
        long ack = tcp.acknowledgmentNumber();
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        boolean pureSyn = syn && !hasAck;

        Conversation c = byFlow.get(canonical);
        boolean isNew = c == null;
        int reused = 0;
        if (isNew) {
            c = new Conversation(streams++, now);
            byFlow.put(canonical, c);
        } else {
            Direction d = forward ? c.forward : c.reverse;
            if (pureSyn && d.baseSet) {
                if (seq != d.base) {
                    // A new connection on the same 4-tuple: Wireshark starts a new stream, already SYN_SENT.
                    c = new Conversation(streams++, now);
                    c.completeness = TcpSegment.SYN;
                    byFlow.put(canonical, c);
                    reused = TcpSegment.REUSED_PORTS;
                } else {
                    d.nextSeq = d.maxSeqToBeAcked;
                }
            } else if (syn && hasAck && d.baseSet && seq != d.base) {
                d.base = seq;
            }
        }
        Direction fwd = forward ? c.forward : c.reverse;
        Direction rev = forward ? c.reverse : c.forward;
        int completenessBefore = c.completeness;
        int seglen = tcp.payloadLength();

        int analysis = analyzeSequence(tcp, fwd, rev, now, packet.frame().number(), c) | reused;
        long relSeq = (seq - fwd.base) & 0xffffffffL;
        long relAck = hasAck ? (ack - rev.base) & 0xffffffffL : ack;
        long next = (relSeq + seglen + ((flags & (TcpHeader.SYN | TcpHeader.FIN)) != 0 ? 1 : 0)) & 0xffffffffL;

        int scale = syn ? TcpSegment.SCALE_NOT_APPLIED : fwd.windowScale;
        long windowSize = scale >= 0 ? (long) tcp.window() << scale : tcp.window();

        updateCompleteness(c, isNew, flags, seglen);
        // Wireshark checks the SYNs' window scales after the options: not when they end early.
        updateWindowScale(tcp, fwd, rev, syn && !optionsEndEarly(packet), hasAck);
        if (pureSyn) {
            c.lastSynTime = now;
        } else if (!syn && hasAck && c.lastSynTime != 0 && c.firstRtt == 0) {
            c.firstRtt = now - c.lastSynTime;
        }

        int closing = 0;
        if ((flags & TcpHeader.FIN) != 0) {
            if (!rev.closingInitiator) {
                fwd.closingInitiator = true;
                closing = TcpSegment.CLOSING_ACTIVE;
            } else {
                closing = TcpSegment.CLOSING_PASSIVE;
            }
        }

        long sinceFirst = now - c.firstTime;
        long sincePrevious = now - c.lastTime;
        c.lastTime = now;
        TcpAcked seqAck = seqAckItems && (acked || analysis != 0)
                ? new TcpAcked(frameAcked, ackRtt, bytesInFlight, pushBytesSent, rto, rtoFrame) : null;
        return new TcpSegment(c.index, relSeq, relAck, next, rev.base, rev.baseSet, completenessBefore,
                c.completeness, scale, windowSize, sinceFirst, sincePrevious, analysis, fwd.shownDuplicate,
                duplicateAckFrame, closing, c.firstRtt, seqAck);
    }

    /**
     * True when Wireshark's TCP dissection stops inside the options: the snaplen cut them, or an
     * MPTCP option is too short for what it announces (an MP_JOIN of another length is not).
     */
    public static boolean optionsEndEarly(DecodedPacket packet) {
        if (packet.has(Problem.TCP_OPTIONS_TRUNCATED)) {
            return true;
        }
        for (TcpOption o : packet.tcp().options()) {
            if (o instanceof TcpOption.Mptcp m && m.option() instanceof MalformedMptcpOption bad
                    && bad.subtype() != MptcpSubtype.MP_JOIN) {
                return true;
            }
        }
        return false;
    }

    /** Wireshark's rules: a new conversation counts only a SYN; later, SYN/ACK, ACK or data, FIN/ACK, RST. */
    private static void updateCompleteness(Conversation c, boolean isNew, int flags, int seglen) {
        int synAck = flags & (TcpHeader.SYN | TcpHeader.ACK);
        if (isNew) {
            if (synAck == TcpHeader.SYN) {
                c.completeness |= TcpSegment.SYN | (seglen > 0 ? TcpSegment.DATA : 0);
            }
            return;
        }
        if (synAck == (TcpHeader.SYN | TcpHeader.ACK)) {
            c.completeness |= TcpSegment.SYN_ACK;
        }
        if (synAck == TcpHeader.ACK) {
            c.completeness |= seglen > 0 ? TcpSegment.DATA : TcpSegment.ACK;
        }
        if ((flags & (TcpHeader.FIN | TcpHeader.ACK)) == (TcpHeader.FIN | TcpHeader.ACK)) {
            c.completeness |= TcpSegment.FIN;
        }
        if ((flags & TcpHeader.RST) != 0) {
            c.completeness |= TcpSegment.RST;
        }
    }

    /**
     * A window scale option sets the sender's shift (for later segments); a SYN without one, or a
     * SYN/ACK answering a SYN without one, turns scaling off for both directions (RFC 7323).
     *
     * @param syn whether to check this segment as a SYN (false also when its options ended early)
     */
    private static void updateWindowScale(TcpHeader tcp, Direction fwd, Direction rev, boolean syn, boolean hasAck) {
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.WindowScale w) {
                fwd.windowScale = Math.min(w.shiftCount(), 14);
            }
        }
        if (syn) {
            if (fwd.windowScale == TcpSegment.SCALE_UNKNOWN) {
                fwd.windowScale = TcpSegment.SCALE_NONE;
                rev.windowScale = TcpSegment.SCALE_NONE;
            } else if (hasAck && rev.windowScale == TcpSegment.SCALE_NONE) {
                fwd.windowScale = TcpSegment.SCALE_NONE;
            }
        }
    }

    /**
     * Wireshark's tcp_analyze_sequence_number: the segment's flags (retransmissions, duplicate
     * ACKs, window updates, lost segments, ...), in its order of tests. Sets {@code fwd.shownDuplicate}.
     */
    private int analyzeSequence(TcpHeader tcp, Direction fwd, Direction rev, long now, long frame, Conversation c) {
        int flags = tcp.flags();
        long seq = tcp.sequenceNumber();
        long ack = tcp.acknowledgmentNumber();
        int seglen = tcp.payloadLength();
        int window = tcp.window();
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        boolean synFin = (flags & (TcpHeader.SYN | TcpHeader.FIN)) != 0;
        boolean synFinRst = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0;
        int result = 0;
        fwd.shownDuplicate = 0;
        acked = false;
        frameAcked = 0;
        ackRtt = 0;
        bytesInFlight = 0;
        pushBytesSent = 0;
        duplicateAckFrame = 0;
        rto = 0;
        rtoFrame = 0;

        if (!fwd.baseSet) {
            fwd.base = syn ? seq : (seq - 1) & 0xffffffffL;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && hasAck) {
            rev.base = (ack - 1) & 0xffffffffL;
            rev.baseSet = true;
        }
        if (hasAck) {
            rev.validBytesInFlight = true;
        }

        long operations = mptcpOperations.applyAsLong(c.index);
        boolean zeroWindowProbe = seglen == 1 && seq == fwd.nextSeq && rev.window == 0;
        if (zeroWindowProbe) {
            result |= TcpSegment.ZERO_WINDOW_PROBE;
        } else {
            result |= flagsBeforeAck(tcp, fwd, rev, seglen, synFinRst);
            // Repeats of the previous ACK: a keep-alive's answer, a zero window probe's, or a duplicate.
            boolean repeat = seglen == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && !synFinRst
                    && window == fwd.window;
            if (repeat && window != 0 && (rev.lastFlags & TcpSegment.KEEP_ALIVE) != 0) {
                result |= TcpSegment.KEEP_ALIVE_ACK;
            } else if (repeat && window == 0 && (rev.lastFlags & TcpSegment.ZERO_WINDOW_PROBE) != 0) {
                result |= TcpSegment.ZERO_WINDOW_PROBE_ACK;
            } else if (repeat && window != 0 && (operations < 0 || operations == fwd.mptcpOperations)) {
                fwd.duplicateAcks = fwd.duplicateAcks == -1 ? 1 : fwd.duplicateAcks + 1;
                fwd.shownDuplicate = fwd.duplicateAcks;
                duplicateAckFrame = fwd.lastNonDuplicateAck;
                result |= TcpSegment.DUPLICATE_ACK;
            }
        }
        if (ack != fwd.lastAck) {
            fwd.lastNonDuplicateAck = frame;
            fwd.duplicateAcks = 0;
        }
        result |= ackedLost(rev, ack, hasAck);

        if (!zeroWindowProbe && (seglen > 0 || synFin) && (result & TcpSegment.KEEP_ALIVE) == 0) {
            boolean notAdvanced = fwd.nextSeq != 0 && lessThan(seq, fwd.nextSeq);
            if (seglen > 1 && ((fwd.nextSeq - 1) & 0xffffffffL) == seq) {
                notAdvanced = false;
            }
            if (seglen > 0 && rev.lastAck != 0 && !lessThan(rev.lastAck, (seq + seglen) & 0xffffffffL)) {
                result |= TcpSegment.SPURIOUS_RETRANSMISSION;
            } else if (notAdvanced && rev.duplicateAcks >= 2 && rev.lastAck == seq
                    && now - rev.lastAckTime < FAST_RETRANSMISSION_NANOS) {
                result |= TcpSegment.FAST_RETRANSMISSION;
            } else if (notAdvanced
                    && now - fwd.nextSeqTime < (c.firstRtt != 0 ? c.firstRtt : DEFAULT_OUT_OF_ORDER_NANOS)
                    && fwd.nextSeq != ((seq + seglen + (synFin ? 1 : 0)) & 0xffffffffL)) {
                result |= TcpSegment.OUT_OF_ORDER;
            } else if (notAdvanced) {
                result |= TcpSegment.RETRANSMISSION;
                if (seqAckItems) {
                    retransmissionTimeout(fwd, now);
                }
            }
        }

        long nextSeq = (seq + seglen + (synFin ? 1 : 0)) & 0xffffffffL;
        if (seqAckItems && (seglen > 0 || synFin) && fwd.unackedCount < MAX_UNACKED_SEGMENTS) {
            fwd.unacked = new Unacked(frame, seq, nextSeq, now, fwd.unacked);
            fwd.unackedCount++;
        }
        if ((lessThan(fwd.nextSeq, nextSeq) || fwd.nextSeq == 0) && !zeroWindowProbe) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqFrame = frame;
            fwd.nextSeqTime = now;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !zeroWindowProbe) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = now;
        fwd.lastFlags = result;
        if (operations >= 0) {
            fwd.mptcpOperations = operations;
        }
        if ((result & TcpSegment.LOST_PACKET) != 0) {
            // Wireshark stops counting bytes in flight until the other side ACKs again.
            fwd.validBytesInFlight = false;
        }
        if (seqAckItems) {
            removeAcked(rev, ack, now);
            if (seglen != 0 && fwd.unacked != null && fwd.validBytesInFlight) {
                inFlight(fwd, rev, seglen, flags, synFin);
            }
            rememberSack(tcp, fwd);
        }
        return result;
    }

    /**
     * tcp.analysis.rto: the time since the earliest segment still unacknowledged (Wireshark's
     * guess at the one retransmitted), else since the highest sequence number was sent.
     */
    private void retransmissionTimeout(Direction fwd, long now) {
        rto = now - fwd.nextSeqTime;
        rtoFrame = fwd.nextSeqFrame;
        for (Unacked u = fwd.unacked; u != null; u = u.next) {
            rto = now - u.time;
            rtoFrame = u.frame;
        }
    }

    /**
     * Drops the other side's segments this ACK covers; one that ends exactly at the ACK is the
     * frame acknowledged (the earliest such one, as Wireshark's list walk keeps the last match).
     * Wireshark compares the ACK field even without the ACK flag.
     */
    private void removeAcked(Direction rev, long ack, long now) {
        Unacked previous = null;
        Unacked u = rev.unacked;
        while (u != null) {
            if (ack == u.nextSeq) {
                acked = true;
                frameAcked = u.frame;
                ackRtt = now - u.time;
            } else if (lessThan(u.seq, ack) && !lessThan(u.nextSeq, ack)) {
                u.seq = ack; // acknowledges part of the segment: what is left stays
                previous = u;
                u = u.next;
                continue;
            } else if (lessThan(ack, u.nextSeq)) {
                previous = u;
                u = u.next;
                continue;
            }
            Unacked next = u.next;
            if (previous == null) {
                rev.unacked = next;
            } else {
                previous.next = next;
            }
            u = next;
            rev.unackedCount--;
        }
    }

    /**
     * tcp.analysis.bytes_in_flight (Wireshark's default, payload-based): the span of this side's
     * unacknowledged segments less what the other side's last SACK reported delivered; and
     * tcp.analysis.push_bytes_sent.
     */
    private void inFlight(Direction fwd, Direction rev, int seglen, int flags, boolean synFin) {
        long first = (fwd.unacked.seq - fwd.base) & 0xffffffffL;
        long last = (fwd.unacked.nextSeq - fwd.base) & 0xffffffffL;
        for (Unacked u = fwd.unacked; u != null; u = u.next) {
            last = Math.max(last, (u.nextSeq - fwd.base) & 0xffffffffL);
            first = Math.min(first, (u.seq - fwd.base) & 0xffffffffL);
        }
        long delivered = 0;
        for (int i = 0; i < rev.sackBlocks; i++) {
            delivered += (rev.sackRight[i] - rev.sackLeft[i]) & 0xffffffffL;
        }
        long inFlight = (last - first - delivered) & 0xffffffffL;
        if (inFlight > 0 && inFlight < MAX_BYTES_IN_FLIGHT) {
            acked = true;
            // SYN and FIN take a sequence number but no byte.
            bytesInFlight = synFin ? inFlight - 1 : inFlight;
        }
        boolean push = (flags & TcpHeader.PSH) != 0;
        if (push && !fwd.pushSetLast) {
            fwd.pushBytesSent += seglen;
        } else if (push || fwd.pushSetLast) {
            fwd.pushBytesSent = seglen;
        } else {
            fwd.pushBytesSent += seglen;
        }
        fwd.pushBytesSent &= 0xffffffffL;
        fwd.pushSetLast = push;
        acked = true;
        pushBytesSent = fwd.pushBytesSent;
    }

    /**
     * The blocks of the segment's SACK option: Wireshark 4.0 subtracts those of the other side's
     * last segment from bytes in flight (none when that segment had no SACK, as tshark shows).
     */
    private static void rememberSack(TcpHeader tcp, Direction fwd) {
        fwd.sackBlocks = 0;
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.Sack sack && !sack.blocks().isEmpty()) {
                int n = Math.min(sack.blocks().size(), fwd.sackLeft.length);
                for (int i = 0; i < n; i++) {
                    fwd.sackLeft[i] = sack.blocks().get(i).leftEdge();
                    fwd.sackRight[i] = sack.blocks().get(i).rightEdge();
                }
                fwd.sackBlocks = n;
            }
        }
    }

    /** Zero window, lost segment, keep-alive, window update and window full: the tests before the ACK's. */
    private static int flagsBeforeAck(TcpHeader tcp, Direction fwd, Direction rev, int seglen, boolean synFinRst) {
        long seq = tcp.sequenceNumber();
        int window = tcp.window();
        int result = 0;
        if (window == 0 && !synFinRst) {
            result |= TcpSegment.ZERO_WINDOW;
        }
        if (fwd.nextSeq != 0 && lessThan(fwd.nextSeq, seq) && (tcp.flags() & TcpHeader.RST) == 0) {
            result |= TcpSegment.LOST_PACKET;
        }
        if ((seglen == 0 || seglen == 1) && seq == ((fwd.nextSeq - 1) & 0xffffffffL) && !synFinRst) {
            result |= TcpSegment.KEEP_ALIVE;
        }
        if (seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextSeq
                && tcp.acknowledgmentNumber() == fwd.lastAck && !synFinRst) {
            result |= TcpSegment.WINDOW_UPDATE;
        }
        if (seglen > 0 && rev.windowScale != TcpSegment.SCALE_UNKNOWN && !synFinRst) {
            int shift = rev.windowScale >= 0 ? rev.windowScale : 0;
            long edge = (rev.lastAck + ((long) rev.window << shift)) & 0xffffffffL;
            if (((seq + seglen) & 0xffffffffL) == edge) {
                result |= TcpSegment.WINDOW_FULL;
            }
        }
        return result;
    }

    /**
     * An ACK beyond what the other side was seen sending: data the capture missed. Reported once
     * per gap (Wireshark moves the other side's bound, or marks its duplicate count).
     */
    private static int ackedLost(Direction rev, long ack, boolean hasAck) {
        if (!hasAck || rev.maxSeqToBeAcked == 0 || !lessThan(rev.maxSeqToBeAcked, ack)) {
            return 0;
        }
        if (rev.maxSeqToBeAcked > rev.nextSeq) {
            rev.maxSeqToBeAcked = rev.nextSeq;
            return TcpSegment.ACK_LOST_PACKET;
        }
        int result = rev.duplicateAcks == 0 ? TcpSegment.ACK_LOST_PACKET : 0;
        rev.duplicateAcks = -1;
        return result;
    }

    /** a &lt; b in 32-bit sequence space. */
    private static boolean lessThan(long a, long b) {
        return (int) (a - b) < 0;
    }

    /** Mutable state of one conversation; only this class touches it. */
    private static final class Conversation {
        final int index;
        final long firstTime;
        long lastTime;
        int completeness;
        long lastSynTime;
        long firstRtt;
        final Direction forward = new Direction();
        final Direction reverse = new Direction();

        Conversation(int index, long firstTime) {
            this.index = index;
            this.firstTime = firstTime;
            this.lastTime = firstTime;
        }
    }

    /** A segment not yet acknowledged (Wireshark's tcp_unacked), in a list newest first. */
    private static final class Unacked {
        final long frame;
        long seq;
        final long nextSeq;
        final long time;
        Unacked next;

        Unacked(long frame, long seq, long nextSeq, long time, Unacked next) {
            this.frame = frame;
            this.seq = seq;
            this.nextSeq = nextSeq;
            this.time = time;
            this.next = next;
        }
    }

    private static final class Direction {
        long base;
        boolean baseSet;
        int windowScale = TcpSegment.SCALE_UNKNOWN;
        /** Highest sequence number expected next; 0 until a segment was seen (as in Wireshark). */
        long nextSeq;
        long nextSeqTime;
        long nextSeqFrame;
        long maxSeqToBeAcked;
        long lastAck;
        long lastAckTime;
        int window;
        /** Duplicate ACKs in a row (-1 after an ACK of unseen data, so the next duplicate is #1). */
        int duplicateAcks;
        /** The current segment's duplicate ACK number, 0 if it is none. */
        int shownDuplicate;
        /** The MPTCP connection's signal count at this side's previous segment. */
        long mptcpOperations;
        /** The analysis flags of the last segment sent this way. */
        int lastFlags;
        /** Sent the conversation's first FIN. */
        boolean closingInitiator;
        /** The frame of this side's last ACK that was no duplicate (tcp.analysis.duplicate_ack_frame). */
        long lastNonDuplicateAck;
        /** Segments sent this way and not acknowledged yet, newest first, and how many. */
        Unacked unacked;
        int unackedCount;
        /** Off after a segment not captured, until the other side ACKs. */
        boolean validBytesInFlight = true;
        long pushBytesSent;
        boolean pushSetLast;
        /** The SACK blocks of this side's last segment. */
        final long[] sackLeft = new long[4];
        final long[] sackRight = new long[4];
        int sackBlocks;
    }
}
