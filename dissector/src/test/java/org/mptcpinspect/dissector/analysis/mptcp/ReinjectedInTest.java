package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The inverse of mptcp.reinjection_of, as a second pass looks it up. */
class ReinjectedInTest {
    private static MptcpPacketAnalysis reinjecting(Long... originals) {
        return new MptcpPacketAnalysis(0, 1, 1, false, true, 0, true, 0, 0, 0, 0, 0, false, 0, List.of(originals), 0,
                false);
    }

    @Test
    void namesEveryLaterFrameInOrderWhateverOrderTheOriginalsCameIn() {
        ReinjectedIn in = new ReinjectedIn();
        in.record(351, reinjecting(298L));
        in.record(375, reinjecting(337L, 336L));
        in.record(376, reinjecting(338L, 337L));
        in.record(400, MptcpPacketAnalysis.NONE);
        assertEquals(5, in.size());
        assertArrayEquals(new long[] {351}, in.of(298));
        assertArrayEquals(new long[] {375}, in.of(336));
        assertArrayEquals(new long[] {375, 376}, in.of(337));
        assertArrayEquals(new long[] {376}, in.of(338));
        assertArrayEquals(new long[0], in.of(299));
        assertArrayEquals(new long[0], in.of(351));
        assertArrayEquals(new long[0], in.of(0));
        // Looking up once sorts; later records are still found.
        in.record(500, reinjecting(299L));
        assertArrayEquals(new long[] {500}, in.of(299));
    }

    @Test
    void frameNumbersAreThirtyTwoBitsAsWiresharks() {
        ReinjectedIn in = new ReinjectedIn();
        in.record(0xffff_ffffL, reinjecting(0xffff_fffeL));
        assertArrayEquals(new long[] {0xffff_ffffL}, in.of(0xffff_fffeL));
        assertThrows(IllegalArgumentException.class, () -> in.record(1L << 32, reinjecting(1L)));
    }
}
