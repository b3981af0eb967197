package org.mptcpinspect.dissector.analysis.mptcp;

/** Wrapping sequence numbers widened to 64 bits against a nearby reference value. */
final class SequenceNumbers {
    private static final long LOW32 = 0xffff_ffffL;

    private SequenceNumbers() {
    }

    /**
     * The 64-bit number whose low 32 bits are {@code low32} and which lies closest to
     * {@code reference} (RFC 8684 section 3.3: a 4-octet DSN or DATA_ACK is the low half of
     * the 64-bit one; the sender keeps them within 2^31 of each other).
     */
    static long expand32(long reference, long low32) {
        long candidate = (reference & ~LOW32) | (low32 & LOW32);
        long diff = candidate - reference;
        if (diff > (1L << 31)) {
            candidate -= 1L << 32;
        } else if (diff < -(1L << 31)) {
            candidate += 1L << 32;
        }
        return candidate;
    }
}
