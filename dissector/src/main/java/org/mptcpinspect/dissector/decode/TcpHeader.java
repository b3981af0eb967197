package org.mptcpinspect.dissector.decode;

import java.util.List;

/**
 * A TCP header and where its payload lies in the frame.
 *
 * <p>The payload is [{@link #payloadOffset()}, +{@link #payloadCapturedLength()}) in the frame;
 * {@link #payloadLength()} is its length on the wire (tcp.len). When the snaplen cut the payload the
 * captured length is smaller and the packet carries {@link Problem#TCP_PAYLOAD_TRUNCATED}: the
 * missing bytes are unknown, never zeros.
 *
 * @param sequenceNumber       tcp.seq_raw, unsigned 32-bit
 * @param acknowledgmentNumber tcp.ack_raw, unsigned 32-bit
 * @param headerLength         data offset in bytes (tcp.hdr_len). When it is bogus the packet carries
 *                             {@link Problem#TCP_BAD_HEADER_LENGTH} and options are empty; below 20
 *                             the payload fields still hold segment length minus data offset (as
 *                             Wireshark's tcp.len); past the segment's end no payload is described
 *                             and {@link #headerFitsSegment()} is false
 * @param flags                the 12 bits after the data offset (tcp.flags): reserved, AE, CWR, ECE,
 *                             URG, ACK, PSH, RST, SYN, FIN
 * @param window               tcp.window_size_value (unscaled)
 * @param checksum             tcp.checksum, unverified
 * @param options              decoded options in wire order, up to an EOL, a malformed length or
 *                             the capture's end
 */
public record TcpHeader(int offset, int sourcePort, int destinationPort, long sequenceNumber,
                        long acknowledgmentNumber, int headerLength, int flags, int window, int checksum,
                        int urgentPointer, List<TcpOption> options, int payloadOffset, int payloadLength,
                        int payloadCapturedLength) {
    public static final int MIN_LENGTH = 20;
    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    /** AccECN (RFC 9768), formerly NS (RFC 3540). */
    public static final int AE = 0x100;
    public static final int RESERVED = 0xe00;

    public int optionsOffset() {
        return offset + MIN_LENGTH;
    }

    /** Length of the options area per the data offset (0 when the header length is bogus). */
    public int optionsLength() {
        return headerFitsSegment() ? Math.max(0, headerLength - MIN_LENGTH) : 0;
    }

    public boolean fin() {
        return (flags & FIN) != 0;
    }

    public boolean syn() {
        return (flags & SYN) != 0;
    }

    public boolean rst() {
        return (flags & RST) != 0;
    }

    public boolean psh() {
        return (flags & PSH) != 0;
    }

    public boolean ack() {
        return (flags & ACK) != 0;
    }

    public boolean urg() {
        return (flags & URG) != 0;
    }

    public boolean ece() {
        return (flags & ECE) != 0;
    }

    public boolean cwr() {
        return (flags & CWR) != 0;
    }

    public boolean ae() {
        return (flags & AE) != 0;
    }

    /**
     * False when the data offset runs past the segment (Wireshark's "short segment", which shows no
     * tcp.len). Note that Wireshark also omits tcp.len for IP fragments ({@link IpHeader#isFragment()}).
     */
    public boolean headerFitsSegment() {
        return payloadOffset - offset >= headerLength;
    }

    /** True when the capture holds fewer payload bytes than were on the wire. */
    public boolean payloadTruncated() {
        return payloadCapturedLength < payloadLength;
    }
}
