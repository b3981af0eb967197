package org.mptcpinspect.dissector.fields;

/**
 * Wireshark's field types (FT_*), limited to the ones this tool's dissection uses, with their
 * number in Wireshark 4.0's enum ftenum (epan/ftypes/ftypes.h), which tshark -T json -x prints.
 */
public enum FieldType {
    /** FT_PROTOCOL: a protocol layer; its value is the layer's summary line. */
    PROTOCOL(0, 1),
    /** FT_NONE: a label or subtree root without a value of its own. */
    NONE(0, 0),
    BOOLEAN(0, 2),
    UINT8(8, 4), UINT16(16, 5), UINT24(24, 6), UINT32(32, 7), UINT64(64, 11),
    INT8(8, 12), INT16(16, 13), INT32(32, 15), INT64(64, 19),
    /** FT_FRAMENUM: a frame number (printed as an unsigned decimal). */
    FRAMENUM(32, 35),
    BYTES(0, 30),
    ETHER(0, 29),
    IPV4(0, 32),
    IPV6(0, 33),
    STRING(0, 26),
    ABSOLUTE_TIME(0, 24),
    RELATIVE_TIME(0, 25),
    DOUBLE(0, 23);

    private final int bits;
    private final int ftenum;

    FieldType(int bits, int ftenum) {
        this.bits = bits;
        this.ftenum = ftenum;
    }

    /** The type's value in Wireshark 4.0's enum ftenum (FT_NONE 0, FT_PROTOCOL 1, ... FT_FRAMENUM 35). */
    public int ftenum() {
        return ftenum;
    }

    /** Width in bits of integer types (0 for the others). */
    public int bits() {
        return bits;
    }

    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT24 || this == UINT32 || this == UINT64
                || this == FRAMENUM;
    }

    public boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    /** Types whose values are carried as a long: integers, booleans and IPv4 addresses. */
    public boolean isIntegral() {
        return isUnsigned() || isSigned() || this == BOOLEAN;
    }

    /** Largest unsigned value of the type, or -1 (all ones) for 64-bit types. */
    public long unsignedMax() {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
