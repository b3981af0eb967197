package org.mptcpinspect.dissector.mptcp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * ADD_ADDR (RFC 8684 section 3.4.1; RFC 6824 section 3.4.1 for version 0).
 *
 * <p>How v0 and v1 are told apart follows Wireshark 4.0's dissect_tcpopt_mptcp, because tshark
 * is our oracle: they are not. The option length alone decides the layout: 8, 10, 16, 18 carry
 * an IPv4 address, 20, 22, 28, 30 an IPv6 address; 10, 18, 22, 30 add a port; 16, 18, 28, 30
 * add the 64-bit truncated HMAC (which only v1 sends). The low nibble of the third octet is
 * v0's IPVer or v1's flags (3 reserved bits and E, the echo bit); Wireshark shows it as IPVer
 * when it is 4 or 6 and as the echo bit otherwise ({@link #lowNibbleIsIpVersion()}). Other
 * lengths carry only the address ID. Absent fields read 0 (and an empty address).
 *
 * @param flags         low nibble of the third octet (v1 flags with E, or v0 IPVer)
 * @param addressId     the advertised address's ID
 * @param address       the advertised address: 4 octets (IPv4), 16 (IPv6) or none
 * @param port          the advertised port
 * @param truncatedHmac rightmost 64 bits of the HMAC, unsigned
 */
public record AddAddr(int offset, int length, int flags, int addressId, Octets address, int port,
                      long truncatedHmac) implements MptcpOption {

    /** E: this is an echo of a received ADD_ADDR (v1). */
    public static final int FLAG_ECHO = 0x1;

    @Override
    public int subtype() {
        return MptcpSubtype.ADD_ADDR;
    }

    /** E flag (v1): bit 0 of the low nibble. */
    public boolean echo() {
        return (flags & FLAG_ECHO) != 0;
    }

    /**
     * Wireshark 4.0 shows the low nibble as tcp.options.mptcp.ipver when it is 4 or 6 (a v0
     * ADD_ADDR), otherwise bit 0 of it as tcp.options.mptcp.echo.
     */
    public boolean lowNibbleIsIpVersion() {
        return flags == 4 || flags == 6;
    }

    /** 4 or 6 when an address is present (decided by the length), else 0. */
    public int ipVersion() {
        return switch (address.size()) {
            case 4 -> 4;
            case 16 -> 6;
            default -> 0;
        };
    }

    /** The advertised address, or null when the option carries none. No name lookup is made. */
    public InetAddress inetAddress() {
        if (address.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByAddress(address.toByteArray());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }

    public boolean hasPort() {
        return length == 10 || length == 18 || length == 22 || length == 30;
    }

    public boolean hasTruncatedHmac() {
        return length == 16 || length == 18 || length == 28 || length == 30;
    }

    @Override
    public boolean lengthAsSpecified() {
        return ipVersion() != 0;
    }
}
