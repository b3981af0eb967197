package org.mptcpinspect.dissector.mptcp;

/**
 * An MPTCP option that cannot be decoded: too short to hold its subtype, shorter than the
 * fields its subtype and flags announce (where Wireshark reports a malformed packet after the
 * fields that do fit; {@link MptcpOptionLayout#fieldSpans} still lists those), or an MP_JOIN
 * whose length is none of 12, 16, 24 (where Wireshark shows only the subtype).
 *
 * @param subtype the subtype, or -1 if the option is shorter than three octets
 * @param reason  one line saying what is wrong, for people
 */
public record MalformedMptcpOption(int offset, int length, int subtype, String reason) implements MptcpOption {

    @Override
    public boolean lengthAsSpecified() {
        return false;
    }
}
