package org.mptcpinspect.dissector.decode;

/**
 * The network-layer header: {@link Ipv4Header} or {@link Ipv6Header}. The upper-layer accessors
 * say where the transport header starts and how long the upper-layer data is on the wire, after
 * IPv6 extension headers, with the IP length already checked against the frame.
 */
public sealed interface IpHeader permits Ipv4Header, Ipv6Header {

    /** Offset of the IP header's first byte within the frame. */
    int offset();

    /** 4 or 6. */
    int version();

    /** Protocol of what follows the IP header(s): ip.proto, or the last IPv6 next-header value. */
    int upperLayerProtocol();

    /** Offset of the upper-layer (e.g. TCP) header. */
    int upperLayerOffset();

    /**
     * Length of the upper-layer data on the wire as the IP header declares it (clamped to the
     * frame's original length when the header claims more). Bytes actually captured may be fewer.
     */
    int upperLayerLength();

    /** True for any fragment of a fragmented datagram (first, middle or last). */
    boolean isFragment();

    /** True for a fragment other than the first: it carries no transport header. */
    default boolean isNonFirstFragment() {
        return fragmentOffsetBytes() != 0;
    }

    /** Fragment offset in bytes (0 when not fragmented). */
    int fragmentOffsetBytes();
}
