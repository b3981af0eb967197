package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.capture.NetworkNamespace;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.Tools;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.SummaryColumns;

/**
 * Capture → Interfaces… in the real window: a veth pair with one end in a network namespace
 * this test creates and the other here; the window captures on this end while a client in the
 * namespace talks to a server here. Rows appear while capturing, and after Stop they are what
 * read shows of the saved pcap and pcapng. Needs root; skipped with the reason otherwise.
 */
class LiveCaptureWindowTest extends WindowFixture {
    /** An MPTCP client (plain TCP where the kernel has no MPTCP) that sends a line and reads the reply. */
    private static final String CLIENT = """
            import socket, sys
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
            except OSError:
                s = socket.socket()
            s.settimeout(10)
            s.connect((sys.argv[1], int(sys.argv[2])))
            s.sendall(b"hello from the namespace\\n")
            s.shutdown(socket.SHUT_WR)
            while s.recv(4096):
                pass
            s.close()
            """;

    /** One packet list row as read's summary walk makes it: number, time, addresses, protocol, length, info. */
    private record Row(long number, long relativeNanos, String source, String destination, String protocol,
                       int length, String info) {
        static Row of(PacketRow r) {
            return new Row(r.number(), r.relativeNanos(), r.source(), r.destination(), r.protocol(), r.length(),
                    r.info());
        }
    }

