package org.mptcpinspect.dissector.fields;

import org.mptcpinspect.dissector.decode.AddressFormat;

/**
 * MAC addresses as tshark shows them with its default name resolution but without a vendor
 * table: broadcast and the IPv4/IPv6 multicast ranges get names, every other address is itself.
 */
public final class MacNames {
    private MacNames() {
    }

    /** "name (address)", as Wireshark's address_with_resolution_to_str. */
    public static String named(byte[] frame, int at) {
        return resolved(frame, at) + " (" + AddressFormat.mac(value(frame, at)) + ")";
    }

    /** The address as shown: its name ({@link #resolved}), or the address itself without name resolution (-n). */
    public static String shown(byte[] frame, int at, boolean resolve) {
        return resolve ? resolved(frame, at) : AddressFormat.mac(value(frame, at));
    }

    /** An item's label value: "name (address)" with name resolution, the address alone without (-n). */
    static String labelled(byte[] frame, int at, boolean resolve) {
        return resolve ? named(frame, at) : AddressFormat.mac(value(frame, at));
    }

    /** The name tshark resolves the address at {@code at} to (eth.dst_resolved and friends). */
    public static String resolved(byte[] frame, int at) {
        return resolved(value(frame, at));
    }

    /** The name tshark resolves a MAC address (48 bits in a long) to. */
    public static String resolved(long value) {
        String plain = AddressFormat.mac(value);
        if (value == 0xffff_ffff_ffffL) {
            return "Broadcast";
        }
        if ((value >>> 32) == 0x3333) {
            return "IPv6mcast_" + tail(plain, 2);
        }
        if ((value >>> 24) == 0x01005e) {
            return "IPv4mcast_" + tail(plain, 3);
        }
        return plain;
    }

    /**
     * The bytes after the well-known prefix, leading zero bytes left out, as tshark prints them
     * (33:33:00:00:00:16 is "IPv6mcast_16", 33:33:ff:00:00:02 "IPv6mcast_ff:00:00:02").
     */
    private static String tail(String plain, int prefixBytes) {
        int at = prefixBytes * 3;
        while (at < plain.length() - 2 && plain.startsWith("00:", at)) {
            at += 3;
        }
        return plain.substring(at);
    }

    private static long value(byte[] frame, int at) {
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = value << 8 | (frame[at + i] & 0xff);
        }
        return value;
    }
}
