package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.plot.TimelinePlot;

/** The headless snapshot mode, run as users run it: a separate JVM that renders and exits. */
class SnapshotModeTest {
    @TempDir
    Path temp;

    private record Run(int code, String stderr) {
    }

    private Run gui(String... args) throws IOException, InterruptedException {
        // The toolkit's connection keeps a test Xvfb alive between the snapshot runs.
        FxTestSupport.startToolkit();
        String display = FxTestSupport.display();
        Assumptions.assumeTrue(display != null, "snapshot tests need an X display or Xvfb");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dprism.order=sw",
                "-cp", System.getProperty("java.class.path"), GuiMain.class.getName()));
        command.addAll(List.of(args));
        command.add("--settings");
        command.add(temp.resolve("gui.properties").toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", display);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gui --snapshot finished");
        return new Run(p.exitValue(), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void snapshotOfASelectedMptcpPacketShowsTheWindowWithItsBytesHighlighted() throws Exception {
        Path png = temp.resolve("packets.png");
        Run run = gui(FxTestSupport.capture("join-subflow.pcap").toString(), "--snapshot", png.toString(),
                "--select", "3");
        assertEquals(0, run.code(), run.stderr());
        assertEquals("", run.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(800, image.getHeight());
        // The MP_CAPABLE option's bytes are lit in the hex pane's highlight colour.
        assertTrue(countColour(image, 0x3875d7) > 100, "highlighted pixels");
        // MP_CAPABLE rows are drawn in their subtype colour.
        assertTrue(countColour(image, 0xc8f0c8) > 1000, "MP_CAPABLE row pixels");
    }

    @Test
    void connectionsSnapshotRendersTheConnectionsView() throws Exception {
        Path png = temp.resolve("connections.png");
        Run run = gui(FxTestSupport.capture("join-subflow.pcap").toString(), "--snapshot", png.toString(),
                "--view", "connections", "--select", "0");
        assertEquals(0, run.code(), run.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        // The filter bar turns green: selecting the connection applied a valid filter.
        assertTrue(countColour(image, 0xafffaf) > 1000, "green filter bar pixels");

        Run none = gui(FxTestSupport.capture("join-subflow.pcap").toString(), "--snapshot",
                temp.resolve("c.png").toString(), "--view", "connections", "--select", "7");
        assertEquals(1, none.code());
        assertTrue(none.stderr().contains("no MPTCP connection 7"), none.stderr());
    }

    @Test
    void timelineStreamAndCountersSnapshots() throws Exception {
        String capture = FxTestSupport.capture("loss-reinjection.pcap").toString();
        Path timeline = temp.resolve("timeline.png");
        Run run = gui(capture, "--snapshot", timeline.toString(), "--view", "timeline", "--select", "0");
        assertEquals(0, run.code(), run.stderr());
        BufferedImage image = ImageIO.read(timeline.toFile());
        for (int subflow = 0; subflow < 2; subflow++) {
            int rgb = Integer.parseInt(TimelinePlot.subflowColour(subflow).substring(1), 16);
            assertTrue(countColour(image, rgb) > 500, "subflow " + subflow + " pixels");
        }
        assertTrue(countColour(image, Integer.parseInt(TimelinePlot.REINJECTION_COLOUR.substring(1), 16)) > 20,
                "reinjection markers");

        Path stream = temp.resolve("stream.png");
        run = gui(capture, "--snapshot", stream.toString(), "--view", "stream", "--select", "0");
        assertEquals(0, run.code(), run.stderr());
        image = ImageIO.read(stream.toFile());
        // The first screenful is one side's turn or both: lines in the client's or server's colour.
        assertTrue(countColour(image, 0xfbeded) + countColour(image, 0xededfb) > 20000, "stream lines");

        Path counters = temp.resolve("counters.png");
        run = gui(capture, "--snapshot", counters.toString(), "--view", "counters");
        assertEquals(0, run.code(), run.stderr());
        assertTrue(ImageIO.read(counters.toFile()).getWidth() == 1280);

        Run none = gui(capture, "--snapshot", temp.resolve("n.png").toString(), "--view", "stream", "--select", "3");
        assertEquals(1, none.code());
        assertTrue(none.stderr().contains("no MPTCP connection 3"), none.stderr());
        assertEquals(1, none.stderr().lines().count(), none.stderr());
    }

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void snapshotErrorsAreOneLineWithTheRightExitCode() throws Exception {
        Run missing = gui(temp.resolve("nope.pcap").toString(), "--snapshot", temp.resolve("x.png").toString());
        assertEquals(1, missing.code());
        assertEquals(1, missing.stderr().lines().count(), missing.stderr());
        assertTrue(missing.stderr().startsWith("mptcp-inspect gui: "), missing.stderr());

        Path notCapture = Files.writeString(temp.resolve("text.pcap"), "this is not a capture\n");
        Run bad = gui(notCapture.toString(), "--snapshot", temp.resolve("y.png").toString());
        assertEquals(1, bad.code());
        assertEquals(1, bad.stderr().lines().count(), bad.stderr());
        assertTrue(Files.notExists(temp.resolve("y.png")));

        Run noFrame = gui(FxTestSupport.capture("join-subflow.pcap").toString(), "--snapshot",
                temp.resolve("z.png").toString(), "--select", "99999");
        assertEquals(1, noFrame.code());
        assertTrue(noFrame.stderr().contains("no frame 99999"), noFrame.stderr());

        Run view = gui(FxTestSupport.capture("join-subflow.pcap").toString(), "--snapshot",
                temp.resolve("w.png").toString(), "--view", "bogus");
        assertEquals(2, view.code());
    }
}
