package org.mptcpinspect.dissector.analysis.tcp;

import java.util.HashMap;
import java.util.Map;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;

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

        Conversation c = byFlow.get(canonical);
        if (c == null) {
            c = new Conversation(streams++, now);
            byFlow.put(canonical, c);
        } else {
            Direction d = forward ? c.forward : c.reverse;
            boolean pureSyn = (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN;
            if (pureSyn && d.baseSet && seq != d.base) {
                // A new connection on the same 4-tuple: Wireshark starts a new stream.
                c = new Conversation(streams++, now);
                byFlow.put(canonical, c);
            }
        }
        Direction fwd = forward ? c.forward : c.reverse;
        Direction rev = forward ? c.reverse : c.forward;

        int completenessBefore = c.completeness;
        int seglen = tcp.payloadLength();
        updateCompleteness(c, flags, seglen);

        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean hasAck = (flags & TcpHeader.ACK) != 0;
        if (!fwd.baseSet) {
            fwd.base = syn ? seq : (seq - 1) & 0xffffffffL;
            fwd.baseSet = true;
        }
        if (!rev.baseSet && hasAck) {
            rev.base = (ack - 1) & 0xffffffffL;
            rev.baseSet = true;
        }

        int scale = windowScale(tcp, fwd, rev, syn, hasAck);
        long window = tcp.window();
        long windowSize = scale >= 0 ? window << scale : window;

        int analysis = analyzeSequence(tcp, fwd, rev, now, c);

        long relSeq = (seq - fwd.base) & 0xffffffffL;
        long relAck = hasAck ? (ack - rev.base) & 0xffffffffL : 0;
        long next = (relSeq + seglen + (syn ? 1 : 0) + ((flags & TcpHeader.FIN) != 0 ? 1 : 0)) & 0xffffffffL;
        long sinceFirst = now - c.firstTime;
        long sincePrevious = now - c.lastTime;
        c.lastTime = now;
        return new TcpSegment(c.index, relSeq, relAck, next, rev.base, rev.baseSet, completenessBefore, scale,
                windowSize, sinceFirst, sincePrevious, analysis);
    }

    private static void updateCompleteness(Conversation c, int flags, int seglen) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        if (syn && !ack) {
            c.completeness |= TcpSegment.SYN;
        } else if (syn) {
            c.completeness |= TcpSegment.SYN_ACK;
        } else if (ack && (c.completeness & (TcpSegment.SYN | TcpSegment.SYN_ACK))
                == (TcpSegment.SYN | TcpSegment.SYN_ACK)) {
            c.completeness |= TcpSegment.ACK;
        }
        if (seglen > 0) {
            c.completeness |= TcpSegment.DATA;
        }
        if ((flags & TcpHeader.FIN) != 0) {
            c.completeness |= TcpSegment.FIN;
        }
        if ((flags & TcpHeader.RST) != 0) {
            c.completeness |= TcpSegment.RST;
        }
    }

    /**
     * The sender's window shift from the SYNs: a SYN records the shift it offers (or that it
     * offers none); scaling applies only when both sides offered one (RFC 7323).
     */
    private static int windowScale(TcpHeader tcp, Direction fwd, Direction rev, boolean syn, boolean hasAck) {
        if (syn) {
            int offered = TcpSegment.SCALE_NONE;
            for (TcpOption o : tcp.options()) {
                if (o instanceof TcpOption.WindowScale w) {
                    offered = Math.min(w.shiftCount(), 14);
                }
            }
            fwd.windowScale = offered;
            if (hasAck && (offered == TcpSegment.SCALE_NONE || rev.windowScale == TcpSegment.SCALE_NONE)) {
                fwd.windowScale = TcpSegment.SCALE_NONE;
                rev.windowScale = TcpSegment.SCALE_NONE;
            }
            return TcpSegment.SCALE_NOT_APPLIED;
        }
        return fwd.windowScale;
    }

    /** The part of Wireshark's tcp_analyze_sequence_number that decides retransmissions. */
    private static int analyzeSequence(TcpHeader tcp, Direction fwd, Direction rev, long now, Conversation c) {
        int flags = tcp.flags();
        long seq = tcp.sequenceNumber();
        long ack = tcp.acknowledgmentNumber();
        int seglen = tcp.payloadLength();
        int window = tcp.window();
        boolean synFin = (flags & (TcpHeader.SYN | TcpHeader.FIN)) != 0;
        boolean synFinRst = (flags & (TcpHeader.SYN | TcpHeader.FIN | TcpHeader.RST)) != 0;
        int result = 0;

        if ((seglen == 0 || seglen == 1) && fwd.nextSeqSet && seq == ((fwd.nextSeq - 1) & 0xffffffffL) && !synFinRst) {
            result |= TcpSegment.KEEP_ALIVE;
        }
        if (seglen == 0 && window != 0 && window == fwd.window && fwd.nextSeqSet && seq == fwd.nextSeq
                && ack == fwd.lastAck && !synFinRst) {
            fwd.duplicateAcks++;
        }
        if (ack != fwd.lastAck) {
            fwd.duplicateAcks = 0;
        }

        if ((seglen > 0 || synFin) && (result & TcpSegment.KEEP_ALIVE) == 0) {
            boolean notAdvanced = fwd.nextSeqSet && lessThan(seq, fwd.nextSeq);
            if (seglen > 1 && fwd.nextSeqSet && ((fwd.nextSeq - 1) & 0xffffffffL) == seq) {
                notAdvanced = false;
            }
            if (seglen > 0 && rev.lastAckSet && !lessThan(rev.lastAck, (seq + seglen) & 0xffffffffL)) {
                result |= TcpSegment.SPURIOUS_RETRANSMISSION;
            } else if (notAdvanced && rev.duplicateAcks >= 2 && rev.lastAck == seq
                    && now - rev.lastAckTime < FAST_RETRANSMISSION_NANOS) {
                result |= TcpSegment.FAST_RETRANSMISSION;
            } else if (notAdvanced && now - fwd.nextSeqTime < (c.firstRtt > 0 ? c.firstRtt : DEFAULT_OUT_OF_ORDER_NANOS)
                    && fwd.nextSeq != ((seq + seglen + (synFin ? 1 : 0)) & 0xffffffffL)) {
                result |= TcpSegment.OUT_OF_ORDER;
            } else if (notAdvanced) {
                result |= TcpSegment.RETRANSMISSION;
            }
        }

        long nextSeq = (seq + seglen + (synFin ? 1 : 0)) & 0xffffffffL;
        if (!fwd.nextSeqSet || lessThan(fwd.nextSeq, nextSeq)) {
            fwd.nextSeq = nextSeq;
            fwd.nextSeqSet = true;
            fwd.nextSeqTime = now;
        }
        fwd.window = window;
        fwd.lastAck = ack;
        fwd.lastAckSet = ack != 0;
        fwd.lastAckTime = now;
        if (c.firstRtt == 0 && (flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.ACK && c.synTime != 0
                && c.synAckSeen) {
            c.firstRtt = now - c.synTime;
        }
        if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == TcpHeader.SYN && c.synTime == 0) {
            c.synTime = now;
        } else if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)) {
            c.synAckSeen = true;
        }
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
        long synTime;
        boolean synAckSeen;
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
        long nextSeq;
        boolean nextSeqSet;
        long nextSeqTime;
        long lastAck;
        boolean lastAckSet;
        long lastAckTime;
        int window;
        int duplicateAcks;
    }
}
