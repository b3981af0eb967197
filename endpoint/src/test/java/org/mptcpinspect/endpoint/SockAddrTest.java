package org.mptcpinspect.endpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SockAddrTest {
    @Test
    void ipv6IsCompressedPerRfc5952() {
        assertEquals("2001:db8::1", new SockAddr("2001:0db8:0:0:0:0:0:1", 0).address());
        assertEquals("2001:db8:0:1:1:1:1:1", new SockAddr("2001:db8:0:1:1:1:1:1", 0).address());
        assertEquals("2001:db8::1:0:0:1", new SockAddr("2001:db8:0:0:1:0:0:1", 0).address());
        assertEquals("::1", new SockAddr("::1", 0).address());
        assertEquals("::", new SockAddr("::", 0).address());
        assertEquals("2001:db8:1::", new SockAddr("2001:db8:1:0:0:0:0:0", 0).address());
    }

    @Test
    void parsesAndPrintsBothFamilies() {
        assertEquals(new SockAddr("192.0.2.1", 80), SockAddr.parse("192.0.2.1:80"));
        assertEquals(new SockAddr("2001:db8::2", 8000), SockAddr.parse("[2001:db8::2]:8000"));
        assertEquals("[2001:db8::2]:8000", new SockAddr("2001:db8::2", 8000).toString());
        assertEquals(Family.IPV6, SockAddr.parse("[::1]:1").family());
        assertThrows(IllegalArgumentException.class, () -> SockAddr.parse("example.org:80"));
        assertThrows(IllegalArgumentException.class, () -> new SockAddr("192.0.2.1", 70000));
    }

    @Test
    void encodesSockaddrInLayout() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = new SockAddr("192.0.2.1", 0x1f90).encode(arena);
            assertEquals(16, sa.byteSize());
            assertArrayEquals(new byte[] {2, 0, 0x1f, (byte) 0x90, (byte) 192, 0, 2, 1},
                    sa.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE));
            MemorySegment sa6 = new SockAddr("2001:db8::7", 443).encode(arena);
            assertEquals(28, sa6.byteSize());
            assertEquals(new SockAddr("2001:db8::7", 443), SockAddr.decode(sa6));
            assertEquals(new SockAddr("192.0.2.1", 0x1f90), SockAddr.decode(sa));
        }
    }
}
