package org.mptcpinspect.dissector.mptcp;

/**
 * MP_CAPABLE (RFC 8684 section 3.1; RFC 6824 section 3.1 for version 0).
 *
 * <p>The length says which handshake packet carries it, as in Wireshark 4.0: 4 is a v1 SYN
 * (no key); 12 a v0 SYN or any SYN/ACK (sender's key); 20 the third ACK (sender's and
 * receiver's keys); 22 a v1 ACK carrying data (plus the data-level length); 24 the same with a
 * DSS checksum. Any other length carries only version and flags. Absent fields read 0.
 *
 * @param version         the MPTCP version (low nibble of the third octet): 0 (RFC 6824) or 1 (RFC 8684)
 * @param flags           the raw flags octet A-H (tshark's tcp.options.mptcp.flags)
 * @param senderKey       the option sender's 64-bit key, unsigned
 * @param receiverKey     the option receiver's 64-bit key, unsigned (third ACK only)
 * @param dataLevelLength data-level length of the data carried by a v1 third ACK
 * @param checksum        DSS checksum of that data
 */
public record MpCapable(int offset, int length, int version, int flags, long senderKey, long receiverKey,
                        int dataLevelLength, int checksum) implements MptcpOption {

    /** A: DSS checksums required. */
    public static final int FLAG_CHECKSUM_REQUIRED = 0x80;
    /** B: extensibility (another crypto negotiation follows). */
    public static final int FLAG_EXTENSIBILITY = 0x40;
    /** C (v1 only): do not establish new subflows to this packet's source address. */
    public static final int FLAG_NO_MORE_SUBFLOWS = 0x20;
    /** H: HMAC-SHA1 in v0, HMAC-SHA256 in v1. */
    public static final int FLAG_HMAC_SHA = 0x01;
    /** Bits the RFC reserves: C to G in v0 (RFC 6824), D to G in v1 (RFC 8684). */
    public static final int RESERVED_FLAGS_V0 = 0x3e;
    public static final int RESERVED_FLAGS_V1 = 0x1e;

    @Override
    public int subtype() {
        return MptcpSubtype.MP_CAPABLE;
    }

    public boolean hasSenderKey() {
        return length == 12 || length == 20 || length == 22 || length == 24;
    }

    public boolean hasReceiverKey() {
        return length == 20 || length == 22 || length == 24;
    }

    public boolean hasDataLevelLength() {
        return length == 22 || length == 24;
    }

    public boolean hasChecksum() {
        return length == 24;
    }

    public boolean checksumRequired() {
        return (flags & FLAG_CHECKSUM_REQUIRED) != 0;
    }

    public boolean extensibility() {
        return (flags & FLAG_EXTENSIBILITY) != 0;
    }

    /** Flag C; meaningful in v1 only (in v0 it is a reserved bit). */
    public boolean noMoreSubflows() {
        return (flags & FLAG_NO_MORE_SUBFLOWS) != 0;
    }

    /** Flag H: HMAC-SHA1 (v0) or HMAC-SHA256 (v1). */
    public boolean hmacSha() {
        return (flags & FLAG_HMAC_SHA) != 0;
    }

    /** The reserved flag bits for this version, still in place (not shifted). */
    public int reservedFlags() {
        return flags & (version == 0 ? RESERVED_FLAGS_V0 : RESERVED_FLAGS_V1);
    }

    @Override
    public boolean lengthAsSpecified() {
        return switch (length) {
            case 4, 22, 24 -> version == 1;
            case 12, 20 -> true;
            default -> false;
        };
    }
}
