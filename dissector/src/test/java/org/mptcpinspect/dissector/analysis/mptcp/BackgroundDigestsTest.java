package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Digests computed on the worker thread equal the JDK's SHA-256 of the same bytes. */
class BackgroundDigestsTest {

    @Test
    void interleavedStreamsAreHashedInOrder() throws Exception {
        BackgroundDigests digests = new BackgroundDigests();
        Random r = new Random(1);
        DataStreamSink[] sinks = new DataStreamSink[5];
        MessageDigest[] expected = new MessageDigest[5];
        for (int i = 0; i < sinks.length; i++) {
            sinks[i] = digests.create(i / 2, i % 2 == 0);
            expected[i] = MessageDigest.getInstance("SHA-256");
        }
        for (int round = 0; round < 20_000; round++) {
            int i = r.nextInt(sinks.length - 1); // the last sink gets nothing
            byte[] b = new byte[r.nextInt(2000)];
            r.nextBytes(b);
            int offset = b.length == 0 ? 0 : r.nextInt(b.length);
            int length = b.length - offset;
            expected[i].update(b, offset, length);
            if (r.nextBoolean()) {
                sinks[i].acceptUnchanging(b, offset, length);
            } else {
                sinks[i].accept(b, offset, length);
                Arrays.fill(b, (byte) 0); // accept's bytes may change after the call
            }
        }
        for (int i = 0; i < sinks.length; i++) {
            assertEquals(HexFormat.of().formatHex(expected[i].digest()), sinks[i].sha256(), "stream " + i);
        }
        // Once every sink is finished the worker stops; a new stream starts another.
        DataStreamSink later = digests.create(9, true);
        later.acceptUnchanging(new byte[] {1, 2, 3}, 0, 3);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3})),
                later.sha256());
    }
}
