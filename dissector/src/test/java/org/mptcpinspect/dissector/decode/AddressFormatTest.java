package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AddressFormatTest {

    @Test
    void ipv4DottedQuad() {
        assertEquals("192.0.2.1", AddressFormat.ipv4(0xc0000201));
        assertEquals("255.255.255.255", AddressFormat.ipv4(-1));
        assertEquals("0.0.0.0", AddressFormat.ipv4(0));
        assertEquals("203.0.113.200", AddressFormat.ipv4(0xcb0071c8));
    }

    @Test
    void ipv6Rfc5952() {
        assertEquals("2001:db8::1", AddressFormat.ipv6(0x20010db8_00000000L, 1));
        assertEquals("::", AddressFormat.ipv6(0, 0));
        assertEquals("::1", AddressFormat.ipv6(0, 1));
        assertEquals("2001:db8::", AddressFormat.ipv6(0x20010db8_00000000L, 0));
        assertEquals("fe80::200:ff:fe00:1", AddressFormat.ipv6(0xfe800000_00000000L, 0x020000ff_fe000001L));
        // a single zero group is not compressed; leading zeros dropped; lower case
        assertEquals("2001:db8:0:1:1:1:1:1", AddressFormat.ipv6(0x20010db8_00000001L, 0x00010001_00010001L));
        assertEquals("2001:db8:abcd:12:0:ff:ffff:1", AddressFormat.ipv6(0x20010db8_abcd0012L, 0x000000ff_ffff0001L));
        // longest run wins; on a tie the first one
        assertEquals("2001:0:0:1::1", AddressFormat.ipv6(0x20010000_00000001L, 0x00000000_00000001L));
        assertEquals("2001:db8::1:0:0:1", AddressFormat.ipv6(0x20010db8_00000000L, 0x00010000_00000001L));
        assertEquals("1::", AddressFormat.ipv6(0x00010000_00000000L, 0));
        assertEquals("::2:0:0:0:1", AddressFormat.ipv6(0x00000000_00000002L, 1));
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressFormat.ipv6(-1, -1));
    }

    @Test
    void ipv6WithEmbeddedIpv4AsInetNtop() {
        assertEquals("::ffff:192.0.2.1", AddressFormat.ipv6(0, 0x0000ffff_c0000201L));
        assertEquals("::192.0.2.1", AddressFormat.ipv6(0, 0xc0000201L));
        // not the mapped prefix: plain hex
        assertEquals("::fffe:c000:201", AddressFormat.ipv6(0, 0x0000fffe_c0000201L));
        assertEquals("64:ff9b::c000:201", AddressFormat.ipv6(0x0064ff9b_00000000L, 0xc0000201L));
    }

    @Test
    void mac() {
        assertEquals("02:00:00:00:00:01", AddressFormat.mac(0x020000000001L));
        assertEquals("ff:ff:ff:ff:ff:ff", AddressFormat.mac(0xffffffffffffL));
        assertEquals("00:1b:21:0a:bc:de", AddressFormat.mac(0x001b210abcdeL));
    }

    @Test
    void appendsWithoutInterimStrings() {
        StringBuilder out = new StringBuilder("src=");
        AddressFormat.appendIpv6(out, 0x20010db8_00000000L, 7).append(' ');
        AddressFormat.appendIpv4(out, 0xc6336407);
        assertEquals("src=2001:db8::7 198.51.100.7", out.toString());
    }
}
