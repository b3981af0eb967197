package org.mptcpinspect.dissector.mptcp;

/**
 * One decoded MPTCP option (TCP option kind 30). Offsets are absolute within the frame so that
 * every consumer (hex pane, field emitters) can point at the bytes.
 * (Contract stub: the dissector task turns this into a sealed hierarchy of records.)
 */
public interface MptcpOption {
    /** Offset of the option's kind byte within the frame. */
    int offset();

    /** The option's length byte (kind and length octets included). */
    int length();

    /** The MPTCP subtype (upper nibble of the third octet), or -1 if the option is too short to have one. */
    int subtype();
}
