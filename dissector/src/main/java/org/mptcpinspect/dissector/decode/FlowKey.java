package org.mptcpinspect.dissector.decode;

/**
 * A TCP 4-tuple as a hash key: primitive fields only, no strings. IPv4 addresses sit in
 * {@code sourceLow}/{@code destinationLow} (low 32 bits, high fields 0), IPv6 addresses fill both
 * halves; {@code ipVersion} keeps an IPv4 flow and an IPv6 flow with the same bits apart.
 *
 * <p>A key is directional. Use {@link #canonical()} to look up both directions of a subflow under
 * one key, and {@link #isCanonical()} to learn which direction a packet went.
 */
public record FlowKey(int ipVersion, long sourceHigh, long sourceLow, long destinationHigh, long destinationLow,
                      int sourcePort, int destinationPort) {

    /** The key of a decoded packet's TCP segment, or null when it has no TCP header. */
    public static FlowKey of(DecodedPacket packet) {
        TcpHeader tcp = packet.tcp();
        if (tcp == null) {
            return null;
        }
        return switch (packet.ip()) {
            case Ipv4Header v4 -> ipv4(v4.source(), tcp.sourcePort(), v4.destination(), tcp.destinationPort());
            case Ipv6Header v6 -> new FlowKey(6, v6.sourceHigh(), v6.sourceLow(), v6.destinationHigh(),
                    v6.destinationLow(), tcp.sourcePort(), tcp.destinationPort());
        };
    }

    public static FlowKey ipv4(int source, int sourcePort, int destination, int destinationPort) {
        return new FlowKey(4, 0, source & 0xffff_ffffL, 0, destination & 0xffff_ffffL, sourcePort, destinationPort);
    }

    public static FlowKey ipv6(long sourceHigh, long sourceLow, int sourcePort, long destinationHigh,
                               long destinationLow, int destinationPort) {
        return new FlowKey(6, sourceHigh, sourceLow, destinationHigh, destinationLow, sourcePort, destinationPort);
    }

    /** The same flow seen from the other end. */
    public FlowKey reversed() {
        return new FlowKey(ipVersion, destinationHigh, destinationLow, sourceHigh, sourceLow, destinationPort,
                sourcePort);
    }

    /** True when the source endpoint sorts before (or equals) the destination endpoint. */
    public boolean isCanonical() {
        int c = Long.compareUnsigned(sourceHigh, destinationHigh);
        if (c == 0) {
            c = Long.compareUnsigned(sourceLow, destinationLow);
        }
        return c < 0 || c == 0 && sourcePort <= destinationPort;
    }

    /** The direction-independent form: this key or its reverse, whichever {@link #isCanonical()}. */
    public FlowKey canonical() {
        return isCanonical() ? this : reversed();
    }

    /** The IPv4 source address (meaningful when {@code ipVersion == 4}). */
    public int sourceIpv4() {
        return (int) sourceLow;
    }

    public int destinationIpv4() {
        return (int) destinationLow;
    }

    /** Mixes every bit: addresses in one subnet and neighbouring ports would collide with plain 31*h. */
    @Override
    public int hashCode() {
        long h = sourceHigh * 0x9e3779b97f4a7c15L;
        h = (h ^ sourceLow) * 0x9e3779b97f4a7c15L;
        h = (h ^ destinationHigh) * 0x9e3779b97f4a7c15L;
        h = (h ^ destinationLow) * 0x9e3779b97f4a7c15L;
        h = (h ^ ((long) sourcePort << 16 | destinationPort) ^ (long) ipVersion << 32) * 0x9e3779b97f4a7c15L;
        return (int) (h ^ h >>> 32);
    }

    /** "192.0.2.1:80 -> 198.51.100.7:51000", IPv6 addresses in brackets. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(48);
        appendEndpoint(out, sourceHigh, sourceLow, sourcePort).append(" -> ");
        return appendEndpoint(out, destinationHigh, destinationLow, destinationPort).toString();
    }

    /** "192.0.2.1:80" or "[2001:db8::1]:80": the source address and port. */
    public String sourceEndpoint() {
        return appendEndpoint(new StringBuilder(24), sourceHigh, sourceLow, sourcePort).toString();
    }

    /** The destination address and port, written as {@link #sourceEndpoint()}. */
    public String destinationEndpoint() {
        return appendEndpoint(new StringBuilder(24), destinationHigh, destinationLow, destinationPort).toString();
    }

    private StringBuilder appendEndpoint(StringBuilder out, long high, long low, int port) {
        if (ipVersion == 4) {
            AddressFormat.appendIpv4(out, (int) low);
        } else {
            AddressFormat.appendIpv6(out.append('['), high, low).append(']');
        }
        return out.append(':').append(port);
    }
}
