package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
    void withoutADisplayTheReportIsPrintedAndStderrSaysWhy() {
        // The pom removes DISPLAY and WAYLAND_DISPLAY from the tests' environment.
        assertFalse(org.mptcpinspect.gui.GuiCommand.displayNamed(System.getenv()));
        System.setProperty(Main.HOME_PROPERTY, TsharkFieldsOracleTest.projectRoot().toString());
        ReadCommandTest.Result r = ReadCommandTest.run();
        assertTrue(r.err().contains("no display (DISPLAY and WAYLAND_DISPLAY are unset): printing the connections"),
                r.err());
        ReadCommandTest.Result forced = ReadCommandTest.run("--no-gui");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(forced.err().contains("--no-gui: printing the connections report"), forced.err());
        assertEquals(r.out(), forced.out());
    }

    @Test
    void aDisplayIsNamedByDisplayOrWaylandDisplay() {
        assertTrue(org.mptcpinspect.gui.GuiCommand.displayNamed(Map.of("DISPLAY", ":0")));
        assertTrue(org.mptcpinspect.gui.GuiCommand.displayNamed(Map.of("WAYLAND_DISPLAY", "wayland-0")));
        assertFalse(org.mptcpinspect.gui.GuiCommand.displayNamed(Map.of("DISPLAY", " ")));
        assertFalse(org.mptcpinspect.gui.GuiCommand.displayNamed(Map.of("HOME", "/root")));
    }

    @Test
    void whenTheNamedDisplayCannotBeOpenedTheReportIsPrinted() throws Exception {
        // A separate JVM whose DISPLAY names no server: the toolkit fails, the report follows.
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-D" + Main.HOME_PROPERTY + "="
                + TsharkFieldsOracleTest.projectRoot(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
        pb.environment().put("DISPLAY", ":4317");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("opening the analyzer window"), err);
        assertTrue(err.contains("cannot open a window"), err);
        String report = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(report.contains("ef935439") && report.contains("486a60d0"), report);
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
