package org.mptcpinspect.dissector.decode;

/** Decodes an IPv4 header and works out where its upper-layer data ends. */
final class Ipv4Decoder {
    private Ipv4Decoder() {
    }

    /**
     * @param wireEnd the frame's length on the wire: the IP length is trusted up to there
     * @return the header, or null when not even the 20 fixed bytes were captured
     */
    static Ipv4Header decode(byte[] b, int off, int wireEnd, boolean snaplenCut, FlagCollector flags) {
        if (b.length - off < Ipv4Header.MIN_LENGTH) {
            flags.truncated(Problem.IP_HEADER_TRUNCATED, "IPv4 header", off, Ipv4Header.MIN_LENGTH, b.length,
                    snaplenCut);
            return null;
        }
        int headerLength = (b[off] & 0x0f) * 4;
        int totalLength = Bytes.u16(b, off + 2);
        int flagsAndOffset = Bytes.u16(b, off + 6);
        int fragmentOffset = flagsAndOffset & 0x1fff;
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;

        int upperLayerLength = 0;
        if (headerLength < Ipv4Header.MIN_LENGTH) {
            flags.add(Problem.IP_BAD_HEADER_LENGTH, off, 1,
                    "bogus IPv4 header length " + headerLength + " (must be at least 20)");
        } else if (b.length - off < headerLength) {
            flags.truncated(Problem.IP_HEADER_TRUNCATED, "IPv4 header with options", off, headerLength, b.length,
                    snaplenCut);
        } else if (totalLength == 0) {
            // Captured on the sending host before TSO/GSO split the segment; the frame says how long it is.
            upperLayerLength = wireEnd - off - headerLength;
            flags.add(Problem.IP_LENGTH_ZERO, off + 2, 2, "IPv4 total length is 0, assuming TSO: using the frame length");
        } else if (totalLength < headerLength) {
            flags.add(Problem.IP_BAD_TOTAL_LENGTH, off + 2, 2,
                    "bogus IPv4 total length " + totalLength + " (less than header length " + headerLength + ")");
        } else {
            int end = off + totalLength;
            if (end > wireEnd) {
                flags.add(Problem.IP_LENGTH_EXCEEDS_FRAME, off + 2, 2, "IPv4 total length " + totalLength
                        + " exceeds the " + (wireEnd - off) + " bytes left in the frame");
                end = wireEnd;
            }
            upperLayerLength = end - off - headerLength;
        }

        if (fragmentOffset != 0) {
            flags.add(Problem.IP_FRAGMENT, off + 6, 2, "IPv4 fragment at offset " + fragmentOffset * 8
                    + ": carries no transport header (not reassembled)");
        } else if (moreFragments) {
            flags.add(Problem.IP_FRAGMENT, off + 6, 2,
                    "first IPv4 fragment: transport decoded from this fragment only (not reassembled)");
        }
        return new Ipv4Header(off, headerLength, Bytes.u8(b, off + 1), totalLength, Bytes.u16(b, off + 4),
                flagsAndOffset >>> 13, fragmentOffset, Bytes.u8(b, off + 8), Bytes.u8(b, off + 9),
                Bytes.u16(b, off + 10), Bytes.i32(b, off + 12), Bytes.i32(b, off + 16), upperLayerLength);
    }
}
