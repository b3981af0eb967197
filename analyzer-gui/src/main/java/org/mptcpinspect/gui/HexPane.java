package org.mptcpinspect.gui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;

/**
 * The bytes pane: offset, 16 bytes in hex and as ASCII per line, as Wireshark shows them, with
 * the bytes of the selected tree item highlighted. A virtual list of lines, so jumbo frames cost
 * no more than the visible lines.
 */
final class HexPane extends ListView<Integer> {
    /** Bytes highlighted: [from, to) within the frame; empty when nothing is selected. */
    record Range(int from, int to) {
        static final Range NONE = new Range(0, 0);

        boolean contains(int i) {
            return i >= from && i < to;
        }
    }

    private byte[] data = new byte[0];
    private final ReadOnlyObjectWrapper<Range> highlight = new ReadOnlyObjectWrapper<>(Range.NONE);

    HexPane() {
        getStyleClass().add("hex-pane");
        setFixedCellSize(18);
        setCellFactory(list -> new LineCell());
    }

    /** Shows a frame's bytes, nothing highlighted. */
    void show(byte[] bytes) {
        data = bytes;
        highlight.set(Range.NONE);
        Integer[] lines = new Integer[(bytes.length + 15) / 16];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i;
        }
        setItems(FXCollections.observableArrayList(lines));
    }

    /** Highlights {@code length} bytes from {@code offset} (nothing for a negative offset). */
    void highlight(int offset, int length) {
        Range r = offset < 0 || length <= 0 ? Range.NONE
                : new Range(Math.min(offset, data.length), Math.min(offset + length, data.length));
        highlight.set(r);
        refresh();
        if (r.to() > r.from()) {
            scrollTo(Math.max(0, r.from() / 16 - 1));
        }
    }

    ReadOnlyObjectProperty<Range> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /** The text of line {@code line} (offset, hex, ASCII), as shown. */
    String lineText(int line) {
        StringBuilder sb = new StringBuilder(String.format("%04x  ", line * 16));
        for (int i = line * 16; i < line * 16 + 16; i++) {
            sb.append(i < data.length ? String.format("%02x ", data[i] & 0xff) : "   ");
            if (i % 16 == 7) {
                sb.append(' ');
            }
        }
        sb.append(' ');
        for (int i = line * 16; i < Math.min(data.length, line * 16 + 16); i++) {
            sb.append(ascii(data[i]));
        }
        return sb.toString();
    }

    private static char ascii(byte b) {
        return b >= 0x20 && b < 0x7f ? (char) b : '.';
    }

    /** A line as runs of labels, so the highlighted bytes get their own background. */
    private final class LineCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            Range r = highlight.get();
            HBox box = new HBox();
            box.getStyleClass().add("hex-line");
            box.getChildren().add(run(String.format("%04x  ", line * 16), false));
            int start = line * 16;
            int end = Math.min(data.length, start + 16);
            StringBuilder run = new StringBuilder();
            boolean runLit = false;
            for (int i = start; i < start + 16; i++) {
                boolean lit = r.contains(i);
                if (lit != runLit && !run.isEmpty()) {
                    box.getChildren().add(run(run.toString(), runLit));
                    run.setLength(0);
                }
                runLit = lit;
                run.append(i < end ? String.format("%02x", data[i] & 0xff) : "  ");
                // The gap after a byte is lit only inside the range, as in Wireshark.
                String gap = i % 16 == 7 ? "  " : " ";
                if (lit && r.contains(i + 1) && i + 1 < start + 16) {
                    run.append(gap);
                } else {
                    box.getChildren().add(run(run.toString(), runLit));
                    run.setLength(0);
                    runLit = false;
                    run.append(gap);
                }
            }
            box.getChildren().add(run(run.toString(), false));
            run.setLength(0);
            runLit = false;
            for (int i = start; i < end; i++) {
                boolean lit = r.contains(i);
                if (lit != runLit && !run.isEmpty()) {
                    box.getChildren().add(run(run.toString(), runLit));
                    run.setLength(0);
                }
                runLit = lit;
                run.append(ascii(data[i]));
            }
            if (!run.isEmpty()) {
                box.getChildren().add(run(run.toString(), runLit));
            }
            setGraphic(box);
        }

        private Label run(String text, boolean lit) {
            Label l = new Label(text);
            l.getStyleClass().add(lit ? "hex-lit" : "hex-plain");
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            return l;
        }
    }
}
