package org.mptcpinspect.dissector.decode;

/**
 * BSD loopback header (LINKTYPE_NULL, host byte order; LINKTYPE_LOOP, network byte order): a 4-byte
 * address family (null.family). 2 is IPv4; 24, 28 and 30 are IPv6 on the various BSDs and macOS.
 *
 * @param bigEndian whether the family was stored big-endian (always true for LOOP; for NULL it is
 *                  inferred, as Wireshark does, from which half of the value is non-zero)
 */
public record LoopbackHeader(int offset, int family, boolean bigEndian) implements LinkHeader {
    public static final int LENGTH = 4;
    public static final int FAMILY_INET = 2;

    @Override
    public int length() {
        return LENGTH;
    }

    public boolean isIpv4() {
        return family == FAMILY_INET;
    }

    public boolean isIpv6() {
        return family == 24 || family == 28 || family == 30;
    }
}
