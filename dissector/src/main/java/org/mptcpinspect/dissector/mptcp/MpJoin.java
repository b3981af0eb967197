package org.mptcpinspect.dissector.mptcp;

/**
 * MP_JOIN (RFC 8684 section 3.2). The length alone says which packet of the subflow handshake
 * carries it (12 SYN, 16 SYN/ACK, 24 third ACK); other lengths are {@link MalformedMptcpOption}.
 * Fields the stage does not carry read 0 (and an empty HMAC).
 *
 * <p>tshark's tcp.options.mptcp.flags for SYN and SYN/ACK is the whole third octet,
 * {@code (subtype() << 4) | flags()}.
 *
 * @param flags               low nibble of the third octet: 3 reserved bits and B (backup); in the ACK
 *                            these four bits are the top of {@code reserved}
 * @param addressId           the sender's address ID (SYN, SYN/ACK)
 * @param receiverToken       the receiver's 32-bit token, unsigned (SYN)
 * @param senderRandom        the sender's 32-bit random number (nonce), unsigned (SYN, SYN/ACK)
 * @param senderTruncatedHmac leftmost 64 bits of the sender's HMAC, unsigned (SYN/ACK)
 * @param reserved            the 12 reserved bits (ACK), as tshark's tcp.options.mptcp.reserved
 * @param senderHmac          the sender's full 160-bit HMAC (ACK)
 */
public record MpJoin(int offset, int length, int flags, int addressId, long receiverToken, long senderRandom,
                     long senderTruncatedHmac, int reserved, Octets senderHmac) implements MptcpOption {

    /** Which packet of the subflow's three-way handshake carries the option. */
    public enum Stage { SYN, SYN_ACK, ACK }

    public static final int FLAG_BACKUP = 0x1;

    public MpJoin {
        if (stageOf(length) == null) {
            throw new IllegalArgumentException("MP_JOIN length " + length + " is not 12, 16 or 24");
        }
    }

    /** The stage a length means, or null for lengths MP_JOIN does not have. */
    static Stage stageOf(int length) {
        return switch (length) {
            case 12 -> Stage.SYN;
            case 16 -> Stage.SYN_ACK;
            case 24 -> Stage.ACK;
            default -> null;
        };
    }

    @Override
    public int subtype() {
        return MptcpSubtype.MP_JOIN;
    }

    public Stage stage() {
        return stageOf(length);
    }

    /** B: the sender wants this subflow as a backup path (SYN and SYN/ACK). */
    public boolean backup() {
        return (flags & FLAG_BACKUP) != 0;
    }

    public boolean hasAddressId() {
        return length != 24;
    }

    @Override
    public boolean lengthAsSpecified() {
        return true;
    }
}
