package org.mptcpinspect.dissector.decode;

/** Big-endian (network order) reads of unsigned values from a frame. Callers check bounds first. */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    /** Four bytes as a Java int: the bit pattern of an IPv4 address or any 32-bit field. */
    static int i32(byte[] b, int i) {
        return (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffff_ffffL;
    }

    static long u48(byte[] b, int i) {
        return (long) u16(b, i) << 32 | u32(b, i + 2);
    }

    static long i64(byte[] b, int i) {
        return (long) i32(b, i) << 32 | u32(b, i + 4);
    }

    /** The first {@code n} (0..8) bytes at {@code i} as an unsigned big-endian number. */
    static long unsigned(byte[] b, int i, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = v << 8 | (b[i + k] & 0xff);
        }
        return v;
    }
}
