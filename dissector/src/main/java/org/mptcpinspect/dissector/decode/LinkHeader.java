package org.mptcpinspect.dissector.decode;

/**
 * The link-layer header in front of the network layer. Frames of link types RAW, IPV4 and IPV6
 * have none ({@link DecodedPacket#link()} is then null).
 */
public sealed interface LinkHeader permits EthernetHeader, LinuxSllHeader, LinuxSll2Header, LoopbackHeader {

    /** Offset of the header's first byte within the frame (always 0 today). */
    int offset();

    /** Header length in bytes, VLAN tags excluded. */
    int length();
}
