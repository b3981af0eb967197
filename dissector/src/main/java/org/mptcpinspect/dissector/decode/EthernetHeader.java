package org.mptcpinspect.dissector.decode;

/**
 * Ethernet II header (LINKTYPE_ETHERNET), 14 bytes. Addresses are the 48-bit MAC as an unsigned
 * number (format with {@link AddressFormat#mac(long)}).
 *
 * @param etherType the type field exactly as on the wire (eth.type): 0x8100 when a VLAN tag
 *                  follows, a length (below 0x0600) for 802.3 frames
 */
public record EthernetHeader(int offset, long destination, long source, int etherType) implements LinkHeader {
    public static final int LENGTH = 14;

    @Override
    public int length() {
        return LENGTH;
    }
}
