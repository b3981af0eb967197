package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The assembler's fast paths (in-order delivery, held ranges appended, arrays referenced rather
 * than copied) against what any order of arrival must give: the sender's bytes and their
 * digest, every byte sent twice counted as a duplicate, and a resent range with other bytes
 * noticed.
 */
class DataStreamAssemblerTest {

    /** Segments of a stream sent on two interleaving subflows, some reordered, some sent twice. */
    @Test
    void anyArrivalOrderGivesTheSendersBytes() throws Exception {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            byte[] content = new byte[200_000 + r.nextInt(300_000)];
            r.nextBytes(content);
            List<int[]> segments = new ArrayList<>();
            for (int at = 0; at < content.length; ) {
                int n = Math.min(content.length - at, 1 + r.nextInt(3000));
                segments.add(new int[] {at, n, (at / 16384) % 2});
                at += n;
            }
            // Each subflow's segments stay in order; the subflows interleave at random.
            List<int[]> arrival = interleave(segments, r);
            long sent = 0;
            List<int[]> withResent = new ArrayList<>();
            for (int[] s : arrival) {
                withResent.add(s);
                sent += s[1];
                if (r.nextInt(20) == 0) {
                    int[] again = segments.get(r.nextInt(segments.size()));
                    withResent.add(new int[] {again[0], again[1], 1 - again[2]});
                    sent += again[1];
                }
            }
            long base = r.nextLong();
            DigestSink sink = new DigestSink();
            DataStreamAssembler a = new DataStreamAssembler(sink, base);
            DataStreamAssembler.Outcome out = new DataStreamAssembler.Outcome();
            long frame = 0;
            for (int[] s : withResent) {
                int pad = r.nextInt(80);
                byte[] frameBytes = new byte[pad + s[1]];
                System.arraycopy(content, s[0], frameBytes, pad, s[1]);
                a.add(base + s[0], frameBytes, pad, s[1], s[1], s[2], ++frame, out);
                assertFalse(out.different, "seed " + seed);
            }
            StreamReport report = a.finish();
            assertTrue(report.complete(), "seed " + seed);
            assertEquals(content.length, report.bytes());
            assertEquals(sha256(content), report.sha256(), "seed " + seed);
            assertEquals(sent - content.length, report.duplicateBytes(), "seed " + seed);
        }
    }

    @Test
    void resentRangeWithOtherBytesIsNoticedWhetherDeliveredOrHeld() {
        byte[] content = new byte[10_000];
        new Random(7).nextBytes(content);
        DataStreamAssembler a = new DataStreamAssembler(DataStreamSink.DISCARD, 1000);
        DataStreamAssembler.Outcome out = new DataStreamAssembler.Outcome();
        a.add(1000, content, 0, 4000, 4000, 0, 1, out);          // delivered
        a.add(1000 + 6000, content, 6000, 4000, 4000, 1, 2, out); // held after a gap
        byte[] changed = content.clone();
        changed[2500] ^= 1;
        changed[7500] ^= 1;
        a.add(1000 + 2000, changed, 2000, 1000, 1000, 0, 3, out);
        assertTrue(out.different);
        assertFalse(out.reinjection);
        a.add(1000 + 3000, content, 3000, 1000, 1000, 0, 4, out);
        assertFalse(out.different);
        a.add(1000 + 7000, changed, 7000, 1000, 1000, 0, 5, out);
        assertTrue(out.different);
        assertTrue(out.reinjection);
        assertEquals(List.of(2L), out.reinjectionOf);
        StreamReport report = a.finish();
        assertEquals(2, report.differentOverlaps());
        assertEquals(List.of(new DsnRange(4000, 6000)), report.missing());
    }

    private static List<int[]> interleave(List<int[]> segments, Random r) {
        List<List<int[]>> bySubflow = List.of(new ArrayList<>(), new ArrayList<>());
        for (int[] s : segments) {
            bySubflow.get(s[2]).add(s);
        }
        List<int[]> out = new ArrayList<>();
        int[] next = new int[2];
        while (next[0] < bySubflow.get(0).size() || next[1] < bySubflow.get(1).size()) {
            int pick = r.nextInt(2);
            if (next[pick] == bySubflow.get(pick).size()) {
                pick = 1 - pick;
            }
            out.add(bySubflow.get(pick).get(next[pick]++));
        }
        if (r.nextBoolean()) {
            // A few local swaps on top: reordering inside a subflow's path.
            for (int i = 0; i + 1 < out.size(); i += 1 + r.nextInt(50)) {
                Collections.swap(out, i, i + 1);
            }
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
