package org.mptcpinspect.dissector.capture;

/** The capture file formats the pure-Java reader understands. */
public enum CaptureFormat {
    /** Classic libpcap format, microsecond or nanosecond timestamps, either byte order. */
    PCAP,
    /** pcapng: sections, several interfaces with their own link types and resolutions. */
    PCAPNG
}
