package org.mptcpinspect.gui;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.SubflowReport;
import org.mptcpinspect.dissector.analysis.mptcp.WaitingSubflow;

/**
 * The MPTCP Connections view: one row per connection (tokens, version, state, fallback, bytes
 * each way), its subflows as children (4-tuple, address IDs, backup, lifetime, end reason). The
 * numbers are the connection tracker's reports, the same as the connections command prints.
 * While a capture runs, subflows first seen after their SYNs that no packet has linked to their
 * connection yet follow, as waiting.
 */
final class ConnectionsView extends TreeTableView<ConnectionsView.Row> {

    /**
     * One line: a connection, one of its subflows, or (while a capture runs) a subflow waiting
     * for a packet that links it to its connection.
     */
    record Row(ConnectionReport connection, SubflowReport subflow, WaitingSubflow waiting, long firstNanos) {
        Row(ConnectionReport connection, SubflowReport subflow, long firstNanos) {
            this(connection, subflow, null, firstNanos);
        }

        boolean isConnection() {
            return subflow == null && waiting == null;
        }

        boolean isWaiting() {
            return waiting != null;
        }
    }

    ConnectionsView() {
        setShowRoot(false);
        getStyleClass().add("connections-view");
        getColumns().setAll(List.of(
                column("Connection / subflow", 430, this::name),
                column("Version", 55, c -> c.version() < 0 ? "?" : "v" + c.version(), s -> "", w -> ""),
                column("Client token", 95, c -> hex8(c.clientToken()), s -> "", w -> ""),
                column("Server token", 95, c -> hex8(c.serverToken()), s -> "", w -> ""),
                column("State", 100, ConnectionReport::state,
                        s -> s.established() ? "established" : "not established", w -> "waiting"),
                column("Fallback", 75, c -> c.fallback() ? "yes: " + c.fallbackReason() : "no", s -> "", w -> ""),
                column("Bytes c→s", 80, r -> r.isConnection() ? Long.toString(r.connection().c2s().bytes())
                        : r.isWaiting() ? "" : Long.toString(r.subflow().initiatedByClient()
                                ? r.subflow().bytesFromInitiator() : r.subflow().bytesFromResponder())),
                column("Bytes s→c", 80, r -> r.isConnection() ? Long.toString(r.connection().s2c().bytes())
                        : r.isWaiting() ? "" : Long.toString(r.subflow().initiatedByClient()
                                ? r.subflow().bytesFromResponder() : r.subflow().bytesFromInitiator())),
                column("Addr IDs", 65, c -> "", s -> s.initiatorAddressId() + " → " + s.responderAddressId(), w -> ""),
                column("Backup", 55, c -> "", s -> s.backup() ? "yes" : "no", w -> ""),
                column("Lifetime (s)", 150, r -> r.isConnection() ? "" : r.isWaiting()
                        ? lifetime(r.waiting().firstNanos(), r.waiting().lastNanos(), r.firstNanos())
                        : lifetime(r.subflow().firstNanos(), r.subflow().lastNanos(), r.firstNanos())),
                column("End", 80, c -> "", SubflowReport::endReason, w -> "")));
    }

    private static String lifetime(long first, long last, long captureStart) {
        return String.format(Locale.ROOT, "%.6f – %.6f", (first - captureStart) / 1e9, (last - captureStart) / 1e9);
    }

    private String name(Row r) {
        if (r.isWaiting()) {
            WaitingSubflow w = r.waiting();
            return "Waiting subflow (tcp.stream " + w.tcpStream() + "): " + w.flow().sourceEndpoint() + " ↔ "
                    + w.flow().destinationEndpoint() + " — first seen after its SYNs; " + w.packets() + " packet"
                    + (w.packets() == 1 ? "" : "s") + " (" + w.bytes() + " bytes) held until a data sequence number"
                    + " links it to its connection";
        }
        if (r.isConnection()) {
            ConnectionReport c = r.connection();
            return "Connection " + c.index() + ": " + c.initialFlow().sourceEndpoint() + " → "
                    + c.initialFlow().destinationEndpoint() + " (" + c.subflows().size() + " subflow"
                    + (c.subflows().size() == 1 ? "" : "s") + ")"
                    + (!c.partial() ? "" : c.subflows().getFirst().initial()
                            ? " — partial: the capture starts inside the MP_CAPABLE handshake"
                            : " — partial: the capture starts mid-connection");
        }
        SubflowReport s = r.subflow();
        return "Subflow " + s.index() + " (tcp.stream " + s.tcpStream() + "): " + s.flow().sourceEndpoint() + " → "
                + s.flow().destinationEndpoint() + (s.join() ? " MP_JOIN" : "");
    }

