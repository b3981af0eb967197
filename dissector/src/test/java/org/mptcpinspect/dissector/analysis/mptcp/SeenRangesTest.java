package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeenRangesTest {
    @Test
    void inOrderTrafficIsOneRange() {
        SeenRanges seen = new SeenRanges();
        for (long s = 1; s < 1_000_000; s += 1448) {
            assertFalse(seen.covers(s, s + 1448));
            seen.add(s, s + 1448);
        }
        assertEquals(1, seen.ranges());
        assertTrue(seen.covers(1, 1449));
        assertTrue(seen.covers(500_000, 501_000));
    }

    @Test
    void aSegmentFillingAHoleIsNotCovered() {
        SeenRanges seen = new SeenRanges();
        seen.add(1, 1001);
        seen.add(2001, 3001); // 1001..2001 lost before the capture point
        assertFalse(seen.covers(1001, 2001));
        assertFalse(seen.covers(900, 1100), "partly new");
        assertTrue(seen.covers(2001, 3001));
        seen.add(1001, 2001);
        assertEquals(1, seen.ranges());
        assertTrue(seen.covers(1, 3001));
    }

    @Test
    void agreesWithABitSetOnRandomSegments() {
        Random random = new Random(7);
        SeenRanges seen = new SeenRanges();
        BitSet bits = new BitSet();
        for (int i = 0; i < 20_000; i++) {
            int from = random.nextInt(100_000);
            int to = from + 1 + random.nextInt(1500);
            boolean all = bits.nextClearBit(from) >= to;
            assertEquals(all, seen.covers(from, to), "segment " + from + ".." + to);
            seen.add(from, to);
            bits.set(from, to);
            assertTrue(seen.ranges() <= SeenRanges.MAX_RANGES);
        }
    }
}
