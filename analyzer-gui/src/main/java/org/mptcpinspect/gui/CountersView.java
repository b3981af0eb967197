package org.mptcpinspect.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;

/**
 * The Counters view: for a host chosen in a combo box, the MPTcpExt counters its kernel would
 * have counted for the capture's packets, as the counters command prints them (nstat's names,
 * kernel order, zeros hidden unless asked for; only counters a capture determines), with each
 * counter's status (exact or approx) and why.
 */
final class CountersView extends BorderPane {
    /** One counter line. */
    record Row(MptcpCounter counter, long value) {
    }

    private final ComboBox<HostCounters> host = new ComboBox<>();
    private final CheckBox zeros = new CheckBox("Show zeros (nstat -z)");
    private final TableView<Row> table = new TableView<>();
    private final Label info = new Label();
    /** Set while {@link #update} replaces the hosts: the combo box's events are its own. */
    private boolean updating;

    CountersView() {
        getStyleClass().add("counters-view");
        host.setCellFactory(l -> new HostCell());
        host.setButtonCell(new HostCell());
        host.setOnAction(e -> {
            if (!updating) {
                render();
            }
        });
        zeros.setOnAction(e -> render());
        setTop(new ToolBar(new Label("Host"), host, zeros, info));
        table.getColumns().setAll(List.of(
                column("Counter", 300, r -> r.counter().nstatName()),
                column("Value", 110, r -> Long.toString(r.value())),
                column("From the capture", 140, r -> r.counter().derivation().label()),
                column("Why", 700, r -> r.counter().explanation())));
        table.getColumns().get(1).setStyle("-fx-alignment: CENTER-RIGHT;");
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setCenter(table);
    }

    private static final class HostCell extends ListCell<HostCounters> {
        @Override
        protected void updateItem(HostCounters h, boolean empty) {
            super.updateItem(h, empty);
            setText(empty || h == null ? null : h.addressList());
        }
    }

    private static TableColumn<Row, String> column(String title, double width, java.util.function.Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }

    /** Shows the hosts' reports, the first host chosen. */
    void show(List<HostCounters> hosts) {
        host.getItems().setAll(hosts);
        if (!hosts.isEmpty()) {
            host.getSelectionModel().select(0);
        }
        info.setText(hosts.isEmpty() ? "no MPTCP host in this capture" : hosts.size() + " hosts");
        render();
    }

    /**
     * Shows newer counts of the same capture (a live capture's refresh): the chosen host (the one
     * sharing an address with it; hosts merge as subflows link their addresses) stays chosen, and
     * rows change in place, so the table keeps its selection and scroll position. The first time,
     * as {@link #show}.
     */
    void update(List<HostCounters> hosts) {
        HostCounters chosen = host.getValue();
        if (chosen == null) {
            show(hosts);
            return;
        }
        int keep = 0;
        for (int i = 0; i < hosts.size(); i++) {
            if (!java.util.Collections.disjoint(hosts.get(i).addresses(), chosen.addresses())) {
                keep = i;
                break;
            }
        }
        updating = true;
        try {
            host.getItems().setAll(hosts);
            host.getSelectionModel().select(keep);
        } finally {
            updating = false;
        }
        info.setText(hosts.size() + " hosts");
        render();
    }

    /** Forgets the shown counters (another capture was opened). */
    void clear() {
        host.getItems().clear();
        info.setText("");
        render();
    }

    ComboBox<HostCounters> hostChooser() {
        return host;
    }

    CheckBox zeros() {
        return zeros;
    }

    TableView<Row> table() {
        return table;
    }

    private void render() {
        HostCounters h = host.getValue();
        List<Row> rows = new ArrayList<>();
        if (h != null) {
            // The counters command's rule: counters the capture determines for the host, zeros when asked, kernel order.
            for (MptcpCounter c : MptcpCounter.values()) {
                long v = h.values().get(c);
                if (h.reported(c) && (v != 0 || zeros.isSelected())) {
                    rows.add(new Row(c, v));
                }
            }
        }
        // In place where the same counters are listed (a refresh), so the table keeps its
        // selection and scroll position; a counter that appears or goes is inserted or removed.
        javafx.collections.ObservableList<Row> items = table.getItems();
        int i = 0;
        for (Row r : rows) {
            while (i < items.size() && items.get(i).counter().ordinal() < r.counter().ordinal()) {
                items.remove(i);
            }
            if (i < items.size() && items.get(i).counter() == r.counter()) {
                if (items.get(i).value() != r.value()) {
                    items.set(i, r);
                }
            } else {
                items.add(i, r);
            }
            i++;
        }
        items.remove(i, items.size());
    }
}
