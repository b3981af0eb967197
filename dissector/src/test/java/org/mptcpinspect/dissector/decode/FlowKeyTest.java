package org.mptcpinspect.dissector.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.decode.TestFrames.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.LinkType;

class FlowKeyTest {

    @Test
    void fromAnIpv4Packet() {
        DecodedPacket p = decode(LinkType.RAW, ipv4(tcp(new byte[0], new byte[0])));
        FlowKey key = FlowKey.of(p);
        assertEquals(FlowKey.ipv4(CLIENT_V4, 51000, SERVER_V4, 80), key);
        assertEquals(CLIENT_V4, key.sourceIpv4());
        assertEquals(SERVER_V4, key.destinationIpv4());
        assertEquals("192.0.2.1:51000 -> 198.51.100.7:80", key.toString());
    }

    @Test
    void fromAnIpv6Packet() {
        FlowKey key = FlowKey.of(decode(LinkType.RAW, ipv6(IpProtocol.TCP, tcp(new byte[0], new byte[0]))));
        assertEquals(FlowKey.ipv6(DOC_V6_HIGH, 1, 51000, DOC_V6_HIGH, 2, 80), key);
        assertEquals("[2001:db8::1]:51000 -> [2001:db8::2]:80", key.toString());
    }

    @Test
    void noTcpNoKey() {
        assertNull(FlowKey.of(decode(LinkType.RAW, ipv4(17, new byte[0], 0, new byte[8]))));
    }

    @Test
    void bothDirectionsShareTheCanonicalKey() {
        FlowKey forward = FlowKey.ipv4(CLIENT_V4, 51000, SERVER_V4, 80);
        FlowKey backward = forward.reversed();
        assertEquals("198.51.100.7:80 -> 192.0.2.1:51000", backward.toString());
        assertNotEquals(forward, backward);
        assertEquals(forward.canonical(), backward.canonical());
        assertTrue(forward.isCanonical() != backward.isCanonical());
        assertEquals(forward, backward.reversed());
        // same address both ends (loopback): the ports decide
        FlowKey local = FlowKey.ipv4(0x7f000001, 9000, 0x7f000001, 40000);
        assertTrue(local.isCanonical());
        assertFalse(local.reversed().isCanonical());
        // unsigned comparison: 203.0.113.1 sorts after 192.0.2.1
        assertFalse(FlowKey.ipv4(0xcb007101, 1, CLIENT_V4, 1).isCanonical());
    }

    @Test
    void ipv4AndIpv6WithTheSameBitsDiffer() {
        FlowKey v4 = FlowKey.ipv4(1, 1, 2, 2);
        FlowKey v6 = FlowKey.ipv6(0, 1, 1, 0, 2, 2);
        assertNotEquals(v4, v6);
        assertNotEquals(v4.hashCode(), v6.hashCode());
    }

    @Test
    void hashSpreadsNeighbouringFlows() {
        Set<Integer> hashes = new HashSet<>();
        for (int host = 0; host < 64; host++) {
            for (int port = 40000; port < 40064; port++) {
                hashes.add(FlowKey.ipv4(CLIENT_V4 + host, port, SERVER_V4, 80).hashCode() & 0xffff);
            }
        }
        // 4096 flows into 65536 buckets: a good mix leaves few collisions
        assertTrue(hashes.size() > 3900, "distinct low-16-bit hashes: " + hashes.size());
    }
}
