package org.mptcpinspect.dissector.analysis.tcp;

import java.util.HashMap;
import java.util.Map;
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
 */
public final class TcpConversations {
    /** Wireshark's default threshold for out-of-order segments before an RTT is known. */
    private static final long DEFAULT_OUT_OF_ORDER_NANOS = 3_000_000L;
    private static final long FAST_RETRANSMISSION_NANOS = 20_000_000L;

    private final Map<FlowKey, Conversation> byFlow = new HashMap<>();
    private int streams;

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

        int analysis = analyzeSequence(tcp, fwd, rev, now, c);
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
        return new TcpSegment(c.index, relSeq, relAck, next, rev.base, rev.baseSet, completenessBefore,
                c.completeness, scale, windowSize, sinceFirst, sincePrevious, analysis, closing);
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

    /** The part of Wireshark's tcp_analyze_sequence_number that decides retransmissions. */
    private static int analyzeSequence(TcpHeader tcp, Direction fwd, Direction rev, long now, Conversation c) {
        int flags = tcp.flags();
        long seq = tcp.sequenceNumber();
        long ack = tcp.acknowledgmentNumber();
        int seglen = tcp.payloadLength();
        int window = tcp.window();
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean synFin = (flags & (TcpHeader.SYN | TcpHeader.FIN)) != 0;
        boolean synFinRst = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0;
        int result = 0;

        if (!fwd.baseSet) {
            fwd.base = syn ? seq : (seq - 1) & 0xffffffffL;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && (flags & TcpHeader.ACK) != 0) {
            rev.base = (ack - 1) & 0xffffffffL;
            rev.baseSet = true;
        }

        boolean zeroWindowProbe = seglen == 1 && seq == fwd.nextSeq && rev.window == 0;
        if (!zeroWindowProbe) {
            if ((seglen == 0 || seglen == 1) && seq == ((fwd.nextSeq - 1) & 0xffffffffL) && !synFinRst) {
                result |= TcpSegment.KEEP_ALIVE;
            }
            if (seglen == 0 && window != 0 && window == fwd.window && seq == fwd.nextSeq && ack == fwd.lastAck
                    && !synFinRst) {
                fwd.duplicateAcks++;
            }
        }
        if (ack != fwd.lastAck) {
            fwd.duplicateAcks = 0;
        }

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
            }
        }

        long nextSeq = (seq + seglen + (synFin ? 1 : 0)) & 0xffffffffL;
        if ((lessThan(fwd.nextSeq, nextSeq) || fwd.nextSeq == 0) && !zeroWindowProbe) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqTime = now;
        }
        if ((seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) && !zeroWindowProbe) {
            fwd.maxSeqToBeAcked = fwd.nextSeq;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckTime = now;
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

    private static final class Direction {
        long base;
        boolean baseSet;
        int windowScale = TcpSegment.SCALE_UNKNOWN;
        /** Highest sequence number expected next; 0 until a segment was seen (as in Wireshark). */
        long nextSeq;
        long nextSeqTime;
        long maxSeqToBeAcked;
        long lastAck;
        long lastAckTime;
        int window;
        int duplicateAcks;
        /** Sent the conversation's first FIN. */
        boolean closingInitiator;
    }
}
