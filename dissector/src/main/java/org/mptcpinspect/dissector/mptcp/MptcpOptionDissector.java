package org.mptcpinspect.dissector.mptcp;

/** Decodes one MPTCP option from a frame's bytes. (Contract stub; the dissector task fills it in.) */
public final class MptcpOptionDissector {
    private MptcpOptionDissector() {
    }

    /**
     * @param frame        the whole frame
     * @param optionOffset offset of the option's kind byte (30)
     * @param optionLength the option's length byte, already checked to fit in the TCP header
     */
    public static MptcpOption dissect(byte[] frame, int optionOffset, int optionLength) {
        int subtype = optionLength >= 3 ? (frame[optionOffset + 2] & 0xff) >>> 4 : -1;
        return new StubOption(optionOffset, optionLength, subtype);
    }

    private record StubOption(int offset, int length, int subtype) implements MptcpOption {
    }
}
