package org.mptcpinspect.dissector.mptcp;

/**
 * MP_TCPRST (RFC 8684 section 3.6): why a subflow was reset.
 *
 * <p>tshark's tcp.options.mptcp.flags is the whole third octet, {@code (subtype() << 4) | flags()}.
 *
 * @param flags  low nibble of the third octet: U, V, W, T
 * @param reason the reason code (see {@link #reasonName(int)})
 */
public record MpTcpRst(int offset, int length, int flags, int reason) implements MptcpOption {

    public static final int FLAG_U = 0x8;
    public static final int FLAG_V = 0x4;
    public static final int FLAG_W = 0x2;
    /** T: the error is transient; the subflow may be retried. */
    public static final int FLAG_T = 0x1;

    private static final String[] REASONS = {
        "Unspecified error", "MPTCP-specific error", "Lack of resources", "Administratively prohibited",
        "Too much outstanding data", "Unacceptable performance", "Middlebox interference",
    };

    @Override
    public int subtype() {
        return MptcpSubtype.MP_TCPRST;
    }

    public boolean flagU() {
        return (flags & FLAG_U) != 0;
    }

    public boolean flagV() {
        return (flags & FLAG_V) != 0;
    }

    public boolean flagW() {
        return (flags & FLAG_W) != 0;
    }

    /** T flag: the error is transient. */
    public boolean flagT() {
        return (flags & FLAG_T) != 0;
    }

    /** RFC 8684's name of a reason code (section 3.6), or "Unknown (0xNN)". */
    public static String reasonName(int reason) {
        return reason >= 0 && reason < REASONS.length ? REASONS[reason] : String.format("Unknown (0x%02x)", reason);
    }

    @Override
    public boolean lengthAsSpecified() {
        return length == 4;
    }
}
