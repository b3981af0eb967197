package org.mptcpinspect.dissector.mptcp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of octets (an HMAC, an address, a list of address IDs), so that the option
 * records stay immutable and compare by value.
 */
public final class Octets {
    /** No octets. */
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** Takes ownership of an array nobody else holds (a fresh one from the parser), without copying. */
    static Octets adopt(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? EMPTY : new Octets(bytes);
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The octet at {@code index}, unsigned (0-255). */
    public int get(int index) {
        return bytes[index] & 0xff;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lower-case hex without separators, as tshark prints FT_BYTES fields ("0a1b..."). */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
