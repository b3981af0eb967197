package org.mptcpinspect.dissector.mptcp;

/** MPTCP option subtypes (RFC 8684 section 7.2, IANA "MPTCP Option Subtypes"). */
public final class MptcpSubtype {
    public static final int MP_CAPABLE = 0x0;
    public static final int MP_JOIN = 0x1;
    public static final int DSS = 0x2;
    public static final int ADD_ADDR = 0x3;
    public static final int REMOVE_ADDR = 0x4;
    public static final int MP_PRIO = 0x5;
    public static final int MP_FAIL = 0x6;
    public static final int MP_FASTCLOSE = 0x7;
    public static final int MP_TCPRST = 0x8;
    /** Reserved for private experiments (RFC 8684 section 7.2). */
    public static final int MP_EXPERIMENTAL = 0xf;

    private static final String[] NAMES = {
        "MP_CAPABLE", "MP_JOIN", "DSS", "ADD_ADDR", "REMOVE_ADDR", "MP_PRIO", "MP_FAIL",
        "MP_FASTCLOSE", "MP_TCPRST",
    };

    private MptcpSubtype() {
    }

    /** The RFC's symbol for a subtype ("DSS", "MP_JOIN", ...), or "subtype 0xN" when it has none. */
    public static String name(int subtype) {
        if (subtype >= 0 && subtype < NAMES.length) {
            return NAMES[subtype];
        }
        if (subtype == MP_EXPERIMENTAL) {
            return "MP_EXPERIMENTAL";
        }
        return subtype < 0 ? "no subtype" : "subtype 0x" + Integer.toHexString(subtype);
    }
}
