package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;
import static org.mptcpinspect.gui.FxTestSupport.until;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.plot.TimelinePlot;

/**
 * The MPTCP views while a capture runs: a kernel capture replayed as a live one, in steps (each
 * step then waits as a quiet link does), into the real window. After each step the connections,
 * timeline and counters views show what the tracker knows of the frames so far, without Stop;
 * what the user selected, chose or zoomed stays; nothing is refreshed while no frame comes; and
 * after Stop the views are exactly those of the capture opened as a file.
 */
class LiveViewsTest extends WindowFixture {
    private static final String CAPTURE = "fullmesh.pcap";

    private static List<RawFrame> frames(Path file) throws Exception {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureReader in = CaptureFiles.open(file)) {
            for (RawFrame f = in.next(); f != null; f = in.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    /** What the views should show after the first {@code count} frames: the tracker's snapshot then. */
    private static ShownViews after(List<RawFrame> frames, int count) {
        TrackerViews views = new TrackerViews(true);
        TcpConversations conversations = new TcpConversations();
        for (RawFrame f : frames.subList(0, count)) {
            DecodedPacket p = PacketDecoder.decode(f);
            views.add(f, p, conversations.track(p));
        }
        CaptureSession.Views v = views.snapshot();
        return ShownViews.of(v.connections(), v.hosts());
    }


    /** The text on screen in the connections view's cell of a row and column. */
    private String renderedCell(int row, int column) {
        FxTestSupport.settle();
        return onFx(() -> {
            var view = window.connectionsView();
            for (var node : view.lookupAll(".tree-table-cell")) {
                if (node instanceof TreeTableCell<?, ?> cell && cell.getTableRow() != null
                        && cell.getTableRow().getIndex() == row && cell.getTableColumn() == view.getColumns().get(column)) {
                    return cell.getText();
                }
            }
            return null;
        });
    }

    @Test
    void viewsFollowTheCaptureKeepWhatTheUserChoseAndEndAsTheFilesViews() throws Exception {
        Path file = FxTestSupport.capture(CAPTURE);
        List<RawFrame> frames = frames(file);
        assertEquals(216, frames.size(), "the kernel capture this test's steps are chosen for");
        showWindow();
        ReplayFrames replay = new ReplayFrames(CaptureFiles.open(file), 10);
        CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.startCapture(replay));
        onFx(() -> window.showConnections()); // the tab; its future completes at Stop

        // Step 1, 10 frames: the connection and its first two subflows (SYNs at frames 3 and 8).
        ShownViews ten = after(frames, 10);
        assertEquals(2, ten.subflowRows().size(), ten.subflowRows().toString());
        until("the first 10 frames", () -> ShownViews.of(window).reports().equals(ten.reports()));
        ShownViews shown = ShownViews.of(window);
        assertEquals(ten.subflowRows(), shown.subflowRows());
        assertEquals(ten.hosts(), shown.hosts(), "counters so far");
        assertTrue(onFx(() -> window.capturing()));
        TreeItem<ConnectionsView.Row> selected = onFx(() -> {
            var view = window.connectionsView();
            TreeItem<ConnectionsView.Row> subflow1 = view.getRoot().getChildren().get(0).getChildren().get(1);
            view.getSelectionModel().select(subflow1);
            return subflow1;
        });
        assertEquals("0", renderedCell(0, 6), "no data yet");

        // Step 2, 100 frames: all four subflows, data both ways; the selected row stays selected.
        replay.playTo(100);
        ShownViews hundred = after(frames, 100);
        assertEquals(4, hundred.subflowRows().size());
        assertTrue(hundred.bytes() > 0);
        until("100 frames", () -> ShownViews.of(window).reports().equals(hundred.reports()));
        assertEquals(hundred.subflowRows(), ShownViews.of(window).subflowRows());
        assertSame(selected, onFx(() -> window.connectionsView().getSelectionModel().getSelectedItem()),
                "the selection stays on its row");
        assertEquals(1, onFx(() -> selected.getValue().subflow().index()));
        assertEquals(Long.toString(hundred.reports().get(0).c2s().bytes()), renderedCell(0, 6),
                "the cells on screen show the new numbers");
        // The timeline, shown now, has what the tracker has: every point so far, four subflow bars.
        selectTab("Subflow Timeline"); // which shows the newest live views
        TimelinePlot plot = onFx(() -> window.timelineView().plot());
        assertEquals(4, plot.connection().subflows().size());
        assertEquals(hundred.timelines(), ShownViews.of(window).timelines());
        assertTrue(plot.data().size() > 0);
        TimelinePlot.Viewport zoomed = new TimelinePlot.Viewport(0.001, 0.002, 100, 5000);
        onFx(() -> {
            window.timelineView().setClientToServer(false); // shows that direction whole
            window.timelineView().setViewport(zoomed);
            return null;
        });
        // Counters: the second host, a row of its table selected.
        List<HostCounters> hosts = onFx(() -> List.copyOf(window.countersView().hostChooser().getItems()));
        assertEquals(hundred.hosts(), hosts);
        assertEquals(2, hosts.size(), hosts.toString());
        CountersView.Row chosenRow = onFx(() -> {
            window.countersView().hostChooser().getSelectionModel().select(1);
            window.countersView().table().getSelectionModel().select(2);
            return window.countersView().table().getSelectionModel().getSelectedItem();
        });
        assertNotNull(chosenRow);

        // Step 3, the rest: then the link is quiet, the capture still running.
        replay.playTo(frames.size());
        ShownViews all = after(frames, frames.size());
        until("every frame", () -> ShownViews.of(window).equals(all));
        assertTrue(onFx(() -> window.capturing()));
        assertSame(selected, onFx(() -> window.connectionsView().getSelectionModel().getSelectedItem()));
        assertEquals(zoomed, onFx(() -> window.timelineView().viewport()), "the user's zoom stays");
        assertEquals(false, onFx(() -> window.timelineView().clientToServer()), "the chosen direction stays");
        assertTrue(onFx(() -> window.timelineView().plot().data().size()) > plot.data().size(), "new points drawn");
        assertEquals(hosts.get(1).addresses().getFirst(),
                onFx(() -> window.countersView().hostChooser().getValue().addresses().getFirst()), "the host stays");
        assertEquals(chosenRow.counter(), onFx(() -> window.countersView().table().getSelectionModel()
                .getSelectedItem().counter()), "the counter row stays selected");

        // Nothing new, nothing refreshed (the capture thread is woken every second all the same).
        int refreshes = onFx(() -> window.liveRefreshCost().snapshots());
        Thread.sleep(2_500);
        assertEquals(refreshes, (int) onFx(() -> window.liveRefreshCost().snapshots()), "no refresh without frames");

        // Stop: exactly the views of the capture opened as a file.
        onFx(() -> {
            window.stopCapture();
            return null;
        });
        CaptureSession.Outcome outcome = await(stopped);
        assertNull(outcome.error(), outcome.toString());
        CaptureSession opened = new CaptureSession(file);
        ShownViews fileViews = ShownViews.of(opened.connections((n, f) -> { }), opened.counters((n, f) -> { }));
        ShownViews atStop = ShownViews.of(window);
        assertEquals(fileViews, atStop, "the views at Stop are the file's");
        assertEquals(fileViews.reports(), await(onFx(() -> window.showConnections())).reports());
        assertEquals(fileViews.hosts(), await(onFx(() -> window.showCounters())));
        assertTrue(fileViews.reports().get(0).c2s().sha256() != null, "complete streams have their SHA-256 at Stop");
        assertSame(selected, onFx(() -> window.connectionsView().getSelectionModel().getSelectedItem()));
        assertTrue(onFx(() -> window.liveRefreshCost().snapshots()) >= 4, "steps 1-3 and Stop shown");
    }
}
