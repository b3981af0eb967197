package org.mptcpinspect.dissector.mptcp;

/**
 * An MPTCP option whose subtype RFC 8684 does not define (0x9 to 0xe, and 0xf, which is reserved
 * for private experiments). Like Wireshark, nothing past the subtype is interpreted.
 */
public record UnknownMptcpOption(int offset, int length, int subtype) implements MptcpOption {

    @Override
    public boolean lengthAsSpecified() {
        return false;
    }
}