    private static List<Row> read(Path file, CaptureFormat format) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            assertEquals(format, reader.format(), file.toString());
            PacketEmitter walk = new PacketEmitter(reader.format() == CaptureFormat.PCAPNG, false);
            SummaryColumns columns = new SummaryColumns();
            RawFrame frame;
            while ((frame = reader.next()) != null) {
                walk.next(frame);
                walk.summarize(columns);
                rows.add(new Row(frame.number(), walk.relativeTime(), columns.source.toString(),
                        columns.destination.toString(), columns.protocol.toString(), frame.originalLength(),
                        columns.info.toString()));
                walk.displayed();
            }
        }
        return rows;
    }

    private List<Row> shownRows() {
        return onFx(() -> window.table().getItems().stream().map(Row::of).toList());
    }

    @Test
    void capturedRowsAppearAsTheyArriveAndAreWhatReadShowsOfTheSavedFile() throws Exception {
        String reason = NetworkNamespace.unavailableReason();
        assumeTrue(reason == null, "live capture test skipped: " + reason);
        long pid = ProcessHandle.current().pid();
        String inside = "mpgi" + pid % 100000 + "a";
        String outside = "mpgi" + pid % 100000 + "b";
        int net = 192 + 4 * (int) (pid % 16);
        String local = "203.0.113." + (net + 1);
        String peer = "203.0.113." + (net + 2);
        int port = 40000 + (int) (pid % 1000);
        try (NetworkNamespace ns = NetworkNamespace.create("mpigui-" + pid)) {
            // One end of the pair stays in the namespace, the other comes here (netns 1: init's).
            ns.exec("ip", "link", "add", inside, "type", "veth", "peer", "name", outside, "netns", "1");
            ns.exec("ip", "addr", "add", peer + "/30", "dev", inside);
            ns.exec("ip", "link", "set", inside, "up");
            Tools.check("ip", "addr", "add", local + "/30", "dev", outside);
            Tools.check("ip", "link", "set", outside, "up");

            showWindow();
            CaptureChooser chooser = onFx(CaptureChooser::new);
            List<String> listed = onFx(() -> chooser.interfaces().getItems().stream()
                    .map(LiveCapture.Interface::name).toList());
            assertTrue(listed.contains(outside) && listed.contains("any"), listed.toString());
            assertTrue(onFx(() -> chooser.select(outside)));

            // A filter libpcap cannot compile: its one-line reason, nothing opened.
            String refused = onFx(() -> {
                chooser.filter().setText("tcp and");
                return chooser.open() == null ? chooser.error().getText() : null;
            });
            assertNotNull(refused, "a bad filter is refused");
            assertTrue(refused.contains("tcp and") && !refused.isBlank() && !refused.contains("\n"), refused);

            LiveCapture live = onFx(() -> {
                chooser.filter().setText("tcp port " + port);
                return chooser.open();
            });
            assertNotNull(live, () -> onFx(() -> chooser.error().getText()));
            assertEquals("", onFx(() -> chooser.error().getText()));
            CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.startCapture(live));
            assertTrue(onFx(() -> window.capturing()));

            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getByName(local))) {
                Thread serving = Thread.ofPlatform().start(() -> {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream();
                            OutputStream out = s.getOutputStream()) {
                        in.readAllBytes();
                        out.write("bye\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        // The client's assertion below reports a failed exchange.
                    }
                });
                ns.exec("python3", "-c", CLIENT, local, Integer.toString(port));
                serving.join(10_000);
            }
            // Rows appear while the capture runs: SYN, SYN/ACK, ACK, data, FINs and their ACKs.
            List<Row> whileCapturing = List.of();
            for (int i = 0; i < 100 && whileCapturing.size() < 8; i++) {
                FxTestSupport.settle();
                whileCapturing = shownRows();
            }
            assertTrue(whileCapturing.size() >= 8, "rows while capturing: " + whileCapturing);
            assertTrue(onFx(() -> window.capturing()), "still capturing");
            // A row's detail while capturing: read back from the spool.
            CaptureSession.PacketDetails first = await(onFx(() -> window.selectFrame(1)));
            assertFalse(first.tree().isEmpty());
            assertTrue(first.tree().stream().anyMatch(n -> n.label().startsWith("Transmission Control Protocol")),
                    first.tree().toString());

            // The status bar's button says Stop while capturing, and stops it.
            onFx(() -> {
                assertEquals("Stop", window.cancelButton().getText());
                assertTrue(window.cancelButton().isVisible());
                window.cancelButton().fire();
                return null;
            });
            CaptureSession.Outcome outcome = await(stopped);
            assertNull(outcome.error(), outcome.toString());
            assertFalse(onFx(() -> window.capturing()));
            List<Row> rows = shownRows();
            assertTrue(rows.size() >= whileCapturing.size());
            assertEquals(whileCapturing, rows.subList(0, whileCapturing.size()), "rows stay as they were shown");
            // Only the test's connection passed the capture filter (an MPTCP SYN shows as MPTCP).
            assertTrue(rows.stream().allMatch(r -> (r.protocol().equals("TCP") || r.protocol().equals("MPTCP"))
                    && (r.source().equals(peer) || r.source().equals(local))), rows.toString());

            Path pcapng = temp.resolve("live.pcapng");
            Path pcap = temp.resolve("live.pcap");
            await(onFx(() -> window.saveCapture(pcapng)));
            await(onFx(() -> window.saveCapture(pcap)));
            assertEquals(read(pcapng, CaptureFormat.PCAPNG), rows, "read of the saved pcapng");
            assertEquals(read(pcap, CaptureFormat.PCAP), rows, "read of the saved pcap");

            // The tracker views work on what was captured.
            CaptureSession.Connections connections = await(onFx(() -> window.showConnections()));
            assertNotNull(connections);
        }
    }
    /** The open Capture Interfaces dialog's pane, once it shows. */
    private static javafx.scene.control.DialogPane dialogPane() {
        for (int i = 0; i < 100; i++) {
            javafx.scene.control.DialogPane pane = onFx(() -> javafx.stage.Window.getWindows().stream()
                    .filter(w -> w.isShowing() && w.getScene() != null
                            && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)
                    .map(w -> (javafx.scene.control.DialogPane) w.getScene().getRoot()).findFirst().orElse(null));
            if (pane != null) {
                return pane;
            }
            FxTestSupport.settle();
        }
        throw new AssertionError("the Capture Interfaces dialog did not show");
    }

    private static void press(javafx.scene.control.DialogPane pane, javafx.scene.control.ButtonBar.ButtonData which) {
        onFx(() -> {
            for (javafx.scene.control.ButtonType t : pane.getButtonTypes()) {
                if (t.getButtonData() == which) {
                    ((javafx.scene.control.Button) pane.lookupButton(t)).fire();
                }
            }
            return null;
        });
    }

    @Test
    void theInterfacesDialogKeepsLibpcapsRefusalOnScreenAndStartsTheCapture() {
        assumeTrue("root".equals(System.getProperty("user.name")), "capturing on lo needs root");
        showWindow();
        // The dialog waits for its answer in a nested event loop: opened without waiting here.
        javafx.application.Platform.runLater(() -> window.chooseInterface());
        javafx.scene.control.DialogPane pane = dialogPane();
        CaptureChooser chooser = (CaptureChooser) pane.getContent();
        assertTrue(onFx(() -> chooser.select("lo")));
        onFx(() -> {
            chooser.filter().setText("tcp port");
            return null;
        });
        press(pane, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        String refused = onFx(() -> chooser.error().getText());
        assertTrue(refused.startsWith("lo: bad capture filter \"tcp port\": "), refused);
        assertTrue(onFx(() -> pane.getScene().getWindow().isShowing()), "the dialog stays open");
        assertFalse(onFx(() -> window.capturing()));

        onFx(() -> {
            chooser.filter().setText("tcp port 9");
            return null;
        });
        press(pane, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        for (int i = 0; i < 100 && !onFx(() -> window.capturing()); i++) {
            FxTestSupport.settle();
        }
        assertTrue(onFx(() -> window.capturing()), "Start began capturing on lo");
        assertEquals("", onFx(() -> chooser.error().getText()));
        CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.loaded());
        onFx(() -> {
            window.cancelButton().fire();
            return null;
        });
        assertNull(await(stopped).error());
    }
}
