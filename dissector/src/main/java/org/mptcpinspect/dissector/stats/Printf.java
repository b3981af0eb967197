package org.mptcpinspect.dissector.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The few printf conversions tshark's statistics use, with C's rounding and padding. */
final class Printf {
    private Printf() {
    }

    /** {@code %-Ns}: left-aligned, padded with spaces to {@code width} (never cut). */
    static StringBuilder left(StringBuilder out, String s, int width) {
        out.append(s);
        pad(out, width - s.length());
        return out;
    }

    /** {@code %Ns}: right-aligned. */
    static StringBuilder right(StringBuilder out, String s, int width) {
        pad(out, width - s.length());
        return out.append(s);
    }

    /** {@code %N.Df}: glibc rounds the double's exact binary value, ties to even. */
    static StringBuilder fixed(StringBuilder out, double value, int width, int decimals) {
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (value < 0 && !s.startsWith("-")) {
            s = "-" + s; // -0.0001 rounds to "-0.000" in C
        }
        return right(out, s, width);
    }

    static void pad(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) {
            out.append(' ');
        }
    }

    /**
     * Seconds as Wireshark's nstime_to_sec computes them: whole seconds plus nanoseconds / 1e9,
     * both with the sign of the time (nstime_delta's normal form).
     */
    static double seconds(long nanos) {
        long secs = nanos / 1_000_000_000L;
        long ns = nanos % 1_000_000_000L;
        return (double) secs + (double) ns / 1_000_000_000.0;
    }

    /**
     * Wireshark's format_size with bytes as the unit and SI prefixes: whole numbers, the largest
     * prefix that leaves at least 10 ("9999 bytes", "10 kB", "121 kB", "47 MB").
     */
    static String size(long bytes) {
        String[] prefixes = {" T", " G", " M", " k"};
        long[] divisors = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < divisors.length; i++) {
            if (bytes / divisors[i] >= 10) {
                return bytes / divisors[i] + prefixes[i] + "B";
            }
        }
        return bytes + " bytes";
    }
}
