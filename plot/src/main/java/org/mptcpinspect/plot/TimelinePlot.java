package org.mptcpinspect.plot;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionEvent;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.SubflowReport;

/**
 * Lays out one direction of a connection's subflow timeline as a {@link TimelineScene}: data
 * sequence number (relative) against time, a colour per subflow, DATA_ACKs as a grey line,
 * retransmissions and reinjections marked, path-management events as dashed markers, subflow
 * lifetimes as bars above the plot. Points are reduced to one span per subflow and pixel column,
 * so the scene stays small however many packets there are.
 */
public final class TimelinePlot {
    public static final String[] SUBFLOW_COLOURS = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#7f7f7f"};
    public static final String ACK_COLOUR = "#888888";
    public static final String RETRANSMISSION_COLOUR = "#d62728";
    public static final String REINJECTION_COLOUR = "#ff7f0e";
    public static final Set<ConnectionEvent.Type> MARKED = EnumSet.of(ConnectionEvent.Type.ADD_ADDR,
            ConnectionEvent.Type.ADD_ADDR_ECHO, ConnectionEvent.Type.REMOVE_ADDR, ConnectionEvent.Type.MP_PRIO,
            ConnectionEvent.Type.MP_FAIL, ConnectionEvent.Type.MP_FASTCLOSE, ConnectionEvent.Type.MP_TCPRST,
            ConnectionEvent.Type.FALLBACK, ConnectionEvent.Type.INFINITE_MAPPING, ConnectionEvent.Type.DATA_FIN);

    private static final double LEFT = 110;
    private static final double RIGHT = 20;
    private static final double BOTTOM = 56;
    private static final double BAR = 14;

    /** The visible range: seconds since the capture's first frame, and relative DSNs. */
    public record Viewport(double t0, double t1, double y0, double y1) {
        public Viewport {
            if (!(t1 > t0)) {
                t1 = t0 + 1e-3;
            }
            if (!(y1 > y0)) {
                y1 = y0 + 1;
            }
        }

        /** Zoomed by {@code factor} (below 1: in) around the point (t, y). */
        public Viewport zoom(double factor, double t, double y) {
            return new Viewport(t - (t - t0) * factor, t + (t1 - t) * factor, y - (y - y0) * factor,
                    y + (y1 - y) * factor);
        }

        /** Moved by (dt, dy). */
        public Viewport pan(double dt, double dy) {
            return new Viewport(t0 + dt, t1 + dt, y0 + dy, y1 + dy);
        }
    }

    private final ConnectionReport connection;
    private final TimelineData data;
    private final long firstNanos;

    /** @param firstNanos the capture's first timestamp (the subflow reports' times are absolute) */
    public TimelinePlot(ConnectionReport connection, TimelineData data, long firstNanos) {
        this.connection = connection;
        this.data = data;
        this.firstNanos = firstNanos;
    }

    public ConnectionReport connection() {
        return connection;
    }

    public TimelineData data() {
        return data;
    }

    /** Everything: the connection's lifetime and the direction's whole data sequence range. */
    public Viewport full(boolean clientToServer) {
        double t0 = Double.MAX_VALUE;
        double t1 = -Double.MAX_VALUE;
        for (SubflowReport s : connection.subflows()) {
            t0 = Math.min(t0, seconds(s.firstNanos()));
            t1 = Math.max(t1, seconds(s.lastNanos()));
        }
        if (t0 > t1) {
            t0 = 0;
            t1 = 1;
        }
        double pad = (t1 - t0) * 0.02;
        Viewport fitted = window(clientToServer, -Double.MAX_VALUE, Double.MAX_VALUE);
        return new Viewport(Math.max(0, t0 - pad), t1 + pad, 0, fitted.y1());
    }

