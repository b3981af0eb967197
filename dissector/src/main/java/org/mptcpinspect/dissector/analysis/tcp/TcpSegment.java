package org.mptcpinspect.dissector.analysis.tcp;

/**
 * What a TCP segment means within its conversation, as Wireshark's TCP analysis shows it.
 *
 * @param stream          tcp.stream: index of the conversation (4-tuple, a new one when a SYN reuses it)
 * @param relativeSeq     tcp.seq: sequence number relative to the sender's ISN
 * @param relativeAck     tcp.ack: relative to the peer's ISN (0 without the ACK flag)
 * @param nextSeq         tcp.nxtseq: relative sequence number after this segment (SYN and FIN count one)
 * @param peerBase        the peer's base sequence number (ISN), used for relative ACK and SACK edges;
 *                        meaningful when {@link #peerBaseKnown}
 * @param peerBaseKnown   whether the peer's base is known
 * @param completeness    tcp.completeness: what the conversation had shown before this segment
 *                        ({@link #SYN}, {@link #SYN_ACK}, {@link #ACK}, {@link #DATA}, {@link #FIN}, {@link #RST})
 * @param completenessAfter the same with this segment (what a two-pass walk keeps per conversation)
 * @param windowScale     the sender's window shift, or {@link #SCALE_UNKNOWN} / {@link #SCALE_NONE}; for
 *                        SYN segments (never scaled) {@link #SCALE_NOT_APPLIED}
 * @param windowSize      tcp.window_size: the window after scaling
 * @param sinceFirst      tcp.time_relative, nanoseconds since the conversation's first segment
 * @param sincePrevious   tcp.time_delta, nanoseconds since the conversation's previous segment
 * @param analysis        flags of the sequence analysis ({@link #RETRANSMISSION}, ...)
 * @param duplicateAck    for a {@link #DUPLICATE_ACK}: its number in the run of duplicates (tcp.analysis.duplicate_ack_num); else 0
 * @param duplicateAckFrame for a duplicate ACK: the sender's last ACK that was no duplicate
 *                        (tcp.analysis.duplicate_ack_frame, also in the Info column); else 0
 * @param closing         for a FIN: {@link #CLOSING_ACTIVE} when this side closes first, {@link #CLOSING_PASSIVE}
 *                        when it answers the peer's FIN; else 0
 * @param initialRtt      tcp.analysis.initial_rtt in nanoseconds: the conversation's SYN to first ACK, 0 until known
 * @param acked           the "[SEQ/ACK analysis]" items, null when Wireshark shows no such subtree or when
 *                        the conversations were followed without them
 *                        ({@link TcpConversations#TcpConversations(boolean)})
 */
public record TcpSegment(int stream, long relativeSeq, long relativeAck, long nextSeq, long peerBase,
                         boolean peerBaseKnown, int completeness, int completenessAfter, int windowScale, long windowSize,
                         long sinceFirst, long sincePrevious, int analysis, int duplicateAck, long duplicateAckFrame,
                         int closing, long initialRtt, TcpAcked acked) {

    public static final int CLOSING_ACTIVE = 1;
    public static final int CLOSING_PASSIVE = 2;

    public static final int SYN = 0x01;
    public static final int SYN_ACK = 0x02;
    public static final int ACK = 0x04;
    public static final int DATA = 0x08;
    public static final int FIN = 0x10;
    public static final int RST = 0x20;

    public static final int SCALE_UNKNOWN = -1;
    public static final int SCALE_NONE = -2;
    public static final int SCALE_NOT_APPLIED = -3;

    /** Wireshark's TCP_A_RETRANSMISSION: data already sent, not a fast or spurious one. */
    public static final int RETRANSMISSION = 0x01;
    public static final int OUT_OF_ORDER = 0x02;
    public static final int FAST_RETRANSMISSION = 0x04;
    public static final int SPURIOUS_RETRANSMISSION = 0x08;
    public static final int KEEP_ALIVE = 0x10;
    /** The sender's sequence number jumped ahead of what it sent before: "Previous segment(s) not captured". */
    public static final int LOST_PACKET = 0x20;
    /** The ACK covers data the capture never showed. */
    public static final int ACK_LOST_PACKET = 0x40;
    public static final int WINDOW_UPDATE = 0x80;
    public static final int WINDOW_FULL = 0x100;
    public static final int KEEP_ALIVE_ACK = 0x200;
    public static final int ZERO_WINDOW = 0x400;
    public static final int ZERO_WINDOW_PROBE = 0x800;
    public static final int ZERO_WINDOW_PROBE_ACK = 0x1000;
    public static final int DUPLICATE_ACK = 0x2000;
    /** A SYN that starts a new conversation on a 4-tuple already used with another ISN. */
    public static final int REUSED_PORTS = 0x4000;

    /**
     * Wireshark hands a segment's payload to the next dissector (so "data" appears) unless the
     * analysis calls it a retransmission or out of order.
     */
    public boolean payloadDissected() {
        return (analysis & (RETRANSMISSION | OUT_OF_ORDER)) == 0 || (analysis & KEEP_ALIVE) != 0;
    }

    /** The name Wireshark gives a completeness value, e.g. "Incomplete, ESTABLISHED (7)". */
    public static String completenessLabel(int value) {
        String name = switch (value) {
            case SYN -> "Incomplete, SYN_SENT";
            case SYN | SYN_ACK -> "Incomplete, CLIENT_ESTABLISHED";
            case SYN | SYN_ACK | ACK -> "Incomplete, ESTABLISHED";
            case SYN | SYN_ACK | ACK | DATA -> "Incomplete, DATA";
            case SYN | SYN_ACK | ACK | DATA | FIN, SYN | SYN_ACK | ACK | DATA | RST,
                 SYN | SYN_ACK | ACK | DATA | FIN | RST -> "Complete, WITH_DATA";
            case SYN | SYN_ACK | ACK | FIN, SYN | SYN_ACK | ACK | RST, SYN | SYN_ACK | ACK | FIN | RST ->
                "Complete, NO_DATA";
            default -> "Incomplete";
        };
        return name + " (" + value + ")";
    }
}
