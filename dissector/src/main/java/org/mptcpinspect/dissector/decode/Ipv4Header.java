package org.mptcpinspect.dissector.decode;

/**
 * An IPv4 header. Values are the raw fields; options are kept raw at
 * [{@link #optionsOffset()}, +{@link #optionsLength()}) in the frame. The checksum is not verified.
 *
 * @param headerLength     IHL in bytes (ip.hdr_len); below 20 only in a flagged, malformed packet
 * @param dsField          the whole DS/TOS byte (ip.dsfield); see {@link #dscp()} and {@link #ecn()}
 * @param totalLength      total length field as on the wire (ip.len); may be 0 under TSO
 * @param identification   ip.id
 * @param flags            the 3 flag bits (ip.flags): 4 reserved, 2 don't fragment, 1 more fragments
 * @param fragmentOffset   fragment offset field in 8-byte units as on the wire
 * @param ttl              ip.ttl
 * @param protocol         ip.proto
 * @param checksum         ip.checksum, unverified
 * @param source           ip.src as a 32-bit pattern (format with {@link AddressFormat#ipv4(int)})
 * @param destination      ip.dst
 * @param upperLayerLength see {@link IpHeader#upperLayerLength()}
 */
public record Ipv4Header(int offset, int headerLength, int dsField, int totalLength, int identification,
                         int flags, int fragmentOffset, int ttl, int protocol, int checksum, int source,
                         int destination, int upperLayerLength) implements IpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int FLAG_RESERVED = 4;
    public static final int FLAG_DONT_FRAGMENT = 2;
    public static final int FLAG_MORE_FRAGMENTS = 1;

    @Override
    public int version() {
        return 4;
    }

    public int dscp() {
        return dsField >>> 2;
    }

    public int ecn() {
        return dsField & 3;
    }

    public boolean dontFragment() {
        return (flags & FLAG_DONT_FRAGMENT) != 0;
    }

    public boolean moreFragments() {
        return (flags & FLAG_MORE_FRAGMENTS) != 0;
    }

    public int optionsOffset() {
        return offset + MIN_LENGTH;
    }

    public int optionsLength() {
        return Math.max(0, headerLength - MIN_LENGTH);
    }

    @Override
    public int upperLayerProtocol() {
        return protocol;
    }

    @Override
    public int upperLayerOffset() {
        return offset + headerLength;
    }

    @Override
    public boolean isFragment() {
        return moreFragments() || fragmentOffset != 0;
    }

    @Override
    public int fragmentOffsetBytes() {
        return fragmentOffset * 8;
    }
}
