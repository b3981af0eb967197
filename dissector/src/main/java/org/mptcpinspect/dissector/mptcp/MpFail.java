package org.mptcpinspect.dissector.mptcp;

/**
 * MP_FAIL (RFC 8684 section 3.7): a checksum failure; falls back to a single subflow.
 *
 * @param reserved           the 12 reserved bits, as tshark's tcp.options.mptcp.reserved
 * @param dataSequenceNumber the full 64-bit DSN of the start of the failed mapping, unsigned
 */
public record MpFail(int offset, int length, int reserved, long dataSequenceNumber) implements MptcpOption {

    @Override
    public int subtype() {
        return MptcpSubtype.MP_FAIL;
    }

    @Override
    public boolean lengthAsSpecified() {
        return length == 12;
    }
}
