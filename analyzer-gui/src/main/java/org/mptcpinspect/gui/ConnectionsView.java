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

/**
 * The MPTCP Connections view: one row per connection (tokens, version, state, fallback, bytes
 * each way), its subflows as children (4-tuple, address IDs, backup, lifetime, end reason). The
 * numbers are the connection tracker's reports, the same as the connections command prints.
 */
final class ConnectionsView extends TreeTableView<ConnectionsView.Row> {

    /** One line: a connection, or one of its subflows. */
    record Row(ConnectionReport connection, SubflowReport subflow, long firstNanos) {
        boolean isConnection() {
            return subflow == null;
        }
    }

    ConnectionsView() {
        setShowRoot(false);
        getStyleClass().add("connections-view");
        getColumns().setAll(List.of(
                column("Connection / subflow", 430, this::name),
                column("Version", 55, r -> !r.isConnection() ? ""
                        : r.connection().version() < 0 ? "?" : "v" + r.connection().version()),
                column("Client token", 95, r -> r.isConnection() ? hex8(r.connection().clientToken()) : ""),
                column("Server token", 95, r -> r.isConnection() ? hex8(r.connection().serverToken()) : ""),
                column("State", 100, r -> r.isConnection() ? r.connection().state()
                        : r.subflow().established() ? "established" : "not established"),
                column("Fallback", 75, r -> !r.isConnection() ? ""
                        : r.connection().fallback() ? "yes: " + r.connection().fallbackReason() : "no"),
                column("Bytes c→s", 80, r -> r.isConnection() ? Long.toString(r.connection().c2s().bytes())
                        : Long.toString(r.subflow().initiatedByClient() ? r.subflow().bytesFromInitiator()
                                : r.subflow().bytesFromResponder())),
                column("Bytes s→c", 80, r -> r.isConnection() ? Long.toString(r.connection().s2c().bytes())
                        : Long.toString(r.subflow().initiatedByClient() ? r.subflow().bytesFromResponder()
                                : r.subflow().bytesFromInitiator())),
                column("Addr IDs", 65, r -> r.isConnection() ? ""
                        : r.subflow().initiatorAddressId() + " → " + r.subflow().responderAddressId()),
                column("Backup", 55, r -> r.isConnection() ? "" : r.subflow().backup() ? "yes" : "no"),
                column("Lifetime (s)", 150, r -> r.isConnection() ? "" : String.format(Locale.ROOT, "%.6f – %.6f",
                        (r.subflow().firstNanos() - r.firstNanos()) / 1e9, (r.subflow().lastNanos() - r.firstNanos()) / 1e9)),
                column("End", 80, r -> r.isConnection() ? "" : r.subflow().endReason())));
    }

    private String name(Row r) {
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

    private static TreeTableColumn<Row, String> column(String title, double width, Function<Row, String> text) {
        TreeTableColumn<Row, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().getValue() == null ? ""
                : text.apply(f.getValue().getValue())));
        return c;
    }

    /** Shows the tracker's reports; {@code firstNanos} is the capture's first timestamp. */
    void show(List<ConnectionReport> reports, long firstNanos) {
        TreeItem<Row> root = new TreeItem<>();
        for (ConnectionReport c : reports) {
            TreeItem<Row> item = new TreeItem<>(new Row(c, null, firstNanos));
            for (SubflowReport s : c.subflows()) {
                item.getChildren().add(new TreeItem<>(new Row(c, s, firstNanos)));
            }
            item.setExpanded(true);
            root.getChildren().add(item);
        }
        setRoot(root);
    }

    /**
     * Shows newer reports of the same capture (a live capture's refresh): rows change in place and
     * new connections and subflows are added, so what is selected, expanded or scrolled to stays.
     * The tracker never drops a connection or subflow it has reported.
     */
    void update(List<ConnectionReport> reports, long firstNanos) {
        TreeItem<Row> root = getRoot();
        if (root == null) {
            show(reports, firstNanos);
            return;
        }
        List<TreeItem<Row>> items = root.getChildren();
        for (int i = 0; i < reports.size(); i++) {
            ConnectionReport c = reports.get(i);
            if (i == items.size()) {
                TreeItem<Row> item = new TreeItem<>();
                item.setExpanded(true);
                items.add(item);
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
