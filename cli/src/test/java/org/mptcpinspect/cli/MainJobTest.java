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
        // The bundled capture's tokens, as the kernel's MPTCP_INFO reported them (join-subflow.truth.json).
        assertTrue(r.out().contains("ef935439") && r.out().contains("486a60d0"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("join 198.51.100.1:")), "the joined subflow is listed");
    }

    @Test
    void givenFileIsAnalyzed() {
        String fastclose = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps/fastclose.pcap").toString();
        ReadCommandTest.Result r = ReadCommandTest.run(fastclose);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("192.0.2.1:") && r.out().contains("192.0.2.2:8000"), r.out());
    }

    @Test
    void withoutFileOrBundledCaptureSaysWhy() {
        ReadCommandTest.Result r = ReadCommandTest.run();
        assertEquals(Main.USAGE, r.code());
        assertEquals("mptcp-inspect: no capture given and no bundled capture found; see mptcp-inspect --help\n", r.err());
    }
}
