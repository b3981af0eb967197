package org.mptcpinspect.dissector.decode;

/** How bad a decoding problem is, mildest first (Wireshark's expert levels Note/Warning/Error). */
public enum Severity {
    /** Worth knowing, nothing is wrong with the packet (e.g. a fragment, a snaplen cut payload). */
    NOTE,
    /** Something is off but every field shown is trustworthy. */
    WARNING,
    /** The packet is malformed; decoding stopped at the flagged bytes. */
    ERROR
}
