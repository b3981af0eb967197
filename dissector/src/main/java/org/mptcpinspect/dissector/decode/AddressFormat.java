package org.mptcpinspect.dissector.decode;

/**
 * Text forms of addresses exactly as Wireshark prints them: dotted quad for IPv4, RFC 5952 for
 * IPv6 (lower case, longest run of two or more zero groups compressed, IPv4-mapped and
 * IPv4-compatible addresses in mixed notation as glibc's inet_ntop does), colon-separated lower
 * case for MAC addresses. The append forms let callers build output without interim strings.
 */
public final class AddressFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AddressFormat() {
    }

    public static String ipv4(int address) {
        return appendIpv4(new StringBuilder(15), address).toString();
    }

    public static String ipv6(long high, long low) {
        return appendIpv6(new StringBuilder(39), high, low).toString();
    }

    public static String mac(long address) {
        return appendMac(new StringBuilder(17), address).toString();
    }

    public static StringBuilder appendIpv4(StringBuilder out, int address) {
        out.append(address >>> 24).append('.').append(address >>> 16 & 0xff).append('.')
                .append(address >>> 8 & 0xff).append('.').append(address & 0xff);
        return out;
    }

    public static StringBuilder appendIpv6(StringBuilder out, long high, long low) {
        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        for (int i = 0; i < 8; i++) {
            if (group(high, low, i) == 0) {
                if (runStart < 0) {
                    runStart = i;
                }
                if (i - runStart + 1 > bestLength) {
                    bestStart = runStart;
                    bestLength = i - runStart + 1;
                }
            } else {
                runStart = -1;
            }
        }
        if (bestLength < 2) {
            bestStart = -1; // RFC 5952 4.2.2: a single zero group is not compressed
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(':');
                i += bestLength - 1;
                if (i == 7) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            // ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped) end in a dotted quad, as in inet_ntop
            if (i == 6 && bestStart == 0 && (bestLength == 6 || bestLength == 5 && group(high, low, 5) == 0xffff)) {
                appendIpv4(out, (int) low);
                return out;
            }
            appendHexGroup(out, group(high, low, i));
        }
        return out;
    }

    public static StringBuilder appendMac(StringBuilder out, long address) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (address >>> shift) & 0xff;
            out.append(HEX[b >>> 4]).append(HEX[b & 0xf]);
            if (shift != 0) {
                out.append(':');
            }
        }
        return out;
    }

    private static int group(long high, long low, int i) {
        long half = i < 4 ? high : low;
        return (int) (half >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    private static void appendHexGroup(StringBuilder out, int group) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = group >>> shift & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out.append(HEX[nibble]);
                started = true;
            }
        }
    }
}
