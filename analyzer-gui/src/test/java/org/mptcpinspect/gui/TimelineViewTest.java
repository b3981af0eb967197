package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionEvent;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldsOptions;
import org.mptcpinspect.dissector.fields.MptcpAnalysisFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.ValueFormat;
import org.w3c.dom.Document;
import org.mptcpinspect.plot.TimelineData;
import org.mptcpinspect.plot.TimelinePlot;
import org.mptcpinspect.plot.TimelineScene;

/**
 * The subflow timeline in the real window: its points are the DSNs read -T fields shows
 * (mptcp.dsn, mptcp.reinjection_of), events are the tracker's, wheel and drag zoom and pan,
 * and the PNG and SVG exports are the scene on screen.
 */
class TimelineViewTest extends WindowFixture {
    private TimelinePlot open(String capture, int connection) {
        openWindow(FxTestSupport.capture(capture));
        TimelinePlot plot = await(onFx(() -> window.showTimeline(connection)));
        FxTestSupport.settle();
        return plot;
    }

    /** Per frame: mptcp.dsn and whether mptcp.reinjection_of is present, from the read walk. */
    private static Map<Long, String[]> readFields(String capture) throws Exception {
        Map<Long, String[]> fields = new HashMap<>();
        FieldCollector c = new FieldCollector(List.of(MptcpAnalysisFields.DSN, MptcpAnalysisFields.REINJECTION_OF,
                MptcpAnalysisFields.STREAM), FieldsOptions.DEFAULT, new ValueFormat(), FieldRegistry.standard().idLimit());
        try (PcapFileReader reader = CaptureFiles.open(FxTestSupport.capture(capture))) {
            PacketEmitter walk = new PacketEmitter(false, true);
            RawFrame frame;
            while ((frame = reader.next()) != null) {
                walk.next(frame);
                c.reset();
                walk.emit(c);
                fields.put(frame.number(), new String[] {
                    c.occurrences(0) > 0 ? c.value(0, 0) : "", c.occurrences(1) > 0 ? "y" : "",
                    c.occurrences(2) > 0 ? c.value(2, 0) : ""});
            }
        }
        return fields;
    }

