package org.mptcpinspect.dissector.fields;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for text output: numbers, hex and ASCII are written as bytes without
 * creating Strings, which keeps per-packet output allocation-free.
 */
public final class TextBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private byte[] buf;
    private int size;

    public TextBuffer() {
        this(256);
    }

    public TextBuffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    /** Drops everything after the first {@code newSize} bytes. */
    public void truncate(int newSize) {
        size = newSize;
    }

    public byte byteAt(int i) {
        return buf[i];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public TextBuffer append(byte b) {
        ensure(1);
        buf[size++] = b;
        return this;
    }

    public TextBuffer append(char asciiChar) {
        return append((byte) asciiChar);
    }

    public TextBuffer append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    public TextBuffer append(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
        return this;
    }

    public TextBuffer append(TextBuffer other, int from, int to) {
        return append(other.buf, from, to - from);
    }

    /**
     * Appends a string as UTF-8, without allocating unless it has characters outside the BMP
     * (every summary line's " \u2192 " passes here).
     */
    public TextBuffer append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (Character.isSurrogate(c)) {
                return append(s.substring(i).getBytes(StandardCharsets.UTF_8));
            } else {
                ensure(n - i + 2); // this character's three bytes at most, and the rest
                if (c < 0x800) {
                    buf[size++] = (byte) (0xc0 | c >> 6);
                } else {
                    buf[size++] = (byte) (0xe0 | c >> 12);
                    buf[size++] = (byte) (0x80 | (c >> 6 & 0x3f));
                }
                buf[size++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return this;
    }

    public TextBuffer appendDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            return append(MIN_LONG);
        }
        if (v < 0) {
            append('-');
            v = -v;
        }
        return appendUnsigned(v);
    }

    /** Appends a 64-bit value read as unsigned. */
    public TextBuffer appendUnsigned(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return appendInt((int) v);
        }
        // Nine low digits with int arithmetic, the rest recursively (at most twice).
        long high = Long.divideUnsigned(v, 1_000_000_000L);
        int low = (int) (v - high * 1_000_000_000L);
        appendUnsigned(high);
        return appendPadded(low, 9);
    }

    private TextBuffer appendInt(int v) {
        int n = intDigits(v);
        ensure(n);
        int i = size + n;
        while (v >= 100) {
            int q = v / 100;
            int r = v - q * 100;
            buf[--i] = DIGIT_ONES[r];
            buf[--i] = DIGIT_TENS[r];
            v = q;
        }
        if (v >= 10) {
            buf[--i] = DIGIT_ONES[v];
            buf[--i] = DIGIT_TENS[v];
        } else {
            buf[--i] = (byte) ('0' + v);
        }
        size += n;
        return this;
    }

    private static int intDigits(int v) {
        if (v < 10) {
            return 1;
        }
        if (v < 100) {
            return 2;
        }
        if (v < 1000) {
            return 3;
        }
        if (v < 10_000) {
            return 4;
        }
        if (v < 100_000) {
            return 5;
        }
        if (v < 1_000_000) {
            return 6;
        }
        if (v < 10_000_000) {
            return 7;
        }
        if (v < 100_000_000) {
            return 8;
        }
        return v < 1_000_000_000 ? 9 : 10;
    }

    /** Appends {@code value} as exactly {@code digits} lowercase hex digits (most significant first). */
    public TextBuffer appendHex(long value, int digits) {
        ensure(digits);
        for (int i = digits - 1; i >= 0; i--) {
            buf[size++] = HEX[(int) (value >>> (i * 4)) & 0xf];
        }
        return this;
    }

    /** Appends {@code value} in hex without leading zeros. */
    public TextBuffer appendHexMinimal(long value) {
        int digits = value == 0 ? 1 : (64 - Long.numberOfLeadingZeros(value) + 3) / 4;
        return appendHex(value, digits);
    }

    /** Appends bytes as lowercase hex, with {@code separator} between bytes (0 for none). */
    public TextBuffer appendHexBytes(byte[] src, int from, int to, char separator) {
        ensure((to - from) * 3);
        for (int i = from; i < to; i++) {
            if (separator != 0 && i != from) {
                buf[size++] = (byte) separator;
            }
            buf[size++] = HEX[(src[i] >> 4) & 0xf];
            buf[size++] = HEX[src[i] & 0xf];
        }
        return this;
    }

    /** Appends a zero-padded decimal of exactly {@code digits} digits (at most 9: an int's worth). */
    public TextBuffer appendPadded(long value, int digits) {
        ensure(digits);
        int v = (int) value;
        for (int i = size + digits - 1; i >= size; i--) {
            int q = v / 10;
            buf[i] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        size += digits;
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    public void writeTo(OutputStream out, int from, int to) throws IOException {
        out.write(buf, from, to - from);
    }

    public String toString(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toString(0, size);
    }
}
