package org.mptcpinspect.dissector.decode;

import java.util.List;

/**
 * An IPv6 fixed header and the extension headers after it. Addresses are held as two longs
 * (high and low 64 bits) and formatted only when printed ({@link AddressFormat#ipv6(long, long)}).
 *
 * @param trafficClass       ipv6.tclass
 * @param flowLabel          ipv6.flow
 * @param payloadLength      ipv6.plen as on the wire (0 for jumbograms and BIG TCP)
 * @param nextHeader         ipv6.nxt of the fixed header
 * @param hopLimit           ipv6.hlim
 * @param extensionHeaders   in wire order; empty when the fixed header is followed by the upper layer
 * @param upperLayerProtocol next-header value after the last extension header walked (TCP, or where
 *                           the walk stopped: ESP, No Next Header, or an unknown value)
 */
public record Ipv6Header(int offset, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
                         int hopLimit, long sourceHigh, long sourceLow, long destinationHigh,
                         long destinationLow, List<Ipv6ExtensionHeader> extensionHeaders,
                         int upperLayerProtocol, int upperLayerOffset, int upperLayerLength) implements IpHeader {
    public static final int FIXED_LENGTH = 40;

    @Override
    public int version() {
        return 6;
    }

    /** The fragment header, or null when there is none. */
    public Ipv6ExtensionHeader.Fragment fragmentHeader() {
        for (Ipv6ExtensionHeader h : extensionHeaders) {
            if (h instanceof Ipv6ExtensionHeader.Fragment f) {
                return f;
            }
        }
        return null;
    }

    /** An atomic fragment (offset 0, no more fragments; RFC 6946) is not a fragment. */
    @Override
    public boolean isFragment() {
        Ipv6ExtensionHeader.Fragment f = fragmentHeader();
        return f != null && (f.moreFragments() || f.fragmentOffset() != 0);
    }

    @Override
    public int fragmentOffsetBytes() {
        Ipv6ExtensionHeader.Fragment f = fragmentHeader();
        return f == null ? 0 : f.fragmentOffsetBytes();
    }
}