    @Test
    void pointsAreTheTrackersDsnsWithReinjectionsMarked() throws Exception {
        TimelinePlot plot = open("loss-reinjection.pcap", 0);
        Map<Long, String[]> read = readFields("loss-reinjection.pcap");
        TimelineData data = plot.data();
        int segments = 0;
        int reinjections = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.is(i, TimelineData.DATA_ACK)) {
                continue;
            }
            segments++;
            String[] f = read.get(data.frame(i));
            assertEquals("0", f[2], "frame " + data.frame(i) + " is connection 0's");
            assertEquals(f[0], Long.toString(data.dsn(i)), "mptcp.dsn of frame " + data.frame(i));
            assertEquals(!f[1].isEmpty(), data.is(i, TimelineData.REINJECTION), "reinjection of frame " + data.frame(i));
            reinjections += data.is(i, TimelineData.REINJECTION) ? 1 : 0;
        }
        long withDsn = read.values().stream().filter(f -> "0".equals(f[2]) && !f[0].isEmpty()).count();
        assertTrue(segments > 100 && segments <= withDsn, segments + " of " + withDsn);
        assertTrue(reinjections > 0);

        TimelineScene scene = onFx(() -> window.timelineView().scene());
        long marks = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Rect r
                && TimelinePlot.REINJECTION_COLOUR.equals(r.fill()) && r.w() == 6).count();
        assertTrue(marks > 1, "reinjection markers, legend included: " + marks);
        // One span per subflow and pixel column at most, whatever the packet count.
        double width = onFx(() -> window.timelineView().canvas().getWidth());
        long spans = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Line l && l.width() == 2).count();
        assertTrue(spans <= plot.connection().subflows().size() * (long) Math.ceil(width), spans + " spans");
    }

    @Test
    void wheelZoomsAroundThePointerAndDragPans() {
        open("loss-reinjection.pcap", 0);
        TimelinePlot.Viewport before = onFx(() -> window.timelineView().viewport());
        onFx(() -> {
            var canvas = window.timelineView().canvas();
            double x = canvas.getWidth() / 2;
            double y = canvas.getHeight() / 2;
            canvas.fireEvent(new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false,
                    0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            return null;
        });
        TimelinePlot.Viewport zoomed = onFx(() -> window.timelineView().viewport());
        assertEquals(0.8, (zoomed.t1() - zoomed.t0()) / (before.t1() - before.t0()), 1e-9);
        assertTrue(zoomed.t0() > before.t0() && zoomed.t1() < before.t1());

        onFx(() -> {
            var canvas = window.timelineView().canvas();
            canvas.fireEvent(mouse(MouseEvent.MOUSE_PRESSED, 400, 300));
            canvas.fireEvent(mouse(MouseEvent.MOUSE_DRAGGED, 300, 300));
            return null;
        });
        TimelinePlot.Viewport panned = onFx(() -> window.timelineView().viewport());
        assertTrue(panned.t0() > zoomed.t0(), "dragging left shows later times");
        assertEquals(zoomed.t1() - zoomed.t0(), panned.t1() - panned.t0(), 1e-9);
        assertEquals(zoomed.y0(), panned.y0(), 1e-9);
    }

    /** Clicks the timeline canvas at its (x, y) and waits until the packet list shows a frame (0: none). */
    private long clickAndWait(double x, double y) {
        onFx(() -> {
            var canvas = window.timelineView().canvas();
            // A fired event's coordinates are the scene's; the canvas sees them as its own.
            var scene = canvas.localToScene(x, y);
            canvas.fireEvent(mouse(MouseEvent.MOUSE_CLICKED, scene.getX(), scene.getY()));
            return null;
        });
        for (int i = 0; i < 100; i++) {
            Long shown = onFx(() -> window.shownProperty().get() == null ? null : window.shownProperty().get().number());
            if (shown != null) {
                return shown;
            }
            FxTestSupport.settle();
        }
        return 0;
    }

    @Test
    void clickingAPointSelectsItsFrameInThePacketList() {
        TimelinePlot plot = open("loss-reinjection.pcap", 0);
        TimelineData data = plot.data();
        boolean c2s = onFx(() -> window.timelineView().clientToServer());
        int chosen = -1;
        for (int i = 0; i < data.size() && chosen < 0; i++) {
            if (data.clientToServer(i) == c2s && data.is(i, TimelineData.REINJECTION)) {
                chosen = i;
            }
        }
        assertTrue(chosen >= 0, "a reinjected segment in the shown direction");
        int point = chosen;
        // Zoomed onto the point (a microsecond each side) so that no other point shares its pixels.
        double t = data.time(point) / 1e9;
        double[] xy = onFx(() -> {
            window.timelineView().setViewport(new TimelinePlot.Viewport(t - 1e-6, t + 1e-6,
                    data.dsn(point) - 10, data.dsn(point) + data.length(point) + 10));
            var canvas = window.timelineView().canvas();
            return plot.pixelOf(point, window.timelineView().viewport(), canvas.getWidth(), canvas.getHeight());
        });
        // A click on empty plot (the far left, below the point) picks nothing.
        double[] empty = {xy[0] - 200, xy[1]};
        assertEquals(0, onFx(() -> plot.frameAt(c2s, window.timelineView().viewport(),
                window.timelineView().canvas().getWidth(), window.timelineView().canvas().getHeight(), empty[0],
                empty[1])));
        assertEquals(data.frame(point), clickAndWait(xy[0] + 2, xy[1] + 1), "the clicked point's frame");
        assertTrue(onFx(() -> window.packetsShown()), "the packet list is shown");
        assertEquals(data.frame(point), (long) onFx(() -> window.table().getSelectionModel().getSelectedItem().number()));
        // Its detail is the reinjection the point marks.
        assertTrue(onFx(() -> window.selectDetail("Reinjection of")) != null, "reinjection in the detail tree");
    }

    @Test
    void clickingAnEventMarkerSelectsItsFrame() {
        TimelinePlot plot = open("add-addr-signal.pcap", 0);
        ConnectionEvent addAddr = plot.markedEvents().stream()
                .filter(e -> e.type() == ConnectionEvent.Type.ADD_ADDR).findFirst().orElseThrow();
        double[] xy = onFx(() -> {
            var canvas = window.timelineView().canvas();
            return plot.pixelOf(addAddr, window.timelineView().viewport(), canvas.getWidth(), canvas.getHeight());
        });
        long frame = clickAndWait(xy[0] + 1, xy[1]);
        assertTrue(frame > 0, "a frame was selected");
        // Above the plot, where the marker's label is, there are no data points: the marker's frame.
        assertEquals(addAddr.frame(), frame, "ADD_ADDR's frame");
        assertTrue(onFx(() -> window.packetsShown()), "the packet list is shown");
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                true, false, true, null);
    }

    @Test
    void pngAndSvgExportsAreTheSceneOnScreen() throws Exception {
        open("loss-reinjection.pcap", 0);
        Path svg = temp.resolve("t.svg");
        Path png = temp.resolve("t.png");
        TimelineScene scene = onFx(() -> {
            try {
                window.timelineView().export(svg);
                window.timelineView().export(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return window.timelineView().scene();
        });
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        long lines = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Line).count();
        long rects = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Rect).count();
        long circles = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Circle).count();
        long texts = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Text).count();
        assertEquals(lines, doc.getElementsByTagName("line").getLength());
        assertEquals(rects + 1, doc.getElementsByTagName("rect").getLength(), "the shapes and the background");
        assertEquals(circles, doc.getElementsByTagName("circle").getLength());
        assertEquals(texts, doc.getElementsByTagName("text").getLength());
        assertEquals((int) scene.width(), Integer.parseInt(doc.getDocumentElement().getAttribute("width")
                .replace(".0", "")));

        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((int) scene.width(), image.getWidth());
        assertEquals((int) scene.height(), image.getHeight());
        // Subflow 0's colour is on the image, as in the SVG.
        int rgb = Integer.parseInt(TimelinePlot.subflowColour(0).substring(1), 16);
        int found = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                found += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        assertTrue(found > 100, "subflow colour pixels: " + found);
    }

    @Test
    void pathManagementEventsAreMarkers() {
        TimelinePlot plot = open("add-addr-signal.pcap", 0);
        List<ConnectionEvent> marked = plot.markedEvents();
        assertTrue(marked.stream().anyMatch(e -> e.type() == ConnectionEvent.Type.ADD_ADDR), marked.toString());
        TimelineScene scene = onFx(() -> window.timelineView().scene());
        for (ConnectionEvent e : marked) {
            assertTrue(scene.shapes().stream().anyMatch(s -> s instanceof TimelineScene.Text t
                    && t.text().startsWith(e.type().name())), "marker for " + e);
        }
        long dashed = scene.shapes().stream().filter(s -> s instanceof TimelineScene.Line l && l.dash() > 0).count();
        assertTrue(dashed >= 1 && dashed <= marked.size(), dashed + " of " + marked.size());
        // Subflow lifetime bars: one per subflow.
        for (var s : plot.connection().subflows()) {
            assertTrue(scene.shapes().stream().anyMatch(x -> x instanceof TimelineScene.Rect r
                    && TimelinePlot.subflowColour(s.index()).equals(r.fill()) && r.h() == 10), "bar of " + s);
        }
        assertFalse(plot.data().size() == 0);
    }
}
