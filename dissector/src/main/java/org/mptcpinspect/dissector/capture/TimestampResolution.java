package org.mptcpinspect.dissector.capture;

import java.math.BigInteger;

/**
 * The unit of a capture file's timestamps: 10^-exponent or 2^-exponent seconds, as pcapng's
 * if_tsresol option encodes it (classic pcap only uses microseconds and nanoseconds).
 * Converting to nanoseconds truncates, as Wireshark and libpcap do. The conversion is exact
 * even where Wireshark 4.0's 64-bit arithmetic overflows (resolutions finer than about
 * 10^-10 s or 2^-33 s, which real captures do not use).
 *
 * @param binary   true for a power of 2, false for a power of 10
 * @param exponent the negative power of the base: 6 means microseconds when decimal
 */
public record TimestampResolution(boolean binary, int exponent) {

    public static final TimestampResolution MICROSECONDS = new TimestampResolution(false, 6);
    public static final TimestampResolution NANOSECONDS = new TimestampResolution(false, 9);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L,
        10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    public TimestampResolution {
        // 10^19 and 2^64 no longer fit in an unsigned 64-bit timestamp's unit count.
        if (exponent < 0 || exponent > (binary ? 63 : 18)) {
            throw new IllegalArgumentException("unsupported timestamp resolution "
                + (binary ? "2^-" : "10^-") + exponent);
        }
    }

    /** Decodes pcapng's if_tsresol byte: the top bit selects base 2, the rest is the exponent. */
    public static TimestampResolution fromTsresol(int tsresol) {
        return new TimestampResolution((tsresol & 0x80) != 0, tsresol & 0x7f);
    }

    /** The if_tsresol byte that encodes this resolution. */
    public int tsresol() {
        return (binary ? 0x80 : 0) | exponent;
    }

    /** How many timestamp units make one second (2^63 is returned as a negative long). */
    public long unitsPerSecond() {
        return binary ? 1L << exponent : POWERS_OF_TEN[exponent];
    }

    /**
     * Nanoseconds since the epoch for an unsigned 64-bit count of units. Seconds beyond
     * year 2262 overflow a long of nanoseconds; no capture lives that long.
     */
    public long toNanos(long units) {
        if (!binary && exponent <= 9) {
            // The common case (micro/nanoseconds): exact without division.
            return units * POWERS_OF_TEN[9 - exponent];
        }
        long perSecond = unitsPerSecond();
        long seconds = Long.divideUnsigned(units, perSecond);
        long fraction = Long.remainderUnsigned(units, perSecond);
        return seconds * NANOS_PER_SECOND + fractionToNanos(fraction, perSecond);
    }

    /**
     * The unsigned 64-bit unit count for a time in nanoseconds since the epoch, truncated.
     *
     * @throws IllegalArgumentException when the count does not fit (before 1970, or too fine a
     *                                  resolution: 10^-12 s runs out after 213 days)
     */
    public long fromNanos(long nanos) {
        long perSecond = unitsPerSecond();
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long fractionNanos = Math.floorMod(nanos, NANOS_PER_SECOND);
        // fraction * perSecond / 10^9 needs up to 94 bits: do it in 128.
        long fractionUnits = divide128(Math.unsignedMultiplyHigh(fractionNanos, perSecond), fractionNanos * perSecond,
            NANOS_PER_SECOND);
        long whole = seconds * perSecond;
        long units = whole + fractionUnits;
        if (seconds < 0 || Math.unsignedMultiplyHigh(seconds, perSecond) != 0 || Long.compareUnsigned(units, whole) < 0) {
            throw new IllegalArgumentException(nanos + " ns cannot be stored in units of " + this);
        }
        return units;
    }

    private static long fractionToNanos(long fraction, long perSecond) {
        // fraction < perSecond <= 2^63, times 10^9 needs up to 93 bits: do it in 128.
        long high = Math.unsignedMultiplyHigh(fraction, NANOS_PER_SECOND);
        long low = fraction * NANOS_PER_SECOND;
        return divide128(high, low, perSecond);
    }

    /** Unsigned (high:low) / divisor where the quotient is known to fit in 64 bits. */
    private static long divide128(long high, long low, long divisor) {
        if (high == 0) {
            return Long.divideUnsigned(low, divisor);
        }
        return unsigned(high).shiftLeft(64).or(unsigned(low)).divide(unsigned(divisor)).longValue();
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
        return (binary ? "2^-" : "10^-") + exponent + " s";
    }
}
