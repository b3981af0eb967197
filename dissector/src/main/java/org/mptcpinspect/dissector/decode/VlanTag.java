package org.mptcpinspect.dissector.decode;

/**
 * One IEEE 802.1Q/802.1ad tag (Wireshark's "vlan" layer): the 2-byte TCI and the 2-byte type that
 * follow the TPID. The TPID itself is the preceding header's type field.
 *
 * @param offset    offset of the TCI
 * @param tpid      the type value that announced this tag (0x8100, 0x88a8 or 0x9100)
 * @param priority  PCP, 3 bits (vlan.priority)
 * @param dei       drop eligible indicator, 1 bit (vlan.dei)
 * @param vlanId    VID, 12 bits (vlan.id)
 * @param etherType type of what follows (vlan.etype)
 */
public record VlanTag(int offset, int tpid, int priority, int dei, int vlanId, int etherType) {
    public static final int LENGTH = 4;

    public int length() {
        return LENGTH;
    }
}
