package org.mptcpinspect.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PayloadTest {
    @Test
    void chunkingDoesNotChangeTheStream() {
        byte[] whole = Payload.generate(42, 1000);
        byte[] pieces = new byte[1000];
        Payload p = new Payload(42);
        int[] sizes = {1, 7, 8, 13, 100, 871};
        int off = 0;
        for (int size : sizes) {
            p.fill(pieces, off, size);
            off += size;
        }
        assertArrayEquals(whole, pieces);
    }

    @Test
    void seedsGiveDifferentStreamsAndKnownValues() {
        assertFalse(Arrays.equals(Payload.generate(1, 64), Payload.generate(2, 64)));
        // SplitMix64(seed 0) first output is 0xe220a8397b1dcdaf (reference value), little-endian.
        assertArrayEquals(new byte[] {(byte) 0xaf, (byte) 0xcd, 0x1d, 0x7b, 0x39, (byte) 0xa8, 0x20, (byte) 0xe2},
                Payload.generate(0, 8));
    }

    @Test
    void byteSizes() {
        assertEquals(65536, ByteSize.parse("64k"));
        assertEquals(2 * 1024 * 1024, ByteSize.parse("2M"));
        assertEquals(1234, ByteSize.parse("1234"));
        assertThrows(CommandLine.TypeConversionException.class, () -> ByteSize.parse("-1"));
        assertThrows(CommandLine.TypeConversionException.class, () -> ByteSize.parse("lots"));
    }
}
