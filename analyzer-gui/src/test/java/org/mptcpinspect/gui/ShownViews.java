package org.mptcpinspect.gui;

import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.TreeItem;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.plot.TimelineData;

/**
 * What the MPTCP views of a window show (connections and their subflow rows, every timeline
 * point, each host's counters), or what a capture's passes compute for them: comparable with
 * equals.
 */
record ShownViews(List<ConnectionReport> reports, List<String> subflowRows, long firstNanos,
                  List<List<Point>> timelines, List<HostCounters> hosts) {

    /** One timeline point, every number the plot uses. */
    record Point(long time, long dsn, long frame, int length, int subflow, boolean clientToServer, boolean dataAck,
                 boolean retransmission, boolean reinjection) {
    }

    static List<Point> points(TimelineData d) {
        List<Point> out = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.add(new Point(d.time(i), d.dsn(i), d.frame(i), d.length(i), d.subflow(i), d.clientToServer(i),
                    d.is(i, TimelineData.DATA_ACK), d.is(i, TimelineData.RETRANSMISSION),
                    d.is(i, TimelineData.REINJECTION)));
        }
        return out;
    }

    /** What a capture's passes give the views. */
    static ShownViews of(CaptureSession.Connections c, List<HostCounters> hosts) {
        List<String> rows = new ArrayList<>();
        for (ConnectionReport r : c.reports()) {
            r.subflows().forEach(s -> rows.add(r.index() + "/" + s.index() + " " + s));
        }
        return new ShownViews(c.reports(), rows, c.firstNanos(),
                c.timelines().stream().map(ShownViews::points).toList(), List.copyOf(hosts));
    }

    /**
     * What the window's views show, each looked at in turn as a user would (a view not on screen
     * catches up when its tab is chosen); the tab that was selected is selected again. Call off the
     * FX thread.
     */
    static ShownViews of(AnalyzerWindow window) {
        return onFx(() -> {
            var tabs = (javafx.scene.control.TabPane) window.stage().getScene().lookup(".tab-pane");
            var before = tabs.getSelectionModel().getSelectedItem();
            for (String title : List.of("MPTCP Connections", "Subflow Timeline", "Counters")) {
                tabs.getSelectionModel().select(tabs.getTabs().stream()
                        .filter(t -> t.getText().equals(title)).findFirst().orElseThrow());
            }
            tabs.getSelectionModel().select(before);
            List<ConnectionReport> reports = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            long first = Long.MIN_VALUE;
            TreeItem<ConnectionsView.Row> root = window.connectionsView().getRoot();
            if (root != null) {
                for (TreeItem<ConnectionsView.Row> c : root.getChildren()) {
                    reports.add(c.getValue().connection());
                    first = c.getValue().firstNanos();
                    for (TreeItem<ConnectionsView.Row> s : c.getChildren()) {
                        rows.add(s.getValue().connection().index() + "/" + s.getValue().subflow().index() + " "
                                + s.getValue().subflow());
                    }
                }
            }
            CaptureSession.Connections shown = window.timelineView().connections();
            List<List<Point>> timelines = shown == null ? List.of()
                    : shown.timelines().stream().map(ShownViews::points).toList();
            if (shown != null) {
                first = shown.firstNanos();
            }
            return new ShownViews(reports, rows, first, timelines,
                    List.copyOf(window.countersView().hostChooser().getItems()));
        });
    }

    /** Bytes delivered so far, both ways, over all connections. */
    long bytes() {
        return reports.stream().mapToLong(r -> r.c2s().bytes() + r.s2c().bytes()).sum();
    }
}
