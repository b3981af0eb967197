package org.mptcpinspect.dissector.fields;

/** Wireshark's field types (FT_*), limited to the ones this tool's dissection uses. */
public enum FieldType {
    /** FT_PROTOCOL: a protocol layer; its value is the layer's summary line. */
    PROTOCOL(0),
    /** FT_NONE: a label or subtree root without a value of its own. */
    NONE(0),
    BOOLEAN(0),
    UINT8(8), UINT16(16), UINT24(24), UINT32(32), UINT64(64),
    INT8(8), INT16(16), INT32(32), INT64(64),
    /** FT_FRAMENUM: a frame number (printed as an unsigned decimal). */
    FRAMENUM(32),
    BYTES(0),
    ETHER(0),
    IPV4(0),
    IPV6(0),
    STRING(0),
    ABSOLUTE_TIME(0),
    RELATIVE_TIME(0),
    DOUBLE(0);

    private final int bits;

    FieldType(int bits) {
        this.bits = bits;
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
