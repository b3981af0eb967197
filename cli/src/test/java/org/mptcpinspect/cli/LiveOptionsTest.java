package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code live}'s usage errors: found before any interface is opened, so no privileges needed. */
class LiveOptionsTest {

    private static void assertUsage(String message, String... args) {
        ReadCommandTest.Result r = ReadCommandTest.run(args);
        assertEquals("mptcp-inspect live: " + message + "\n", r.err());
        assertEquals(Main.USAGE, r.code());
        assertEquals("", r.out());
    }

    @Test
    void interfaceIsNeeded() {
        assertUsage("no interface given: use live IFACE or live -i IFACE (live -D lists them)", "live");
        assertUsage("two interfaces given (eth1 and eth0); use one at a time", "live", "eth0", "-i", "eth1");
    }

    @Test
    void stopConditions() {
        assertUsage("-c needs a number of packets > 0, not 0", "live", "lo", "-c", "0");
        assertUsage("invalid -a condition \"size:3\" (use duration:SECONDS, filesize:KB or packets:N)",
                "live", "lo", "-a", "size:3");
        assertUsage("invalid -a condition \"duration:soon\": duration needs a number > 0", "live", "lo",
                "-a", "duration:soon");
        assertUsage("invalid -a condition \"packets:-1\": packets needs a number > 0", "live", "lo", "-a", "packets:-1");
        assertUsage("-a filesize needs a file to write (-w FILE)", "live", "lo", "-a", "filesize:10");
    }

    @Test
    void fileAndSnaplen() {
        assertUsage("invalid -F format \"pcapnp\" (use pcap or pcapng)", "live", "lo", "-F", "pcapnp", "-w", "x");
        assertUsage("-s needs a snaplen from 1 to 262144 (0: the default), not 300000", "live", "lo", "-s", "300000");
        assertUsage("-B needs a buffer size from 1 to 2048 MiB, not 0", "live", "lo", "-B", "0");
    }

    @Test
    void outputOptionsAreReads() {
        assertUsage("-T fields needs at least one field given with -e", "live", "lo", "-T", "fields");
        assertUsage("some fields aren't valid: tcp.nosuch", "live", "lo", "-T", "fields", "-e", "tcp.nosuch");
        // A display filter error reads as read's (tshark's, with the caret under the place).
        ReadCommandTest.Result live = ReadCommandTest.run("live", "lo", "-Y", "tcp.port ==");
        ReadCommandTest.Result read = ReadCommandTest.run("read", "x.pcap", "-Y", "tcp.port ==");
        assertEquals(Main.USAGE, live.code());
        assertEquals(read.err().replace("mptcp-inspect read: ", "mptcp-inspect live: "), live.err());
        assertEquals("mptcp-inspect live: Unexpected end of filter expression.", live.err().lines().findFirst().get());
    }
}