    private static String hex8(Long token) {
        return token == null ? "" : String.format("%08x", token & 0xffff_ffffL);
    }

    /** A column whose text is by kind of row: a connection's, a subflow's, a waiting subflow's. */
    private static TreeTableColumn<Row, String> column(String title, double width, Function<ConnectionReport, String> connection,
            Function<SubflowReport, String> subflow, Function<WaitingSubflow, String> waiting) {
        return column(title, width, r -> r.isConnection() ? connection.apply(r.connection())
                : r.isWaiting() ? waiting.apply(r.waiting()) : subflow.apply(r.subflow()));
    }

    private static TreeTableColumn<Row, String> column(String title, double width, Function<Row, String> text) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().getValue() == null ? ""
                : text.apply(f.getValue().getValue())));
        return c;
    }

    /** Shows the tracker's reports; {@code firstNanos} is the capture's first timestamp. */
    void show(List<ConnectionReport> reports, long firstNanos) {
        show(reports, List.of(), firstNanos);
    }

    /** Shows the tracker's reports, then the subflows still waiting to be linked (a running capture's). */
    void show(List<ConnectionReport> reports, List<WaitingSubflow> waiting, long firstNanos) {
        TreeItem<Row> root = new TreeItem<>();
        for (ConnectionReport c : reports) {
            TreeItem<Row> item = new TreeItem<>(new Row(c, null, firstNanos));
            for (SubflowReport s : c.subflows()) {
                item.getChildren().add(new TreeItem<>(new Row(c, s, firstNanos)));
            }
            item.setExpanded(true);
            root.getChildren().add(item);
        }
        for (WaitingSubflow w : waiting) {
            root.getChildren().add(new TreeItem<>(new Row(null, null, w, firstNanos)));
        }
        setRoot(root);
    }

    /**
     * Shows newer reports of the same capture (a live capture's refresh): rows change in place and
     * new connections and subflows are added, so what is selected, expanded or scrolled to stays.
     * The tracker never drops a connection or subflow it has reported. Waiting subflows follow the
     * connections, each until it is linked (then it is a subflow of its connection) or the
     * capture ends.
     */
    void update(List<ConnectionReport> reports, List<WaitingSubflow> waiting, long firstNanos) {
        TreeItem<Row> root = getRoot();
        if (root == null) {
            show(reports, waiting, firstNanos);
            return;
        }
        List<TreeItem<Row>> items = root.getChildren();
        for (int i = 0; i < reports.size(); i++) {
            ConnectionReport c = reports.get(i);
            if (i == items.size() || !items.get(i).getValue().isConnection()) {
                TreeItem<Row> item = new TreeItem<>();
                item.setExpanded(true);
                items.add(i, item); // before the waiting subflows
            }
            TreeItem<Row> item = items.get(i);
            set(item, new Row(c, null, firstNanos));
            List<TreeItem<Row>> children = item.getChildren();
            for (int j = 0; j < c.subflows().size(); j++) {
                Row row = new Row(c, c.subflows().get(j), firstNanos);
                if (j == children.size()) {
                    children.add(new TreeItem<>(row));
                } else {
                    set(children.get(j), row);
                }
            }
        }
        // The waiting rows: one linked (or gone) leaves, one still waiting keeps its item (and selection).
        List<TreeItem<Row>> waitingItems = items.subList(reports.size(), items.size());
        waitingItems.removeIf(item -> waiting.stream().noneMatch(w -> w.tcpStream() == item.getValue().waiting().tcpStream()));
        for (int i = 0; i < waiting.size(); i++) {
            Row row = new Row(null, null, waiting.get(i), firstNanos);
            if (i < waitingItems.size()) {
                set(waitingItems.get(i), row);
            } else {
                waitingItems.add(new TreeItem<>(row));
            }
        }
    }

    /** A row's new numbers; unchanged ones are left alone, so their cells are not redrawn. */
    private static void set(TreeItem<Row> item, Row row) {
        if (!row.equals(item.getValue())) {
            item.setValue(row);
        }
    }

    /** The display filter that shows a connection's packets: its subflows' TCP streams. */
    static String filterFor(ConnectionReport c) {
        StringBuilder sb = new StringBuilder();
        for (SubflowReport s : c.subflows()) {
            sb.append(sb.isEmpty() ? "" : " || ").append("tcp.stream == ").append(s.tcpStream());
        }
        return sb.toString();
    }
}
