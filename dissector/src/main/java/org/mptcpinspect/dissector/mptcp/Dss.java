package org.mptcpinspect.dissector.mptcp;

/**
 * Data Sequence Signal (RFC 8684 section 3.3). The flags octet says what is present: a data
 * ACK of 4 or 8 octets, a mapping (data sequence number of 4 or 8 octets, subflow sequence
 * number, data-level length, then a checksum when the option has two octets left for it) and
 * DATA_FIN. Values are raw, as sent: a 4-octet data ACK or DSN is not expanded to 64 bits.
 * Absent fields read 0.
 *
 * <p>Wireshark 4.0 quirk: tshark shows the checksum only when at least four octets follow the
 * data-level length, so a DSS carrying exactly a checksum (as Linux sends it) shows none in
 * tshark although {@link #hasChecksum()} is true here.
 *
 * @param flags                  the raw flags octet: 3 reserved bits, F, m, M, a, A (tcp.options.mptcp.flags)
 * @param dataAck                the data ACK as sent (4 or 8 octets), unsigned
 * @param dataSequenceNumber     the mapping's data sequence number as sent (4 or 8 octets), unsigned
 * @param subflowSequenceNumber  the mapping's relative subflow sequence number, unsigned 32 bits
 * @param dataLevelLength        the mapping's data-level length (0 means an infinite mapping)
 * @param checksum               the mapping's DSS checksum
 */
public record Dss(int offset, int length, int flags, long dataAck, long dataSequenceNumber,
                  long subflowSequenceNumber, int dataLevelLength, int checksum) implements MptcpOption {

    /** A: data ACK present. */
    public static final int FLAG_DATA_ACK = 0x01;
    /** a: data ACK is 8 octets. */
    public static final int FLAG_DATA_ACK_8 = 0x02;
    /** M: mapping present. */
    public static final int FLAG_MAPPING = 0x04;
    /** m: data sequence number is 8 octets. */
    public static final int FLAG_DSN_8 = 0x08;
    /** F: DATA_FIN. */
    public static final int FLAG_DATA_FIN = 0x10;
    public static final int RESERVED_FLAGS = 0xe0;

    /** Octets before the first optional field: kind, length, subtype/reserved, flags. */
    private static final int HEADER = 4;

    @Override
    public int subtype() {
        return MptcpSubtype.DSS;
    }

    public boolean hasDataAck() {
        return (flags & FLAG_DATA_ACK) != 0;
    }

    /** 0, 4 or 8. */
    public int dataAckSize() {
        return hasDataAck() ? ((flags & FLAG_DATA_ACK_8) != 0 ? 8 : 4) : 0;
    }

    public boolean hasMapping() {
        return (flags & FLAG_MAPPING) != 0;
    }

    /** 0, 4 or 8. */
    public int dataSequenceNumberSize() {
        return hasMapping() ? ((flags & FLAG_DSN_8) != 0 ? 8 : 4) : 0;
    }

    public boolean dataFin() {
        return (flags & FLAG_DATA_FIN) != 0;
    }

    /** Length up to the end of the data-level length (or of the data ACK without a mapping). */
    public int lengthWithoutChecksum() {
        return HEADER + dataAckSize() + (hasMapping() ? dataSequenceNumberSize() + 4 + 2 : 0);
    }

    /** Whether the mapping carries a checksum: two octets follow the data-level length. */
    public boolean hasChecksum() {
        return hasMapping() && length >= lengthWithoutChecksum() + 2;
    }

    /** A mapping with data-level length 0: the infinite mapping of a fallback. */
    public boolean infiniteMapping() {
        return hasMapping() && dataLevelLength == 0;
    }

    @Override
    public boolean lengthAsSpecified() {
        int base = lengthWithoutChecksum();
        return length == base || (hasMapping() && length == base + 2);
    }
}
