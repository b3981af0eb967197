package org.mptcpinspect.endpoint;

/**
 * The deterministic byte stream an endpoint sends: SplitMix64 output, little-endian, so the
 * byte at any offset depends only on the seed (not on chunking) and anyone holding the seed
 * from a result file can regenerate exactly what went over the wire.
 */
public final class Payload {
    private long state;
    private long word;
    private int wordBytesLeft;

    public Payload(long seed) {
        this.state = seed;
    }

    /** The seed of connection {@code index} for an endpoint started with {@code baseSeed}. */
    public static long connectionSeed(long baseSeed, int index) {
        return baseSeed + index;
    }

    /** The first {@code length} bytes of the stream for {@code seed}. */
    public static byte[] generate(long seed, int length) {
        byte[] bytes = new byte[length];
        new Payload(seed).fill(bytes, 0, length);
        return bytes;
    }

    /** Writes the next {@code length} bytes of the stream into {@code buffer}. */
    public void fill(byte[] buffer, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (wordBytesLeft == 0) {
                word = nextLong();
                wordBytesLeft = 8;
            }
            buffer[i] = (byte) word;
            word >>>= 8;
            wordBytesLeft--;
        }
    }

    private long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