    /**
     * Seconds {@code t0} to {@code t1} (since the capture's first frame), the data sequence range
     * fitted to what the direction sent or acknowledged then, so a zoom in time shows its detail.
     */
    public Viewport window(boolean clientToServer, double t0, double t1) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        for (int i = 0; i < data.size(); i++) {
            double t = data.time(i) / 1e9;
            if (data.clientToServer(i) == clientToServer && t >= t0 && t <= t1) {
                low = Math.min(low, data.dsn(i));
                high = Math.max(high, data.dsn(i) + data.length(i));
            }
        }
        if (t0 == -Double.MAX_VALUE) { // the whole range, from 0 (for full)
            return new Viewport(0, 1, 0, Math.max(1, high) * 1.03);
        }
        if (low > high) {
            return new Viewport(t0, t1, 0, 1);
        }
        double pad = Math.max(1, (high - low) * 0.03);
        return new Viewport(t0, t1, Math.max(0, low - pad), high + pad);
    }

    private double seconds(long absoluteNanos) {
        return (absoluteNanos - firstNanos) / 1e9;
    }

    public static String subflowColour(int subflow) {
        return SUBFLOW_COLOURS[Math.floorMod(subflow, SUBFLOW_COLOURS.length)];
    }

    /** Top of the plot area: title, one bar per subflow, the event band. */
    private double top() {
        return 26 + connection.subflows().size() * BAR + 22;
    }

    /** The time at pixel x and the DSN at pixel y, for zooming around the mouse. */
    public double timeAt(Viewport v, double width, double x) {
        return v.t0() + (x - LEFT) / (width - LEFT - RIGHT) * (v.t1() - v.t0());
    }

    public double dsnAt(Viewport v, double height, double y) {
        double py1 = height - BOTTOM;
        return v.y0() + (py1 - y) / (py1 - top()) * (v.y1() - v.y0());
    }

    /** Seconds and DSN units per pixel, for panning by a mouse drag. */
    public double secondsPerPixel(Viewport v, double width) {
        return (v.t1() - v.t0()) / (width - LEFT - RIGHT);
    }

    public double dsnPerPixel(Viewport v, double height) {
        return (v.y1() - v.y0()) / (height - BOTTOM - top());
    }

    /** The plot area in pixels and the scales of a viewport on a drawing area. */
    private record Area(double px0, double px1, double py0, double py1, double xs, double ys) {
        int columns() {
            return (int) Math.ceil(px1 - px0) + 1;
        }

        /** The pixel column of a time (seconds), counted from the plot's left edge. */
        int column(Viewport v, double t) {
            return (int) ((t - v.t0()) * xs);
        }

        double y(Viewport v, double dsn) {
            return py1 - (dsn - v.y0()) * ys;
        }
    }

    private Area area(Viewport v, double width, double height) {
        double px1 = Math.max(LEFT + 10, width - RIGHT);
        double py0 = top();
        double py1 = Math.max(py0 + 10, height - BOTTOM);
        return new Area(LEFT, px1, py0, py1, (px1 - LEFT) / (v.t1() - v.t0()), (py1 - py0) / (v.y1() - v.y0()));
    }

    /** Where point {@code i} is drawn: the middle of its column and of its DSN span, in pixels. */
    public double[] pixelOf(int i, Viewport v, double width, double height) {
        Area a = area(v, width, height);
        double mid = data.dsn(i) + data.length(i) / 2.0;
        return new double[] {a.px0() + a.column(v, data.time(i) / 1e9) + 0.5, a.y(v, mid)};
    }

    /** Where an event's marker is drawn: its line's x and the middle of its label band. */
    public double[] pixelOf(ConnectionEvent e, Viewport v, double width, double height) {
        Area a = area(v, width, height);
        return new double[] {a.px0() + (seconds(e.timeNanos()) - v.t0()) * a.xs(), a.py0() - 12};
    }

    /** Whether point {@code i} is in the plotted direction and the viewport's time range. */
    private boolean shown(int i, boolean clientToServer, Viewport v) {
        double t = data.time(i) / 1e9;
        return data.clientToServer(i) == clientToServer && t >= v.t0() && t <= v.t1();
    }

    /** How near (pixels) a click must be to a point or marker to pick it. */
    public static final double PICK_RADIUS = 5;

    /**
     * The frame of what is drawn at pixel (x, y) in direction {@code clientToServer}: the nearest
     * data segment or DATA_ACK within {@link #PICK_RADIUS} (the earliest frame when several are as
     * near, as a reduced span starts with its first frame), else the event marker whose dashed
     * line is that near; 0 when nothing is there.
     */
    public long frameAt(boolean clientToServer, Viewport v, double width, double height, double x, double y) {
        Area a = area(v, width, height);
        long best = 0;
        double bestDistance = PICK_RADIUS;
        for (int i = 0; i < data.size(); i++) {
            if (!shown(i, clientToServer, v)) {
                continue;
            }
            double t = data.time(i) / 1e9;
            double dx = Math.abs(a.px0() + a.column(v, t) + 0.5 - x);
            if (dx > bestDistance) {
                continue;
            }
            double top = a.y(v, data.dsn(i) + data.length(i));
            double bottom = a.y(v, data.dsn(i));
            double dy = y > bottom ? y - bottom : y < top ? top - y : 0;
            double distance = Math.hypot(dx, dy);
            if (distance < bestDistance || distance == bestDistance && best != 0 && data.frame(i) < best) {
                bestDistance = distance;
                best = data.frame(i);
            }
        }
        if (best != 0) {
            return best;
        }
        for (ConnectionEvent e : markedEvents()) {
            if (e.type() == ConnectionEvent.Type.DATA_FIN && e.fromClient() != clientToServer) {
                continue;
            }
            double ex = a.px0() + (seconds(e.timeNanos()) - v.t0()) * a.xs();
            if (Math.abs(ex - x) <= PICK_RADIUS && y >= a.py0() - 18 && y <= a.py1()) {
                return e.frame();
            }
        }
        return 0;
    }

    /** The scene for one direction in viewport {@code v} on a {@code width} x {@code height} area. */
    public TimelineScene scene(boolean clientToServer, Viewport v, double width, double height) {
        TimelineScene.Builder b = new TimelineScene.Builder(width, height);
        Area area = area(v, width, height);
        double px0 = area.px0();
        double px1 = area.px1();
        double py0 = area.py0();
        double py1 = area.py1();
        int columns = area.columns();
        double xs = area.xs();
        double ys = area.ys();

        b.add(new TimelineScene.Text(8, 17, "Connection " + connection.index() + " ("
                + (clientToServer ? "client → server" : "server → client")
                + "): data sequence number (relative) against time", "#000000", 13, "start"));

        // Subflow lifetimes.
        // One bar per subflow in the report's order (first packet), coloured by its number.
        int row = 0;
        for (SubflowReport s : connection.subflows()) {
            double y = 26 + row++ * BAR;
            double a = clamp(px0 + (seconds(s.firstNanos()) - v.t0()) * xs, px0, px1);
            double e = clamp(px0 + (seconds(s.lastNanos()) - v.t0()) * xs, px0, px1);
            b.add(new TimelineScene.Text(px0 - 6, y + 10, "subflow " + s.index() + ", stream " + s.tcpStream(),
                    subflowColour(s.index()), 10, "end"));
            if (e > a || e == a && a > px0 && a < px1) {
                b.add(new TimelineScene.Rect(a, y + 2, Math.max(1, e - a), BAR - 4, subflowColour(s.index()), null));
            }
        }

        // The plot frame, grid and axes.
        b.add(new TimelineScene.Rect(px0, py0, px1 - px0, py1 - py0, null, "#000000"));
        double tStep = step(v.t1() - v.t0(), (px1 - px0) / 90);
        for (double t = Math.ceil(v.t0() / tStep) * tStep; t <= v.t1(); t += tStep) {
            double x = px0 + (t - v.t0()) * xs;
            b.add(new TimelineScene.Line(x, py0, x, py1, "#eeeeee", 1, 0));
            b.add(new TimelineScene.Line(x, py1, x, py1 + 4, "#000000", 1, 0));
            b.add(new TimelineScene.Text(x, py1 + 16, format(t, tStep), "#000000", 10, "middle"));
        }
        b.add(new TimelineScene.Text((px0 + px1) / 2, py1 + 30, "time (s)", "#000000", 11, "middle"));
        double yStep = step(v.y1() - v.y0(), (py1 - py0) / 40);
        for (double d = Math.ceil(v.y0() / yStep) * yStep; d <= v.y1(); d += yStep) {
            double y = py1 - (d - v.y0()) * ys;
            b.add(new TimelineScene.Line(px0, y, px1, y, "#eeeeee", 1, 0));
            b.add(new TimelineScene.Line(px0 - 4, y, px0, y, "#000000", 1, 0));
            b.add(new TimelineScene.Text(px0 - 6, y + 4, format(d, yStep), "#000000", 10, "end"));
        }

        // Events: one marker per type and pixel column.
        java.util.BitSet eventColumns = new java.util.BitSet();
        for (ConnectionEvent e : connection.events()) {
            // A DATA_FIN ends one direction: only the plotted direction's is marked.
            if (!MARKED.contains(e.type())
                    || e.type() == ConnectionEvent.Type.DATA_FIN && e.fromClient() != clientToServer) {
                continue;
            }
            double x = px0 + (seconds(e.timeNanos()) - v.t0()) * xs;
            if (x < px0 || x > px1) {
                continue;
            }
            int key = (int) (x - px0) * ConnectionEvent.Type.values().length + e.type().ordinal();
            if (eventColumns.get(key)) {
                continue;
            }
            eventColumns.set(key);
            String colour = eventColour(e.type());
            b.add(new TimelineScene.Line(x, py0 - 18, x, py1, colour, 1, 4));
            b.add(new TimelineScene.Text(x + 2, py0 - 8, eventLabel(e), colour, 10, "start"));
        }

        // Data segments and DATA_ACKs, reduced per subflow and pixel column.
        int subflows = Math.max(1, connection.subflows().size());
        double[] low = new double[subflows * columns];
        double[] high = new double[subflows * columns];
        java.util.Arrays.fill(low, Double.NaN);
        double[] ack = new double[columns];
        java.util.Arrays.fill(ack, Double.NaN);
        java.util.BitSet retransmitted = new java.util.BitSet();
        java.util.BitSet reinjected = new java.util.BitSet();
        double[] markY = new double[subflows * columns * 2];
        for (int i = 0; i < data.size(); i++) {
            if (!shown(i, clientToServer, v)) {
                continue;
            }
            double t = data.time(i) / 1e9;
            int c = area.column(v, t);
            double d = data.dsn(i);
            if (data.is(i, TimelineData.DATA_ACK)) {
                ack[c] = Double.isNaN(ack[c]) ? d : Math.max(ack[c], d);
                continue;
            }
            double e = d + data.length(i);
            if (e < v.y0() || d > v.y1()) {
                continue;
            }
            int sf = Math.min(data.subflow(i), subflows - 1);
            int k = sf * columns + c;
            if (Double.isNaN(low[k])) {
                low[k] = d;
                high[k] = e;
            } else {
                low[k] = Math.min(low[k], d);
                high[k] = Math.max(high[k], e);
            }
            if (data.is(i, TimelineData.RETRANSMISSION) && !retransmitted.get(k)) {
                retransmitted.set(k);
                markY[2 * k] = d;
            }
            if (data.is(i, TimelineData.REINJECTION) && !reinjected.get(k)) {
                reinjected.set(k);
                markY[2 * k + 1] = d;
            }
        }
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int c = 0; c < columns; c++) {
            if (Double.isNaN(ack[c]) || ack[c] < v.y0() || ack[c] > v.y1()) {
                continue;
            }
            double x = px0 + c;
            double y = py1 - (ack[c] - v.y0()) * ys;
            if (!Double.isNaN(lastX)) {
                // A step: the acknowledged DSN holds until the next DATA_ACK.
                b.add(new TimelineScene.Line(lastX, lastY, x, lastY, ACK_COLOUR, 1, 0));
                b.add(new TimelineScene.Line(x, lastY, x, y, ACK_COLOUR, 1, 0));
            }
            lastX = x;
            lastY = y;
        }
        // Where subflows share a column, the one drawn last covers the others: the order turns
        // with the column, so subflows that carry data at the same time show as stripes.
        for (int c = 0; c < columns; c++) {
            for (int j = 0; j < subflows; j++) {
                int sf = (c + j) % subflows;
                String colour = subflowColour(sf);
                int k = sf * columns + c;
                if (Double.isNaN(low[k])) {
                    continue;
                }
                double x = px0 + c + 0.5;
                double ya = py1 - (Math.max(low[k], v.y0()) - v.y0()) * ys;
                double yb = py1 - (Math.min(high[k], v.y1()) - v.y0()) * ys;
                b.add(new TimelineScene.Line(x, ya + 1, x, Math.min(yb, ya - 1), colour, 2, 0));
            }
        }
        for (int k = retransmitted.nextSetBit(0); k >= 0; k = retransmitted.nextSetBit(k + 1)) {
            b.add(new TimelineScene.Circle(px0 + k % columns + 0.5, py1 - (markY[2 * k] - v.y0()) * ys, 4, null,
                    RETRANSMISSION_COLOUR));
        }
        for (int k = reinjected.nextSetBit(0); k >= 0; k = reinjected.nextSetBit(k + 1)) {
            double x = px0 + k % columns + 0.5;
            double y = py1 - (markY[2 * k + 1] - v.y0()) * ys;
            b.add(new TimelineScene.Rect(x - 3, y - 3, 6, 6, REINJECTION_COLOUR, "#000000"));
        }

        legend(b, px0, height - 12);
        return b.build();
    }

    private void legend(TimelineScene.Builder b, double x, double y) {
        double at = x;
        for (SubflowReport s : connection.subflows()) {
            b.add(new TimelineScene.Line(at, y - 4, at + 14, y - 4, subflowColour(s.index()), 3, 0));
            b.add(new TimelineScene.Text(at + 18, y, "subflow " + s.index(), "#000000", 10, "start"));
            at += 80;
        }
        b.add(new TimelineScene.Line(at, y - 4, at + 14, y - 4, ACK_COLOUR, 1, 0));
        b.add(new TimelineScene.Text(at + 18, y, "DATA_ACK", "#000000", 10, "start"));
        at += 80;
        b.add(new TimelineScene.Circle(at + 6, y - 4, 4, null, RETRANSMISSION_COLOUR));
        b.add(new TimelineScene.Text(at + 14, y, "TCP retransmission", "#000000", 10, "start"));
        at += 120;
        b.add(new TimelineScene.Rect(at + 3, y - 7, 6, 6, REINJECTION_COLOUR, "#000000"));
        b.add(new TimelineScene.Text(at + 14, y, "reinjection", "#000000", 10, "start"));
    }

    public static String eventColour(ConnectionEvent.Type type) {
        return switch (type) {
            case ADD_ADDR, ADD_ADDR_ECHO -> "#2a9d2a";
            case REMOVE_ADDR -> "#b03030";
            case MP_PRIO -> "#8040c0";
            case DATA_FIN -> "#404040";
            default -> "#e00000";
        };
    }

    private static String eventLabel(ConnectionEvent e) {
        String name = e.type().name();
        return e.value() >= 0 && e.type() != ConnectionEvent.Type.DATA_FIN ? name + " " + e.value() : name;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A round tick step (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks. */
    public static double step(double range, double ticks) {
        double raw = range / Math.max(1, ticks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    private static String format(double v, double step) {
        if (step >= 1) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        int digits = (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Events the plot marks, for the tests. */
    public List<ConnectionEvent> markedEvents() {
        return connection.events().stream().filter(e -> MARKED.contains(e.type())).toList();
    }
}
