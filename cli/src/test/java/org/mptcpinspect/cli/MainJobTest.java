package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main job: {@code mptcp-inspect [FILE]} without a command, on the bundled capture when given none. */
class MainJobTest {
    @AfterEach
    void forgetHome() {
        System.clearProperty(Main.HOME_PROPERTY);
    }

    @Test
    void withoutFileAnalyzesTheBundledCapture() {
        System.setProperty(Main.HOME_PROPERTY, TsharkFieldsOracleTest.projectRoot().toString());
        ReadCommandTest.Result r = ReadCommandTest.run();
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(Main.BUNDLED_CAPTURE), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("[SYN]") && l.endsWith("MP_CAPABLE")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("MP_JOIN")), "the bundled capture has a joined subflow");
    }

    @Test
    void givenFileIsAnalyzed() {
        String fastclose = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps/fastclose.pcap").toString();
        ReadCommandTest.Result r = ReadCommandTest.run(fastclose);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("MP_FASTCLOSE"), r.out());
    }

    @Test
    void withoutFileOrBundledCaptureSaysWhy() {
        ReadCommandTest.Result r = ReadCommandTest.run();
        assertEquals(Main.USAGE, r.code());
        assertEquals("mptcp-inspect: no capture given and no bundled capture found; see mptcp-inspect --help\n", r.err());
    }
}
