package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TreePrinter;
import org.mptcpinspect.dissector.fields.ValueFormat;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/**
 * Drives the real analyzer window on a kernel capture: the packet list against tshark's recorded
 * fields, the detail tree against read -V, the hex highlight against the option's bytes, the
 * display filter bar, sorting.
 */
class AnalyzerWindowTest extends WindowFixture {
    private static final String CAPTURE = "join-subflow.pcap";

    @BeforeEach
    void open() {
        openWindow(FxTestSupport.capture(CAPTURE));
    }

    /** tshark's recorded columns for the capture: header, then one row per frame. */
    private static List<String[]> tshark() throws IOException {
        List<String[]> rows = new ArrayList<>();
        Path tsv = FxTestSupport.capture(CAPTURE + ".tshark-fields.tsv.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(tsv)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static int column(List<String[]> tsv, String field) {
        int i = Arrays.asList(tsv.get(0)).indexOf(field);
        assertTrue(i >= 0, field + " recorded");
        return i;
    }

    @Test
    void packetListShowsEveryFrameWithTsharksNumbersLengthsAndMptcpRows() throws IOException {
        List<String[]> tsv = tshark();
        int number = column(tsv, "frame.number");
        int length = column(tsv, "frame.len");
        int subtype = column(tsv, "tcp.options.mptcp.subtype");
        List<PacketRow> rows = onFx(() -> List.copyOf(window.table().getItems()));
        assertEquals(tsv.size() - 1, rows.size());
        int mptcpRows = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] t = tsv.get(i + 1);
            PacketRow r = rows.get(i);
            assertEquals(Integer.parseInt(t[number]), r.number());
            assertEquals(Integer.parseInt(t[length]), r.length());
            boolean mptcp = !t[subtype].isEmpty();
            assertEquals(mptcp ? "MPTCP" : r.protocol().equals("MPTCP") ? "?" : r.protocol(), r.protocol(),
                    "protocol of frame " + r.number());
            if (mptcp) {
                mptcpRows++;
                // The row colour follows the first MPTCP option's subtype.
                int first = Integer.parseInt(t[subtype].split(",")[0]);
                assertEquals("kind-mptcp-" + first, AnalyzerWindow.kindStyle(r.kind()));
            }
        }
        assertTrue(mptcpRows > 10, "MPTCP rows: " + mptcpRows);
    }

    @Test
    void detailTreeIsReadVerboseTreeAndTheMptcpOptionsBytesAreHighlighted() throws Exception {
        // The first DSS segment without payload (so -V has no hex dump under Data).
        long frameNumber = 0;
        String expectedTree = null;
        TcpOption.Mptcp option = null;
        try (PcapFileReader reader = CaptureFiles.open(FxTestSupport.capture(CAPTURE))) {
            PacketEmitter walk = new PacketEmitter(false);
            RawFrame frame;
            while (option == null && (frame = reader.next()) != null) {
                walk.next(frame);
                walk.displayed();
                var tcp = walk.packet().tcp();
                if (tcp == null || tcp.payloadCapturedLength() > 0) {
                    continue;
                }
                for (TcpOption o : tcp.options()) {
                    if (o instanceof TcpOption.Mptcp m && m.option().subtype() == MptcpSubtype.DSS) {
                        option = m;
                        frameNumber = frame.number();
                        TreePrinter printer = new TreePrinter(new ValueFormat());
                        printer.begin();
                        walk.emit(printer);
                        ByteArrayOutputStream text = new ByteArrayOutputStream();
                        printer.end(text);
                        expectedTree = text.toString(StandardCharsets.UTF_8);
                        break;
                    }
                }
            }
        }
        assertNotNull(option, "a DSS segment without payload in " + CAPTURE);
        long n = frameNumber;
        CaptureSession.PacketDetails details = await(onFx(() -> window.selectFrame(n)));
        assertEquals(n, details.number());
        assertEquals(n, onFx(() -> (long) window.table().getSelectionModel().getSelectedItem().number()));

        String shownTree = onFx(() -> {
            StringBuilder sb = new StringBuilder();
            for (TreeItem<DetailNode> layer : window.tree().getRoot().getChildren()) {
                flatten(layer, 0, sb);
            }
            return sb.append('\n').toString();
        });
        assertEquals(expectedTree, shownTree);

        DetailNode mptcp = onFx(() -> window.selectDetail(GuiLauncher.MPTCP_ITEM));
        assertNotNull(mptcp);
        assertTrue(mptcp.label().contains("Data Sequence Signal"), mptcp.label());
        HexPane.Range lit = onFx(() -> window.hex().highlightProperty().get());
        assertEquals(new HexPane.Range(option.offset(), option.offset() + option.length()), lit);
        // The first highlighted byte is the option kind, 30 (0x1e).
        int at = option.offset();
        String line = onFx(() -> window.hex().lineText(at / 16));
        int column = 6 + (at % 16) * 3 + (at % 16 >= 8 ? 1 : 0);
        assertEquals("1e", line.substring(column, column + 2), line);
    }

    private static void flatten(TreeItem<DetailNode> item, int depth, StringBuilder sb) {
        sb.append("    ".repeat(depth)).append(item.getValue().display()).append('\n');
        for (TreeItem<DetailNode> child : item.getChildren()) {
            flatten(child, depth + 1, sb);
        }
    }

    @Test
    void filterBarValidatesAsYouTypeAndShowsWhatTsharkMatches() throws IOException {
        List<String[]> tsv = tshark();
        int subtype = column(tsv, "tcp.options.mptcp.subtype");
        long dss = tsv.stream().skip(1).filter(t -> Arrays.asList(t[subtype].split(",")).contains("2")).count();
        assertTrue(dss > 0);

        String good = "tcp.options.mptcp.subtype == 2";
        assertTrue(onFx(() -> {
            window.filterBar().editor().setText(good);
            return window.filterBar().validProperty().get()
                    && window.filterBar().editor().getStyleClass().contains("filter-valid");
        }));
        int shown = await(onFx(() -> window.filterBar().submit()));
        assertEquals(dss, shown);
        assertEquals(dss, (long) onFx(() -> window.table().getItems().size()));
        assertTrue(onFx(() -> window.table().getItems().stream().allMatch(r -> r.kind() >= 0)));
        assertEquals(List.of(good), onFx(() -> window.filterBar().history()));

        String bad = "tcp.options.mptcp.subtype ==";
        assertFalse(onFx(() -> {
            window.filterBar().editor().setText(bad);
            return window.filterBar().validProperty().get();
        }));
        assertTrue(onFx(() -> window.filterBar().editor().getStyleClass().contains("filter-invalid")));
        assertEquals(-1, await(onFx(() -> window.filterBar().submit())));
        assertEquals(dss, (long) onFx(() -> window.table().getItems().size()), "a bad filter changes nothing");

        // Selecting a frame the filter hides shows every packet again.
        await(onFx(() -> window.selectFrame(1)));
        assertEquals(tsv.size() - 1, (int) onFx(() -> window.table().getItems().size()));
    }

    @Test
    void connectionsViewShowsTheKernelsTokensAndBytesAndFiltersThePacketList() throws IOException {
        var truth = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(FxTestSupport.capture("join-subflow.truth.json").toFile());
        var client = truth.path("client").path("connections").get(0);
        var server = truth.path("server").path("connections").get(0);
        String clientToken = String.format("%08x", client.path("atClose").path("info").path("token").asLong());
        String serverToken = String.format("%08x", server.path("atClose").path("info").path("token").asLong());
        int subflows = client.path("atClose").path("info").path("subflowsTotal").asInt();

        CaptureSession.Connections connections = await(onFx(() -> window.showConnections()));
        assertEquals(1, connections.reports().size());
        List<List<String>> rows = onFx(() -> {
            List<List<String>> shown = new ArrayList<>();
            var view = window.connectionsView();
            for (int r = 0; r < view.getExpandedItemCount(); r++) {
                List<String> cells = new ArrayList<>();
                for (var c : view.getColumns()) {
                    Object v = c.getCellData(r);
                    cells.add(v == null ? "" : v.toString());
                }
                shown.add(cells);
            }
            return shown;
        });
        assertEquals(1 + subflows, rows.size(), rows.toString());
        List<String> connection = rows.get(0);
        assertEquals(clientToken, connection.get(2));
        assertEquals(serverToken, connection.get(3));
        assertEquals(Long.toString(client.path("sent").path("bytes").asLong()), connection.get(6));
        assertEquals(Long.toString(server.path("sent").path("bytes").asLong()), connection.get(7));
        assertEquals("no", connection.get(5));

        // Selecting the connection shows its subflows' packets: tshark's count for those streams.
        List<String[]> tsv = tshark();
        int stream = column(tsv, "tcp.stream");
        List<String> streams = connections.reports().get(0).subflows().stream()
                .map(s -> Integer.toString(s.tcpStream())).toList();
        long expected = tsv.stream().skip(1).filter(t -> streams.contains(t[stream])).count();
        onFx(() -> {
            var view = window.connectionsView();
            view.getSelectionModel().select(view.getRoot().getChildren().get(0));
            return null;
        });
        for (int i = 0; i < 100 && onFx(() -> window.table().getItems().size()) != (int) expected; i++) {
            FxTestSupport.settle();
        }
        assertEquals(expected, (long) onFx(() -> window.table().getItems().size()));
        assertEquals("tcp.stream == 0 || tcp.stream == 1", onFx(() -> window.filterBar().editor().getText()));
    }

    @Test
    void sortingByLengthOrdersRowsAndKeepsFrameOrderForTies() throws IOException {
        checkSortByLength(false);
    }

    /** The same on the worker thread (the path of captures over 100,000 rows), without freezing the window. */
    @Test
    void sortingInTheBackgroundGivesTheSameOrder() throws IOException {
        onFx(() -> {
            window.sortInBackgroundAbove(0);
            return null;
        });
        try {
            checkSortByLength(true);
        } finally {
            onFx(() -> {
                window.sortInBackgroundAbove(100_000);
                return null;
            });
        }
    }

    private static boolean descendingByLength(List<PacketRow> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i - 1).length() < rows.get(i).length()) {
                return false;
            }
        }
        return true;
    }

    private void checkSortByLength(boolean background) throws IOException {
        List<String[]> tsv = tshark();
        int length = column(tsv, "frame.len");
        int max = tsv.stream().skip(1).mapToInt(t -> Integer.parseInt(t[length])).max().orElseThrow();
        List<PacketRow> rows = onFx(() -> {
            TableColumn<PacketRow, ?> c = window.table().getColumns().get(5);
            assertEquals("Length", c.getText());
            c.setSortType(TableColumn.SortType.DESCENDING);
            window.table().getSortOrder().setAll(List.of(c));
            return List.copyOf(window.table().getItems());
        });
        if (background) {
            // Not sorted yet when the FX call returns; sorted once the worker's result is shown.
            for (int i = 0; i < 200 && !descendingByLength(rows); i++) {
                FxTestSupport.settle();
                rows = onFx(() -> List.copyOf(window.table().getItems()));
            }
        }
        assertEquals(tsv.size() - 1, rows.size());
        assertEquals(max, rows.get(0).length());
        for (int i = 1; i < rows.size(); i++) {
            PacketRow a = rows.get(i - 1);
            PacketRow b = rows.get(i);
            assertTrue(a.length() > b.length() || a.length() == b.length() && a.number() < b.number(),
                    a.number() + " before " + b.number());
        }
        List<PacketRow> unsorted = onFx(() -> {
            window.table().getSortOrder().clear();
            return List.copyOf(window.table().getItems());
        });
        for (int i = 0; i < unsorted.size(); i++) {
            assertEquals(i + 1, unsorted.get(i).number());
        }
    }
}
