package org.mptcpinspect.dissector.fields;

/** How Wireshark displays an integer field (BASE_*). */
public enum DisplayBase {
    NONE, DEC, HEX, OCT, DEC_HEX, HEX_DEC,
    /** BASE_OUI: a 24-bit organizationally unique identifier, labelled as three colon-separated bytes. */
    OUI;

    /** True when tshark -T fields prints the value in hex (BASE_HEX and BASE_HEX_DEC). */
    public boolean printsHexInFields() {
        return this == HEX || this == HEX_DEC;
    }
}
