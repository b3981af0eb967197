package org.mptcpinspect.dissector.decode;

/** What kind of decoding problem a {@link DecodeFlag} reports; consumers switch on this, users read the message. */
public enum Problem {
    /** The frame's link type is not one the decoder understands; only the frame is kept. */
    UNKNOWN_LINK_TYPE(Severity.WARNING),
    /** The link-layer header (or a VLAN tag) is cut short. */
    LINK_HEADER_TRUNCATED(Severity.ERROR),
    /** The link layer says IP but the version nibble disagrees. */
    IP_BAD_VERSION(Severity.ERROR),
    /** The IPv4 header or IPv6 fixed header is cut short (snaplen or a short frame). */
    IP_HEADER_TRUNCATED(Severity.ERROR),
    /** IPv4 header length below 20 bytes. */
    IP_BAD_HEADER_LENGTH(Severity.ERROR),
    /** IPv4 total length smaller than its header. */
    IP_BAD_TOTAL_LENGTH(Severity.ERROR),
    /** The IP length field claims more bytes than the frame had on the wire; the frame's end is used. */
    IP_LENGTH_EXCEEDS_FRAME(Severity.WARNING),
    /** IP length field 0 (TSO/GSO capture or IPv6 BIG TCP); the frame's end is used. */
    IP_LENGTH_ZERO(Severity.NOTE),
    /** A fragment: the first one decodes what it holds, later ones carry no TCP header. */
    IP_FRAGMENT(Severity.NOTE),
    /** An IPv6 extension header is cut short. */
    IPV6_EXTENSION_HEADER_TRUNCATED(Severity.ERROR),
    /** An IPv6 extension header's length runs past the IPv6 payload. */
    IPV6_BAD_EXTENSION_HEADER_LENGTH(Severity.ERROR),
    /** Fewer than 20 bytes of TCP header were captured, or the segment is shorter than 20 bytes. */
    TCP_HEADER_TRUNCATED(Severity.ERROR),
    /** TCP data offset below 20 bytes or beyond the segment; options and payload are not described. */
    TCP_BAD_HEADER_LENGTH(Severity.ERROR),
    /** The snaplen cut the TCP options; options past the cut are not decoded. */
    TCP_OPTIONS_TRUNCATED(Severity.WARNING),
    /** A TCP option's length byte is wrong for its kind or runs past the options. */
    TCP_OPTION_BAD_LENGTH(Severity.ERROR),
    /** Non-zero bytes after an end-of-option-list: padding should be zeros (RFC 9293 3.1). */
    TCP_NONZERO_PADDING(Severity.WARNING),
    /** A TCP option value outside what its RFC allows (e.g. window scale shift above 14). */
    TCP_OPTION_BAD_VALUE(Severity.WARNING),
    /** The snaplen cut the TCP payload: the missing bytes are unknown, never zeros. */
    TCP_PAYLOAD_TRUNCATED(Severity.NOTE);

    private final Severity severity;

    Problem(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
