package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.cli.ReadCommandTest.Result;

/** read -z: bad arguments are one-line usage errors (exit 2), and statistics follow the packets. */
class StatisticsOptionTest {
    private static final String CAPTURE = TsharkFieldsOracleTest.projectRoot()
            .resolve(Path.of("testdata", "pcaps", "fastclose.pcap")).toString();

    private static void usageError(String argument, String expected) {
        Result r = ReadCommandTest.run("read", CAPTURE, "-q", "-z", argument);
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("mptcp-inspect read: " + expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownStatisticsAreUsageErrors() {
        usageError("conv,xyz", "Invalid -z argument \"conv,xyz\"; it must be one of: conv,eth, ");
        usageError("foo", "Invalid -z argument \"foo\"; it must be one of: ");
        usageError("expertly", "Invalid -z argument \"expertly\"");
        usageError("endpoints", "Invalid -z argument \"endpoints\"");
    }

    @Test
    void badTapFiltersAreUsageErrors() {
        // tshark's words: "Couldn't register conversations tap: Filter "bad..filter" is invalid - ...".
        usageError("conv,ip,bad..filter", "Couldn't register conversations tap: Filter \"bad..filter\" is invalid - ");
        usageError("endpoints,tcp,no.such.field", "Couldn't register endpoint tap: Filter \"no.such.field\" is invalid");
        usageError("expert,warn,tcp.port ==", "Expert tap error (Filter \"tcp.port ==\" is invalid - ");
        usageError("io,phs,tcp..", "Couldn't register io,phs tap: Filter \"tcp..\" is invalid - ");
        usageError("io,phsx", "invalid \"-z io,phs[,<filter>]\" argument");
    }

    @Test
    void badFollowArgumentsAreUsageErrors() {
        usageError("follow,tcp,bin,0", "follow - Invalid display mode.");
        usageError("follow,tcp,ascii,0,5-2", "follow - Invalid range value.");
        usageError("follow,tcp,ascii,0,x", "follow - Invalid range.");
        usageError("follow,tcp,hex,192.0.2.1:1,192.0.2.2:2", "follow - Invalid address");
        usageError("follow,udp,hex,0", "Invalid -z argument \"follow,udp,hex,0\"");
    }

    @Test
    void liveTakesStatisticsAndKeepsNstatsZeros() {
        // Checked before any capture opens: no privileges needed.
        Result bad = ReadCommandTest.run("live", "lo", "-z", "conv,xyz");
        assertEquals(Main.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("mptcp-inspect live: Invalid -z argument \"conv,xyz\""), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        Result zeros = ReadCommandTest.run("live", "lo", "-z");
        assertEquals(Main.USAGE, zeros.code(), zeros.err());
        assertTrue(zeros.err().contains("--host and -z go with --counters"), zeros.err());
    }

    @Test
    void statisticsComeAfterThePackets() {
        Result r = ReadCommandTest.run("read", CAPTURE, "-c", "5", "-z", "conv,ip");
        assertEquals(Main.OK, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("    1 "), r.out());
        assertTrue(lines[5].startsWith("====="), r.out());
        assertTrue(r.out().contains("192.0.2.1            <-> 192.0.2.2                  1 92 bytes        2 176 bytes"),
                r.out());
    }
}
