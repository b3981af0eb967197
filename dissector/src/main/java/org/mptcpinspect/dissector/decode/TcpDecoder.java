package org.mptcpinspect.dissector.decode;

import java.util.List;

/** Decodes a TCP header and describes where its payload lies. */
final class TcpDecoder {
    private TcpDecoder() {
    }

    /**
     * @param off        offset of the TCP header
     * @param segmentEnd where the segment ends on the wire, per the IP header
     * @return the header, or null when the 20 fixed bytes are not there
     */
    static TcpHeader decode(byte[] b, int off, int segmentEnd, boolean snaplenCut, FlagCollector flags) {
        int segmentLength = segmentEnd - off;
        int capturedEnd = Math.min(segmentEnd, b.length);
        if (segmentLength < TcpHeader.MIN_LENGTH) {
            flags.add(Problem.TCP_HEADER_TRUNCATED, off, Math.max(0, capturedEnd - off), "TCP segment of "
                    + segmentLength + " bytes is shorter than the 20-byte TCP header");
            return null;
        }
        if (capturedEnd - off < TcpHeader.MIN_LENGTH) {
            flags.truncated(Problem.TCP_HEADER_TRUNCATED, "TCP header", off, TcpHeader.MIN_LENGTH, b.length, snaplenCut);
            return null;
        }
        int sourcePort = Bytes.u16(b, off);
        int destinationPort = Bytes.u16(b, off + 2);
        long sequence = Bytes.u32(b, off + 4);
        long acknowledgment = Bytes.u32(b, off + 8);
        int offsetAndFlags = Bytes.u16(b, off + 12);
        int headerLength = (offsetAndFlags >>> 12) * 4;
        int tcpFlags = offsetAndFlags & 0x0fff;
        int window = Bytes.u16(b, off + 14);
        int checksum = Bytes.u16(b, off + 16);
        int urgentPointer = Bytes.u16(b, off + 18);

        if (headerLength > segmentLength) {
            // Wireshark's "short segment": no segment length at all, so no payload is described.
            flags.add(Problem.TCP_BAD_HEADER_LENGTH, off + 12, 1, "bogus TCP header length " + headerLength
                    + " (the segment has only " + segmentLength + " bytes)");
            return new TcpHeader(off, sourcePort, destinationPort, sequence, acknowledgment, headerLength, tcpFlags,
                    window, checksum, urgentPointer, List.of(), segmentEnd, 0, 0);
        }
        int payloadOffset = off + headerLength;
        List<TcpOption> options = List.of();
        if (headerLength < TcpHeader.MIN_LENGTH) {
            // Wireshark still reports tcp.len (segment minus data offset) for these; options are skipped.
            flags.add(Problem.TCP_BAD_HEADER_LENGTH, off + 12, 1,
                    "bogus TCP header length " + headerLength + " (must be at least 20)");
        } else if (headerLength > TcpHeader.MIN_LENGTH) {
            options = TcpOptionDecoder.decode(b, off + TcpHeader.MIN_LENGTH, payloadOffset, capturedEnd, flags);
        }
        int payloadLength = segmentEnd - payloadOffset;
        int payloadCaptured = Math.max(0, capturedEnd - payloadOffset);
        if (payloadCaptured < payloadLength) {
            // Common in header-only captures (tcpdump -s 128): constant text, no per-packet formatting.
            flags.add(Problem.TCP_PAYLOAD_TRUNCATED, Math.min(payloadOffset, capturedEnd), payloadCaptured,
                    "TCP payload cut by the snaplen: the missing bytes are unknown");
        }
        return new TcpHeader(off, sourcePort, destinationPort, sequence, acknowledgment, headerLength, tcpFlags,
                window, checksum, urgentPointer, options, payloadOffset, payloadLength, payloadCaptured);
    }
}
