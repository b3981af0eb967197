package org.mptcpinspect.dissector.mptcp;

import java.io.ByteArrayOutputStream;

/** Builds hand-made MPTCP option bytes and frames that hold them, for tests. */
final class OptionBytes {
    /** Where test frames put the option: past a made-up IPv4 + TCP header, so offsets are absolute. */
    static final int AT = 40;
    /** Fill around the option, so that reading outside it shows up as wrong values. */
    private static final byte FILL = (byte) 0xa5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private OptionBytes() {
    }

    /** Starts an option: kind 30, the given length octet, then the subtype octet. */
    static OptionBytes option(int length, int subtype, int lowNibble) {
        return new OptionBytes().u8(30).u8(length).u8(subtype << 4 | lowNibble);
    }

    OptionBytes u8(int v) {
        out.write(v);
        return this;
    }

    OptionBytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    OptionBytes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    OptionBytes u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    OptionBytes bytes(byte... b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A frame with the option at {@link #AT} and filler before and after it. */
    byte[] frame() {
        return frame(toByteArray());
    }

    static byte[] frame(byte[] option) {
        byte[] frame = new byte[AT + option.length + 8];
        java.util.Arrays.fill(frame, FILL);
        System.arraycopy(option, 0, frame, AT, option.length);
        return frame;
    }

    /** Dissects the option as TCP decoding would: at {@link #AT}, with its own length octet. */
    MptcpOption dissect() {
        byte[] option = toByteArray();
        return MptcpOptionDissector.dissect(frame(option), AT, option[1] & 0xff);
    }

    static byte[] sequence(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }
}
