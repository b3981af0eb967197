package org.mptcpinspect.dissector.decode;

/**
 * Linux "cooked" capture header v2 (LINKTYPE_LINUX_SLL2), 20 bytes. Field meanings as in
 * {@link LinuxSllHeader}, plus the capturing interface's index.
 *
 * @param interfaceIndex sll.ifindex
 */
public record LinuxSll2Header(int offset, int protocol, int interfaceIndex, int arphrdType, int packetType,
                              int addressLength, long address) implements LinkHeader {
    public static final int LENGTH = 20;

    @Override
    public int length() {
        return LENGTH;
    }
}
