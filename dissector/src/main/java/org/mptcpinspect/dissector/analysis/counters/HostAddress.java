package org.mptcpinspect.dissector.analysis.counters;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.mptcpinspect.dissector.decode.AddressFormat;
import org.mptcpinspect.dissector.decode.FlowKey;

/**
 * One IP address of a host, as a hash key: IPv4 in the low 32 bits of {@code low}, IPv6 in both
 * halves (the layout of {@link FlowKey}).
 */
public record HostAddress(int version, long high, long low) implements Comparable<HostAddress> {

    public static HostAddress source(FlowKey key) {
        return new HostAddress(key.ipVersion(), key.sourceHigh(), key.sourceLow());
    }

    public static HostAddress destination(FlowKey key) {
        return new HostAddress(key.ipVersion(), key.destinationHigh(), key.destinationLow());
    }

    /**
     * Parses an IPv4 or IPv6 literal (no name lookup).
     *
     * @throws IllegalArgumentException with a one-line reason when the text is no address
     */
    public static HostAddress parse(String text) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + text + "'");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return new HostAddress(4, 0, bigEndian(b, 0, 4));
        }
        return new HostAddress(6, bigEndian(b, 0, 8), bigEndian(b, 8, 8));
    }

    private static long bigEndian(byte[] b, int from, int n) {
        long v = 0;
        for (int i = from; i < from + n; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    /** IPv4 before IPv6, then numerically. */
    @Override
    public int compareTo(HostAddress o) {
        int c = Integer.compare(version, o.version);
        if (c == 0) {
            c = Long.compareUnsigned(high, o.high);
        }
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** As Wireshark prints it: "192.0.2.1", "2001:db8::1". */
    @Override
    public String toString() {
        return version == 4 ? AddressFormat.ipv4((int) low) : AddressFormat.ipv6(high, low);
    }
}
