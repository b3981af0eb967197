package org.mptcpinspect.dissector.decode;

/** The EtherType values the decoder acts on (IEEE 802 numbers, as in eth.type / vlan.etype / sll.etype). */
public final class EtherType {
    public static final int IPV4 = 0x0800;
    public static final int IPV6 = 0x86dd;
    /** IEEE 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
    public static final int SERVICE_VLAN = 0x88a8;
    /** Pre-standard QinQ outer tag still emitted by some switches. */
    public static final int LEGACY_QINQ = 0x9100;
    /** Values below this in an Ethernet type field are IEEE 802.3 lengths, not EtherTypes. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private EtherType() {
    }

    public static boolean isVlanTag(int etherType) {
        return etherType == VLAN || etherType == SERVICE_VLAN || etherType == LEGACY_QINQ;
    }
}
