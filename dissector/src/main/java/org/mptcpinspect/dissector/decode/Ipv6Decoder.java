package org.mptcpinspect.dissector.decode;

import java.util.ArrayList;
import java.util.List;

/** Decodes an IPv6 header and walks its extension headers to the upper layer. */
final class Ipv6Decoder {
    private static final int JUMBO_PAYLOAD_OPTION = 0xc2;

    private Ipv6Decoder() {
    }

    /**
     * @param wireEnd the frame's length on the wire: the payload length is trusted up to there
     * @return the header, or null when not even the 40 fixed bytes were captured
     */
    static Ipv6Header decode(byte[] b, int off, int wireEnd, boolean snaplenCut, FlagCollector flags) {
        if (b.length - off < Ipv6Header.FIXED_LENGTH) {
            flags.truncated(Problem.IP_HEADER_TRUNCATED, "IPv6 header", off, Ipv6Header.FIXED_LENGTH, b.length,
                    snaplenCut);
            return null;
        }
        int firstWord = Bytes.i32(b, off);
        int payloadLength = Bytes.u16(b, off + 4);
        int nextHeader = Bytes.u8(b, off + 6);
        int start = off + Ipv6Header.FIXED_LENGTH;

        int end;
        if (payloadLength == 0) {
            end = jumboEnd(b, start, nextHeader, wireEnd);
            if (end < 0) {
                end = wireEnd;
                if (wireEnd > start) {
                    // BIG TCP / GSO captures carry 0 here; the frame says how long the payload is.
                    flags.add(Problem.IP_LENGTH_ZERO, off + 4, 2,
                            "IPv6 payload length is 0 without a jumbo option, assuming GSO: using the frame length");
                }
            }
        } else {
            end = start + payloadLength;
            if (end > wireEnd) {
                flags.add(Problem.IP_LENGTH_EXCEEDS_FRAME, off + 4, 2, "IPv6 payload length " + payloadLength
                        + " exceeds the " + (wireEnd - start) + " bytes left in the frame");
                end = wireEnd;
            }
        }

        List<Ipv6ExtensionHeader> extensions = List.of();
        ArrayList<Ipv6ExtensionHeader> found = null;
        int cursor = start;
        int protocol = nextHeader;
        while (isExtensionHeader(protocol)) {
            int length = extensionLength(b, cursor, protocol, end, snaplenCut, flags);
            if (length < 0) {
                break;
            }
            Ipv6ExtensionHeader header = extensionHeader(b, cursor, protocol, length);
            if (found == null) {
                found = new ArrayList<>(2);
            }
            found.add(header);
            if (header instanceof Ipv6ExtensionHeader.Fragment f) {
                flagFragment(f, flags);
            }
            protocol = header.nextHeader();
            cursor += length;
        }
        if (found != null) {
            extensions = List.copyOf(found);
        }
        return new Ipv6Header(off, firstWord >>> 20 & 0xff, firstWord & 0xfffff, payloadLength, nextHeader,
                Bytes.u8(b, off + 7), Bytes.i64(b, off + 8), Bytes.i64(b, off + 16), Bytes.i64(b, off + 24),
                Bytes.i64(b, off + 32), extensions, protocol, cursor, Math.max(0, end - cursor));
    }

    /** ESP and No Next Header end the walk: what follows is opaque or absent (RFC 8200 4). */
    private static boolean isExtensionHeader(int protocol) {
        return protocol == IpProtocol.HOP_BY_HOP || protocol == IpProtocol.ROUTING || protocol == IpProtocol.FRAGMENT
                || protocol == IpProtocol.DESTINATION_OPTIONS || protocol == IpProtocol.AUTHENTICATION;
    }

    /** The extension header's length, or -1 (flagged) when it does not fit the payload or the capture. */
    private static int extensionLength(byte[] b, int at, int type, int end, boolean snaplenCut, FlagCollector flags) {
        int length;
        if (type == IpProtocol.FRAGMENT) {
            length = Ipv6ExtensionHeader.Fragment.LENGTH;
        } else if (at + 2 <= Math.min(end, b.length)) {
            // AH counts 4-byte units minus 2 (RFC 4302); the others 8-byte units minus 1 (RFC 8200).
            length = type == IpProtocol.AUTHENTICATION ? (Bytes.u8(b, at + 1) + 2) * 4 : (Bytes.u8(b, at + 1) + 1) * 8;
        } else {
            length = 2; // not even the length byte: report against the minimum
        }
        if (at + length > end) {
            flags.add(Problem.IPV6_BAD_EXTENSION_HEADER_LENGTH, at, Math.max(0, Math.min(end, b.length) - at),
                    "IPv6 extension header " + type + " of " + length + " bytes runs past the payload's end");
            return -1;
        }
        if (at + length > b.length) {
            flags.truncated(Problem.IPV6_EXTENSION_HEADER_TRUNCATED, "IPv6 extension header " + type, at, length,
                    b.length, snaplenCut);
            return -1;
        }
        return length;
    }

    private static Ipv6ExtensionHeader extensionHeader(byte[] b, int at, int type, int length) {
        int next = Bytes.u8(b, at);
        return switch (type) {
            case IpProtocol.ROUTING -> new Ipv6ExtensionHeader.Routing(at, length, next, Bytes.u8(b, at + 2),
                    Bytes.u8(b, at + 3));
            case IpProtocol.FRAGMENT -> {
                int offsetAndFlags = Bytes.u16(b, at + 2);
                yield new Ipv6ExtensionHeader.Fragment(at, next, offsetAndFlags >>> 3, (offsetAndFlags & 1) != 0,
                        Bytes.u32(b, at + 4));
            }
            case IpProtocol.AUTHENTICATION -> new Ipv6ExtensionHeader.Authentication(at, length, next,
                    Bytes.u32(b, at + 4), Bytes.u32(b, at + 8));
            default -> new Ipv6ExtensionHeader.Options(at, length, type, next);
        };
    }

    private static void flagFragment(Ipv6ExtensionHeader.Fragment f, FlagCollector flags) {
        if (f.fragmentOffset() != 0) {
            flags.add(Problem.IP_FRAGMENT, f.offset() + 2, 2, "IPv6 fragment at offset " + f.fragmentOffsetBytes()
                    + ": carries no transport header (not reassembled)");
        } else if (f.moreFragments()) {
            flags.add(Problem.IP_FRAGMENT, f.offset() + 2, 2,
                    "first IPv6 fragment: transport decoded from this fragment only (not reassembled)");
        }
    }

    /**
     * For payload length 0: the end given by a Jumbo Payload option (RFC 2675) in a leading
     * hop-by-hop header, clamped to the frame, or -1 when there is none.
     */
    private static int jumboEnd(byte[] b, int start, int nextHeader, int wireEnd) {
        if (nextHeader != IpProtocol.HOP_BY_HOP || start + 2 > b.length) {
            return -1;
        }
        int end = Math.min(start + (Bytes.u8(b, start + 1) + 1) * 8, b.length);
        int p = start + 2;
        while (p < end) {
            int type = Bytes.u8(b, p);
            if (type == 0) { // Pad1 has no length byte
                p++;
                continue;
            }
            if (p + 2 > end) {
                return -1;
            }
            int length = Bytes.u8(b, p + 1);
            if (type == JUMBO_PAYLOAD_OPTION && length == 4 && p + 6 <= end) {
                long jumbo = Bytes.u32(b, p + 2);
                return (int) Math.min(start + jumbo, wireEnd);
            }
            p += 2 + length;
        }
        return -1;
    }
}
