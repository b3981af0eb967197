package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;
import static org.mptcpinspect.gui.FxTestSupport.until;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.mptcp.WaitingSubflow;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * A subflow first seen after its SYNs, while a capture runs: the kernel's join-subflow capture
 * without the MP_JOIN SYN and SYN/ACK (frames 20 and 21), replayed as a live capture in steps.
 * The join's third ACK and the ACK after it (4-octet DATA_ACK) cannot name their connection, so
 * the tracker holds them; the connections view shows the subflow as waiting, then, once its first
 * 8-octet data sequence number (frame 36 of the whole capture) links it, as its connection's
 * second subflow; at Stop the views are the cut capture's opened as a file.
 */
class LiveWaitingSubflowTest extends WindowFixture {


    /** The connections view's top-level rows: connections and waiting subflows. */
    private List<ConnectionsView.Row> topRows() {
        return onFx(() -> {
            TreeItem<ConnectionsView.Row> root = window.connectionsView().getRoot();
            return root == null ? List.<ConnectionsView.Row>of()
                    : root.getChildren().stream().map(TreeItem::getValue).toList();
        });
    }

    @Test
    void aSubflowFirstSeenAfterItsSynsWaitsThenMovesToItsConnection() throws Exception {
        List<RawFrame> frames = new ArrayList<>();
        try (CaptureReader in = CaptureFiles.open(FxTestSupport.capture("join-subflow.pcap"))) {
            for (RawFrame f = in.next(); f != null; f = in.next()) {
                if (f.number() != 20 && f.number() != 21) {
                    frames.add(f);
                }
            }
        }
        RawFrame thirdAck = frames.get(19); // frame 22 of the whole capture
        assertTrue(PacketDecoder.decode(thirdAck).tcp().options().toString().contains("MpJoin"),
                "the MP_JOIN third ACK: " + PacketDecoder.decode(thirdAck).tcp().options());
        FlowKey joinFlow = FlowKey.of(PacketDecoder.decode(thirdAck));
        Path cut = temp.resolve("join-without-syns.pcap");
        try (PcapWriter out = PcapWriter.create(cut, frames.getFirst().linkType(), TimestampResolution.NANOSECONDS)) {
            for (RawFrame f : frames) {
                out.write(f);
            }
        }

        showWindow();
        ReplayFrames replay = new ReplayFrames(CaptureFiles.open(cut), 25); // through frame 27 of the whole
        CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.startCapture(replay));
        onFx(() -> window.showConnections());

        // Waiting: after connection 0 (one subflow), the join's two packets held, no connection of its own.
        until("the waiting subflow", () -> topRows().size() == 2 && topRows().get(1).isWaiting());
        List<ConnectionsView.Row> rows = topRows();
        assertEquals(1, rows.get(0).connection().subflows().size(), "the join is not one of its subflows yet");
        WaitingSubflow waiting = rows.get(1).waiting();
        assertEquals(1, waiting.tcpStream());
        assertEquals(joinFlow, waiting.flow(), "the direction of its first packet, the third ACK");
        assertEquals(2, waiting.packets(), "the third ACK and the ACK after it");
        assertEquals(thirdAck.timestampNanos(), waiting.firstNanos());
        assertEquals("waiting", onFx(() -> window.connectionsView().getColumns().get(4)
                .getCellObservableValue(window.connectionsView().getRoot().getChildren().get(1)).getValue()));
        // Chosen, it filters its packets (it has no connection, so no timeline).
        onFx(() -> {
            window.connectionsView().getSelectionModel().select(window.connectionsView().getRoot().getChildren().get(1));
            return null;
        });
        until("its packets filtered", () -> onFx(() -> window.table().getItems().size()) == 2);
        assertEquals(List.of(20, 21), onFx(() -> window.table().getItems().stream().map(PacketRow::number).toList()));

        // Its first 8-octet DSN links it: the waiting row goes, the connection has it as subflow 1.
        replay.playTo(40);
        until("the linked subflow", () -> topRows().size() == 1 && topRows().get(0).connection().subflows().size() == 2);
        TreeItem<ConnectionsView.Row> connection = onFx(() -> window.connectionsView().getRoot().getChildren().get(0));
        ConnectionsView.Row subflow = onFx(() -> connection.getChildren().get(1).getValue());
        assertEquals(1, subflow.subflow().tcpStream());
        assertTrue(subflow.subflow().partial(), "its SYN was not captured");
        assertTrue(onFx(() -> window.capturing()));

        // Stop: the cut capture's views, opened as a file; nothing waits.
        replay.playTo(frames.size());
        until("every frame indexed", () -> onFx(() -> window.captureSession().index().size()) == frames.size());
        onFx(() -> {
            window.stopCapture();
            return null;
        });
        CaptureSession.Outcome outcome = await(stopped);
        assertNull(outcome.error(), outcome.toString());
        CaptureSession opened = new CaptureSession(cut);
        assertEquals(opened.connections((n, f) -> { }).reports(), await(onFx(() -> window.showConnections())).reports());
        assertTrue(topRows().stream().noneMatch(ConnectionsView.Row::isWaiting));
    }
}
