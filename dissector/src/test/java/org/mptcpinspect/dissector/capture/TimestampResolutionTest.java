package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampResolutionTest {

    @Test
    void tsresolByteRoundTrips() {
        assertEquals(TimestampResolution.MICROSECONDS, TimestampResolution.fromTsresol(6));
        assertEquals(TimestampResolution.NANOSECONDS, TimestampResolution.fromTsresol(9));
        assertEquals(new TimestampResolution(true, 20), TimestampResolution.fromTsresol(0x94));
        assertEquals(0x94, new TimestampResolution(true, 20).tsresol());
        assertEquals("2^-20 s", TimestampResolution.fromTsresol(0x94).toString());
    }

    @Test
    void resolutionsBeyondA64BitCountAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TimestampResolution.fromTsresol(19));
        assertThrows(IllegalArgumentException.class, () -> TimestampResolution.fromTsresol(0x80 | 64));
    }

    /** Every resolution converts exactly as the 128-bit arithmetic of the definition says. */
    @Test
    void conversionsTruncateExactly() {
        Random random = new Random(1);
        BigInteger billion = BigInteger.valueOf(1_000_000_000L);
        for (int tsresol : new int[] {0, 3, 6, 9, 10, 12, 18, 0x80, 0x80 | 10, 0x80 | 20, 0x80 | 30, 0x80 | 40, 0x80 | 63}) {
            TimestampResolution resolution = TimestampResolution.fromTsresol(tsresol);
            BigInteger perSecond = new BigInteger(Long.toUnsignedString(resolution.unitsPerSecond()));
            for (int i = 0; i < 1000; i++) {
                long units = random.nextLong() >>> (1 + random.nextInt(40));
                BigInteger exact = new BigInteger(Long.toUnsignedString(units)).multiply(billion).divide(perSecond);
                if (exact.bitLength() < 63) {
                    assertEquals(exact.longValueExact(), resolution.toNanos(units), resolution + " " + units);
                }
                long nanos = 1_700_000_000_000_000_000L + random.nextInt(1_000_000_000);
                BigInteger expectedUnits = BigInteger.valueOf(nanos).multiply(perSecond).divide(billion);
                if (expectedUnits.bitLength() <= 64) {
                    assertEquals(expectedUnits.longValue(), resolution.fromNanos(nanos), resolution + " " + nanos);
                } else {
                    assertThrows(IllegalArgumentException.class, () -> resolution.fromNanos(nanos));
                }
            }
        }
    }
}
