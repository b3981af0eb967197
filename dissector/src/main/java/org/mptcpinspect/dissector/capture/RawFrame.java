package org.mptcpinspect.dissector.capture;

/**
 * One captured frame exactly as the capture file or interface delivered it.
 *
 * @param number          1-based frame number, as Wireshark numbers frames
 * @param timestampNanos  capture time in nanoseconds since the Unix epoch
 * @param interfaceId     pcapng interface index (0 for pcap and live captures)
 * @param linkType        the interface's link-layer header type (a {@link LinkType} value)
 * @param originalLength  the frame's length on the wire; larger than {@code data.length} when snaplen cut it
 * @param data            the captured bytes; never modified after construction
 */
public record RawFrame(long number, long timestampNanos, int interfaceId, int linkType,
                       int originalLength, byte[] data) {

    public int capturedLength() {
        return data.length;
    }

    /** True when the capture holds fewer bytes than were on the wire. */
    public boolean truncated() {
        return data.length < originalLength;
    }
}
