package org.mptcpinspect.dissector.mptcp;

/**
 * MP_PRIO (RFC 8684 section 3.3.8): change of the sending subflow's backup priority. RFC 8684
 * sends length 3; RFC 6824's length 4 adds an address ID. As in Wireshark 4.0, only length 4
 * carries the address ID; longer options carry only the flags.
 *
 * <p>tshark's tcp.options.mptcp.flags is the whole third octet, {@code (subtype() << 4) | flags()}.
 *
 * @param flags     low nibble of the third octet: 3 reserved bits and B (backup)
 * @param addressId the address ID (length 4 only), else 0
 */
public record MpPrio(int offset, int length, int flags, int addressId) implements MptcpOption {

    public static final int FLAG_BACKUP = 0x1;

    @Override
    public int subtype() {
        return MptcpSubtype.MP_PRIO;
    }

    public boolean backup() {
        return (flags & FLAG_BACKUP) != 0;
    }

    public boolean hasAddressId() {
        return length == 4;
    }

    @Override
    public boolean lengthAsSpecified() {
        return length == 3 || length == 4;
    }
}
