package org.mptcpinspect.dissector.analysis.mptcp;

/**
 * A DSS mapping on one direction of a subflow: subflow bytes [ssn, ssn + payloadLength) are
 * data-level bytes [dsn, ...). Accumulates the DSS checksum (RFC 8684 section 3.3.1) over its
 * payload as the bytes arrive in subflow order.
 */
final class Mapping {
    static final long INFINITE = Long.MAX_VALUE / 4;

    final long dsn;
    final long ssn;
    /** Subflow payload bytes the mapping covers (the DATA_FIN's octet excluded); {@link #INFINITE} for fallback. */
    final long payloadLength;
    final long frame;
    /** The data-level length as sent, for the checksum's pseudo-header. */
    private final int dataLevelLength;
    private final long ssn32;
    private final boolean checksummed;
    private final int checksum;
    private long sum;
    private long summed;
    private boolean unverifiable;

    Mapping(long dsn, long ssn, long payloadLength, long frame, int dataLevelLength, long ssn32, boolean checksummed,
            int checksum) {
        this.dsn = dsn;
        this.ssn = ssn;
        this.payloadLength = payloadLength;
        this.frame = frame;
        this.dataLevelLength = dataLevelLength;
        this.ssn32 = ssn32;
        this.checksummed = checksummed;
        this.checksum = checksum;
    }

    long end() {
        return ssn + payloadLength;
    }

    boolean infinite() {
        return payloadLength == INFINITE;
    }

    boolean covers(long subflowSeq) {
        return subflowSeq >= ssn && subflowSeq < end();
    }

    /** True when it carries no subflow bytes: its checksum can be checked at once. */
    boolean empty() {
        return payloadLength == 0;
    }

    /**
     * Adds payload bytes at subflow sequence {@code seq} ({@code captured} of {@code length} in the
     * capture) to the checksum. Returns +1 when this completes a good checksum, -1 a bad one, 0
     * otherwise (incomplete, not checksummed, or not verifiable because bytes were not captured).
     */
    int checksumAdd(long seq, byte[] src, int offset, int length, int captured) {
        if (!checksummed || unverifiable || infinite()) {
            return 0;
        }
        long at = seq - ssn;
        if (at + length <= summed) {
            return 0;
        }
        if (at > summed || captured < length) {
            unverifiable = true;
            return 0;
        }
        int skip = (int) (summed - at);
        for (int i = skip; i < length; i++) {
            long pos = at + i;
            int b = src[offset + i] & 0xff;
            sum += (pos & 1) == 0 ? b << 8 : b;
        }
        summed = at + length;
        return summed >= payloadLength ? verify() : 0;
    }

    /** Checks the sum once all bytes are in: the pseudo-header plus data plus checksum folds to 0xffff. */
    int verify() {
        if (!checksummed || unverifiable || summed < payloadLength) {
            return 0;
        }
        unverifiable = true; // checked once
        return checksumHolds(sum, dsn, ssn32, dataLevelLength, checksum) ? 1 : -1;
    }

    /**
     * RFC 8684 section 3.3.1: the data's one's-complement sum ({@code dataSum}, unfolded) plus the
     * pseudo-header (64-bit DSN, 32-bit subflow sequence number, data-level length) and the
     * checksum folds to 0xffff. A DATA_FIN alone has no data, subflow sequence number 0, length 1.
     */
    static boolean checksumHolds(long dataSum, long dsn, long ssn32, int dataLevelLength, int checksum) {
        long s = dataSum;
        s += (dsn >>> 48) & 0xffff;
        s += (dsn >>> 32) & 0xffff;
        s += (dsn >>> 16) & 0xffff;
        s += dsn & 0xffff;
        s += (ssn32 >>> 16) & 0xffff;
        s += ssn32 & 0xffff;
        s += dataLevelLength & 0xffff;
        s += checksum & 0xffff;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return s == 0xffff;
    }
}
