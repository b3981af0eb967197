package org.mptcpinspect.dissector.mptcp;

/**
 * REMOVE_ADDR (RFC 8684 section 3.4.2): the IDs of addresses the sender no longer uses, one per
 * octet after the subtype octet (tshark's generated mptcp.rm_addr.count is their number).
 *
 * @param addressIds the removed address IDs, in option order
 */
public record RemoveAddr(int offset, int length, Octets addressIds) implements MptcpOption {

    @Override
    public int subtype() {
        return MptcpSubtype.REMOVE_ADDR;
    }

    public int count() {
        return addressIds.size();
    }

    /** The {@code index}-th removed address ID (0-255). */
    public int addressId(int index) {
        return addressIds.get(index);
    }

    @Override
    public boolean lengthAsSpecified() {
        return length >= 4;
    }
}
