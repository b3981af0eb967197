package org.mptcpinspect.dissector.decode;

/** One IPv6 extension header between the fixed header and the upper layer. */
public sealed interface Ipv6ExtensionHeader {

    /** Offset of the extension header's first byte (its next-header byte). */
    int offset();

    /** Length in bytes, as computed from its length byte. */
    int length();

    /** Its own protocol number: 0, 43, 44, 51 or 60 (see {@link IpProtocol}). */
    int type();

    /** The next-header value it carries. */
    int nextHeader();

    /** Hop-by-hop (type 0) or destination (type 60) options; the options stay raw in the frame. */
    record Options(int offset, int length, int type, int nextHeader) implements Ipv6ExtensionHeader {
    }

    /** Routing header (ipv6.routing.type, ipv6.routing.segleft); type-specific data stays raw. */
    record Routing(int offset, int length, int nextHeader, int routingType, int segmentsLeft)
            implements Ipv6ExtensionHeader {
        @Override
        public int type() {
            return IpProtocol.ROUTING;
        }
    }

    /**
     * Fragment header, always 8 bytes.
     *
     * @param fragmentOffset fragment offset field in 8-byte units as on the wire
     * @param identification unsigned 32-bit identification
     */
    record Fragment(int offset, int nextHeader, int fragmentOffset, boolean moreFragments, long identification)
            implements Ipv6ExtensionHeader {
        public static final int LENGTH = 8;

        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public int type() {
            return IpProtocol.FRAGMENT;
        }

        public int fragmentOffsetBytes() {
            return fragmentOffset * 8;
        }
    }

    /** IPsec Authentication Header (ah.spi, ah.sequence); the ICV stays raw in the frame. */
    record Authentication(int offset, int length, int nextHeader, long spi, long sequenceNumber)
            implements Ipv6ExtensionHeader {
        @Override
        public int type() {
            return IpProtocol.AUTHENTICATION;
        }
    }
}
