package org.mptcpinspect.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * An IP address and port as the kernel reports them, with the address in its canonical text
 * form (dotted quad, or RFC 5952 compressed IPv6) so that captures and results compare as
 * plain strings.
 */
public record SockAddr(String address, int port) {
    /** sizeof(struct sockaddr_storage): big enough for any address the kernel returns. */
    static final int STORAGE_SIZE = 128;
    private static final int SOCKADDR_IN_SIZE = 16;
    private static final int SOCKADDR_IN6_SIZE = 28;
    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort PORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public SockAddr {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        address = canonical(parseLiteral(address));
    }

    /** Parses "192.0.2.1:80", "[2001:db8::1]:80". */
    public static SockAddr parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected ADDRESS:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new SockAddr(host, Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "'");
        }
    }

    @JsonIgnore
    public Family family() {
        return address.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
    }

    @Override
    public String toString() {
        return family() == Family.IPV6 ? "[" + address + "]:" + port : address + ":" + port;
    }

    /** Encodes this address as a struct sockaddr_in or sockaddr_in6. */
    MemorySegment encode(Arena arena) {
        byte[] raw = parseLiteral(address).getAddress();
        if (raw.length == 4) {
            MemorySegment sa = arena.allocate(SOCKADDR_IN_SIZE);
            sa.set(FAMILY, 0, (short) Libc.AF_INET);
            sa.set(PORT, 2, (short) port);
            MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
            return sa;
        }
        MemorySegment sa = arena.allocate(SOCKADDR_IN6_SIZE);
        sa.set(FAMILY, 0, (short) Libc.AF_INET6);
        sa.set(PORT, 2, (short) port);
        // sin6_flowinfo (offset 4) and sin6_scope_id (offset 24) stay zero.
        MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
        return sa;
    }

    /**
     * Decodes a struct sockaddr_in/sockaddr_in6; null for an empty (AF_UNSPEC) slot, which the
     * kernel leaves when it has no address to report.
     */
    static SockAddr decode(MemorySegment sa) {
        int family = Short.toUnsignedInt(sa.get(FAMILY, 0));
        int port = Short.toUnsignedInt(sa.get(PORT, 2));
        byte[] raw;
        if (family == Libc.AF_INET) {
            raw = new byte[4];
            MemorySegment.copy(sa, ValueLayout.JAVA_BYTE, 4, raw, 0, 4);
        } else if (family == Libc.AF_INET6) {
            raw = new byte[16];
            MemorySegment.copy(sa, ValueLayout.JAVA_BYTE, 8, raw, 0, 16);
        } else {
            return null;
        }
        try {
            return new SockAddr(canonical(InetAddress.getByAddress(raw)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("impossible address length " + raw.length, e);
        }
    }

    /** Text form: an IPv4-mapped IPv6 address is shown as the IPv4 address it stands for. */
    static String canonical(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] raw = address.getAddress();
        return compressIpv6(raw);
    }

    private static InetAddress parseLiteral(String literal) {
        if (literal == null) {
            throw new IllegalArgumentException("missing IP address");
        }
        try {
            return InetAddress.ofLiteral(literal); // never a name lookup
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address literal: '" + literal + "'", e);
        }
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (>= 2) of zero groups as "::". */
    private static String compressIpv6(byte[] raw) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((raw[2 * i] & 0xff) << 8) | (raw[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
