package org.mptcpinspect.dissector.mptcp;

/**
 * MP_FASTCLOSE (RFC 8684 section 3.5): abrupt close of the whole MPTCP connection.
 *
 * @param reserved    the 12 reserved bits, as tshark's tcp.options.mptcp.reserved
 * @param receiverKey the option receiver's 64-bit key, unsigned
 */
public record MpFastclose(int offset, int length, int reserved, long receiverKey) implements MptcpOption {

    @Override
    public int subtype() {
        return MptcpSubtype.MP_FASTCLOSE;
    }

    @Override
    public boolean lengthAsSpecified() {
        return length == 12;
    }
}
