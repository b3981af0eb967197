package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TreePrinter;
import org.mptcpinspect.dissector.fields.ValueFormat;

/**
 * The detail tree's MPTCP analysis on a kernel capture with reinjections: the same tree as
 * read -V (stream index, DSNs, related mapping, reinjection, experts), frame links that jump to
 * the frame they name when clicked, expert items coloured by severity.
 */
class MptcpDetailTest extends WindowFixture {
    private static final String CAPTURE = "loss-reinjection.pcap";
    private static final Pattern REINJECTION = Pattern.compile("\\[Reinjection of: (\\d+)]");

    @BeforeEach
    void open() {
        openWindow(FxTestSupport.capture(CAPTURE));
    }

    /** read -V's tree of the first reinjected segment: frame number, tree text, the original frame. */
    private record Reinjected(long frame, String tree, long original) {
    }

    private static Reinjected firstReinjection() throws Exception {
        try (PcapFileReader reader = CaptureFiles.open(FxTestSupport.capture(CAPTURE))) {
            PacketEmitter walk = new PacketEmitter(false, true);
            RawFrame frame;
            while ((frame = reader.next()) != null) {
                walk.next(frame);
                walk.displayed();
                TreePrinter printer = new TreePrinter(new ValueFormat());
                printer.begin();
                walk.emit(printer);
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                printer.end(text);
                String tree = text.toString(StandardCharsets.UTF_8);
                Matcher m = REINJECTION.matcher(tree);
                if (m.find()) {
                    return new Reinjected(frame.number(), tree, Long.parseLong(m.group(1)));
                }
            }
        }
        throw new AssertionError("no reinjected segment in " + CAPTURE);
    }

    @Test
    void treeShowsTheTrackersAnalysisAndReinjectionLinksJumpToTheOriginalFrame() throws Exception {
        Reinjected r = firstReinjection();
        assertTrue(r.tree().contains("[MPTCP analysis]"), r.tree());
        assertTrue(r.original() < r.frame());

        await(onFx(() -> window.selectFrame(r.frame())));
        String shown = onFx(() -> {
            StringBuilder sb = new StringBuilder();
            for (TreeItem<DetailNode> layer : window.tree().getRoot().getChildren()) {
                flatten(layer, 0, sb);
            }
            return sb.toString();
        });
        // Up to the payload's Data layer, which -V prints as a hex dump and the GUI as its bytes pane.
        String expected = r.tree().substring(0, r.tree().indexOf("\nData (") + 1);
        assertEquals(expected, shown.substring(0, shown.indexOf("\nData (") + 1));

        DetailNode link = onFx(() -> window.selectDetail("Reinjection of"));
        assertNotNull(link);
        assertEquals(r.original(), link.linkFrame());
        DetailNode related = onFx(() -> window.selectDetail("Related mapping"));
        assertTrue(related.linkFrame() > 0 && related.linkFrame() <= r.frame(), related.toString());
        DetailNode stream = onFx(() -> window.selectDetail("Stream index"));
        assertEquals(0, stream.linkFrame(), "tcp.stream is no frame number");

        // Click the link as a user would: the packet list jumps to the original segment.
        onFx(() -> window.selectDetail("Reinjection of"));
        FxTestSupport.settle();
        var jumped = new java.util.concurrent.CompletableFuture<Long>();
        onFx(() -> {
            window.shownProperty().addListener((obs, old, d) -> {
                if (d != null && d.number() == r.original()) {
                    jumped.complete(d.number());
                }
            });
            TreeCell<?> cell = window.tree().lookupAll(".tree-cell").stream()
                    .map(n -> (TreeCell<?>) n)
                    .filter(c -> c.getItem() instanceof DetailNode d && d.linkFrame() == r.original())
                    .findFirst().orElseThrow(() -> new AssertionError("link cell not on screen"));
            assertTrue(cell.getStyleClass().contains("frame-link"), cell.getStyleClass().toString());
            cell.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, true, false, true, null));
            return null;
        });
        assertEquals(r.original(), await(jumped));
        assertEquals(r.original(), (long) onFx(() -> window.table().getSelectionModel().getSelectedItem().number()));
    }

    @Test
    void expertItemsCarryTheirSeverity() throws Exception {
        Reinjected r = firstReinjection();
        await(onFx(() -> window.selectFrame(r.frame())));
        DetailNode expert = onFx(() -> window.selectDetail("Expert Info"));
        assertNotNull(expert, "the reinjected segment has expert info");
        assertNotNull(expert.severity());
        assertTrue(expert.label().startsWith("Expert Info (" + expert.severity().label() + "/"), expert.label());
        FxTestSupport.settle();
        boolean coloured = onFx(() -> window.tree().lookupAll(".tree-cell").stream()
                .anyMatch(n -> ((TreeCell<?>) n).getItem() == expert
                        && n.getStyleClass().contains(AnalyzerWindow.expertStyle(expert.severity()))));
        assertTrue(coloured);
    }

    private static void flatten(TreeItem<DetailNode> item, int depth, StringBuilder sb) {
        sb.append("    ".repeat(depth)).append(item.getValue().display()).append('\n');
        for (TreeItem<DetailNode> child : item.getChildren()) {
            flatten(child, depth + 1, sb);
        }
    }
}
