package org.mptcpinspect.dissector.decode;

/**
 * Linux "cooked" capture header v1 (LINKTYPE_LINUX_SLL, tcpdump -i any), 16 bytes.
 *
 * @param packetType    sll.pkttype: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us
 * @param arphrdType    sll.hatype, the ARPHRD_ device type (1 = Ethernet, 772 = loopback)
 * @param addressLength sll.halen, link-layer address length (0..8 bytes are stored)
 * @param address       the first min(addressLength, 8) address bytes as an unsigned big-endian
 *                      number; for a 6-byte MAC this is the usual 48-bit value
 * @param protocol      sll.etype / sll.ltype: an EtherType when at least 0x0600
 */
public record LinuxSllHeader(int offset, int packetType, int arphrdType, int addressLength, long address,
                             int protocol) implements LinkHeader {
    public static final int LENGTH = 16;

    @Override
    public int length() {
        return LENGTH;
    }
}
