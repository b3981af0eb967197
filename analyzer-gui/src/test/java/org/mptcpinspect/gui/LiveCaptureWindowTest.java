package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

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
import org.mptcpinspect.plot.TimelineData;
import org.mptcpinspect.plot.TimelinePlot;

/**
 * Capture → Interfaces… in the real window: a veth pair with one end in a network namespace
 * this test creates and the other here; the window captures on this end while an MPTCP client
 * in the namespace talks to an MPTCP server here over two subflows (the second from another
 * address of the namespace). Rows appear while capturing, and so do the connection, its
 * subflows and bytes in the MPTCP views; after Stop the rows are what read shows of the saved
 * pcap and pcapng, and the views are those of the saved files opened. Needs root and kernel
 * MPTCP; skipped with the reason otherwise.
 */
class LiveCaptureWindowTest extends WindowFixture {
    /** Bytes the client sends. */
    private static final int SENT = 256 * 1200;

    /**
     * An MPTCP client that sends 256 bytes, waits for its second subflow (the namespace's path
     * manager opens it from the endpoint address once the connection is fully established, i.e.
     * the server acknowledged data at the data level), sends the rest and reads the reply.
     */
    private static final String CLIENT = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
            s.settimeout(10)
            s.connect((sys.argv[1], int(sys.argv[2])))
            block = bytes(range(256))
            s.sendall(block)
            time.sleep(0.5)
            s.sendall(block * (int(sys.argv[3]) // 256 - 1))
            s.shutdown(socket.SHUT_WR)
            while s.recv(4096):
                pass
            s.close()
            """;

    /** An MPTCP server for one connection: reads everything, answers, closes. Says "ready" once listening. */
    private static final String SERVER = """
            import socket, sys
            l = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 262)
            l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            l.bind((sys.argv[1], int(sys.argv[2])))
            l.listen(1)
            print("ready", flush=True)
            l.settimeout(20)
            c, _ = l.accept()
            n = 0
            while True:
                b = c.recv(65536)
                if not b:
                    break
                n += len(b)
            c.sendall(b"bye %d\\n" % n)
            c.close()
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
        assumeTrue(java.nio.file.Files.exists(Path.of("/proc/sys/net/mptcp/enabled")),
                "live capture test skipped: the kernel has no MPTCP");
        long pid = ProcessHandle.current().pid();
        String inside = "mpgi" + pid % 100000 + "a";
        String outside = "mpgi" + pid % 100000 + "b";
        int net = 192 + 8 * (int) (pid % 8);
        String local = "203.0.113." + (net + 1);
        String peer = "203.0.113." + (net + 2);
        String peer2 = "203.0.113." + (net + 3);
        int port = 40000 + (int) (pid % 1000);
        try (NetworkNamespace ns = NetworkNamespace.create("mpigui-" + pid)) {
            // One end of the pair stays in the namespace, the other comes here (netns 1: init's).
            ns.exec("ip", "link", "add", inside, "type", "veth", "peer", "name", outside, "netns", "1");
            ns.exec("ip", "addr", "add", peer + "/29", "dev", inside);
            ns.exec("ip", "addr", "add", peer2 + "/29", "dev", inside);
            ns.exec("ip", "link", "set", inside, "up");
            // The client's second subflow, from its second address (this side's limits are left as they are).
            ns.exec("sysctl", "-q", "net.mptcp.enabled=1");
            ns.exec("ip", "mptcp", "limits", "set", "subflows", "2");
            ns.exec("ip", "mptcp", "endpoint", "add", peer2, "dev", inside, "subflow");
            Tools.check("ip", "addr", "add", local + "/29", "dev", outside);
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

            Process server = new ProcessBuilder("python3", "-c", SERVER, local, Integer.toString(port))
                    .redirectErrorStream(true).start();
            try {
                var said = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertEquals("ready", said.readLine(), "the MPTCP server listens");
                ns.exec("python3", "-c", CLIENT, local, Integer.toString(port), Integer.toString(SENT));
                assertEquals("", new String(server.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                assertTrue(server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(0, server.exitValue());
            } finally {
                server.destroy();
            }
            // Rows appear while the capture runs: SYN, SYN/ACK, ACK, data, FINs and their ACKs.
            List<Row> whileCapturing = List.of();
            for (int i = 0; i < 100 && whileCapturing.size() < 8; i++) {
                FxTestSupport.settle();
                whileCapturing = shownRows();
            }
            assertTrue(whileCapturing.size() >= 8, "rows while capturing: " + whileCapturing);
            assertTrue(onFx(() -> window.capturing()), "still capturing");

            // The MPTCP views while capturing: the connection with both subflows and every byte
            // the client sent, the timeline with its subflows' points (refreshed within seconds).
            ShownViews views = ShownViews.of(window);
            for (int i = 0; i < 100 && !(views.reports().size() == 1
                    && views.reports().get(0).subflows().size() == 2 && views.reports().get(0).c2s().bytes() == SENT
                    && views.reports().get(0).subflows().stream().allMatch(f -> f.bytesFromInitiator() > 0)); i++) {
                Thread.sleep(100);
                views = ShownViews.of(window);
            }
            assertTrue(onFx(() -> window.capturing()), "still capturing");
            assertEquals(1, views.reports().size(), views.reports().toString());
            var connection = views.reports().get(0);
            assertEquals(2, connection.subflows().size(), connection.subflows().toString());
            assertEquals(peer + ":", connection.subflows().get(0).flow().sourceEndpoint().replaceAll("\\d+$", ""));
            assertEquals(peer2 + ":", connection.subflows().get(1).flow().sourceEndpoint().replaceAll("\\d+$", ""));
            assertTrue(connection.subflows().get(1).join(), "the second subflow is an MP_JOIN one");
            String state = onFx(() -> window.table().getItems().size() + " rows, " + window.liveRefreshCost().snapshots()
                    + " refreshes shown, " + window.captureSession().refreshCost().snapshots() + " snapshots")
                    + "; libpcap: " + live.statistics();
            assertEquals(SENT, connection.c2s().bytes(), "every byte the client sent, before Stop (" + state + "): "
                    + connection);
            assertTrue(connection.subflows().stream().allMatch(f -> f.bytesFromInitiator() > 0),
                    "data on both subflows: " + connection.subflows());
            assertEquals(2, views.subflowRows().size(), "a row per subflow");
            selectTab("Subflow Timeline");
            TimelinePlot plot = onFx(() -> window.timelineView().plot());
            assertNotNull(plot, "a timeline while capturing");
            assertEquals(2, plot.connection().subflows().size());
            TimelineData points = plot.data();
            assertTrue(java.util.stream.IntStream.range(0, points.size()).map(points::subflow).distinct().count() == 2,
                    "points on both subflows");
            assertTrue(onFx(() -> window.countersView().hostChooser().getItems().size()) >= 2, "counters of both hosts");
            selectTab("Packets");
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
                    && List.of(peer, peer2, local).contains(r.source())), rows.toString());

            Path pcapng = temp.resolve("live.pcapng");
            Path pcap = temp.resolve("live.pcap");
            await(onFx(() -> window.saveCapture(pcapng)));
            await(onFx(() -> window.saveCapture(pcap)));
            assertEquals(read(pcapng, CaptureFormat.PCAPNG), rows, "read of the saved pcapng");
            assertEquals(read(pcap, CaptureFormat.PCAP), rows, "read of the saved pcap");

            // The views at Stop are those of the saved capture opened as a file.
            ShownViews atStop = ShownViews.of(window);
            assertEquals(SENT, atStop.reports().get(0).c2s().bytes());
            assertNotNull(atStop.reports().get(0).c2s().sha256(), "the whole stream's SHA-256 at Stop");
            for (Path saved : List.of(pcap, pcapng)) {
                await(onFx(() -> window.open(saved)));
                await(onFx(() -> window.showConnections()));
                await(onFx(() -> window.showCounters()));
                assertEquals(atStop, ShownViews.of(window), "the views of " + saved.getFileName());
            }
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
