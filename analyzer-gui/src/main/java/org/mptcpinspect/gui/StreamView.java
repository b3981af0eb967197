package org.mptcpinspect.gui;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;

/**
 * Follow MPTCP Stream: a connection's data-level stream, both directions coloured as Wireshark
 * colours them (client red, server blue), as ASCII, hex dump or raw hex, with the tracker's
 * gaps shown where the missing bytes belong. A virtual list of lines, so long streams scroll.
 */
final class StreamView extends BorderPane {
    /** One display line; {@code clientToServer} null for a gap line's colour. */
    record Line(boolean clientToServer, String text, boolean gap) {
    }

    static final List<String> SHOWS = List.of("Entire conversation", "client → server", "server → client");
    static final List<String> FORMATS = List.of("ASCII", "Hex dump", "Raw");

    private final ComboBox<Integer> connection = new ComboBox<>();
    private final ChoiceBox<String> show = new ChoiceBox<>();
    private final ChoiceBox<String> format = new ChoiceBox<>();
    private final Button save = new Button("Save as…");
    private final Label info = new Label();
    private final ListView<Line> lines = new ListView<>();
    private FollowedStream stream;

    StreamView(IntConsumer follow, Runnable saveAction) {
        getStyleClass().add("stream-view");
        show.getItems().setAll(SHOWS);
        show.getSelectionModel().select(0);
        format.getItems().setAll(FORMATS);
        format.getSelectionModel().select(0);
        show.setOnAction(e -> render());
        format.setOnAction(e -> render());
        connection.setOnAction(e -> {
            Integer n = connection.getValue();
            if (n != null && (stream == null || stream.connection().index() != n)) {
                follow.accept(n);
            }
        });
        save.setOnAction(e -> saveAction.run());
        setTop(new ToolBar(new Label("Connection"), connection, new Label("Show"), show, format, save, info));
        lines.getStyleClass().add("stream-lines");
        lines.setFixedCellSize(18);
        lines.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("stream-c2s", "stream-s2c", "stream-gap");
                setText(empty || line == null ? null : line.text());
                if (!empty && line != null) {
                    getStyleClass().add(line.gap() ? "stream-gap" : line.clientToServer() ? "stream-c2s" : "stream-s2c");
                }
            }
        });
        setCenter(lines);
    }

    /** The connection indexes to choose from. */
    void connections(int count) {
        Integer chosen = connection.getValue();
        connection.getItems().clear();
        for (int i = 0; i < count; i++) {
            connection.getItems().add(i);
        }
        if (chosen != null && chosen < count) {
            connection.getSelectionModel().select(chosen);
        }
    }

    /**
     * Shows a stream; the same connection again (a running capture's stream, grown) keeps the
     * lines scrolled to where they were.
     */
    void show(FollowedStream s) {
        int top = stream != null && stream.connection().index() == s.connection().index() ? firstShownLine() : -1;
        stream = s;
        connection.getSelectionModel().select(Integer.valueOf(s.connection().index()));
        render();
        if (top > 0) {
            lines.scrollTo(top);
        }
    }

    /** The first line on screen, or -1 (not laid out yet). */
    int firstShownLine() {
        if (lines.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                && flow.getFirstVisibleCell() != null) {
            return flow.getFirstVisibleCell().getIndex();
        }
        return -1;
    }

    /** Forgets the followed stream (another capture was opened). */
    void clear() {
        stream = null;
        connection.getItems().clear();
        lines.getItems().clear();
        info.setText("");
    }

    FollowedStream stream() {
        return stream;
    }

    /** Which directions are shown: null both, else client to server or not. */
    Boolean direction() {
        int i = show.getSelectionModel().getSelectedIndex();
        return i <= 0 ? null : i == 1;
    }

    void setDirection(Boolean clientToServer) {
        show.getSelectionModel().select(clientToServer == null ? 0 : clientToServer ? 1 : 2);
    }

    FormattingSink.Format format() {
        return switch (format.getSelectionModel().getSelectedIndex()) {
            case 1 -> FormattingSink.Format.hex;
            case 2 -> FormattingSink.Format.raw;
            default -> FormattingSink.Format.ascii;
        };
    }

    void setFormat(FormattingSink.Format f) {
        format.getSelectionModel().select(switch (f) {
            case hex -> 1;
            case raw -> 2;
            case ascii -> 0;
        });
    }

    ListView<Line> lines() {
        return lines;
    }

    Label info() {
        return info;
    }

    private void render() {
        if (stream == null) {
            lines.getItems().clear();
            return;
        }
        Boolean only = direction();
        FormattingSink.Format f = format();
        List<Line> out = new ArrayList<>();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        FormattingSink[] sinks = {new FormattingSink(buffer, f), new FormattingSink(buffer, f)};
        for (FollowedStream.Piece p : stream.pieces()) {
            if (only != null && p.clientToServer() != only) {
                continue;
            }
            if (p.isGap()) {
                out.add(new Line(p.clientToServer(), FollowedStream.gapNote(p).strip(), true));
            } else if (f == FormattingSink.Format.raw) {
                // Raw: the bytes in hex, 32 to a line, as Wireshark's Raw view.
                for (int i = 0; i < p.data().length; i += 32) {
                    out.add(new Line(p.clientToServer(), HexFormat.of().formatHex(p.data(), i,
                            Math.min(p.data().length, i + 32)), false));
                }
            } else {
                String text = FollowedStream.text(p, f, sinks, buffer);
                for (String l : text.split("\n", -1)) {
                    out.add(new Line(p.clientToServer(), l.replace("\r", ""), false));
                }
                if (out.getLast().text().isEmpty()) {
                    out.removeLast();
                }
            }
        }
        lines.getItems().setAll(out);
        StreamReport c2s = stream.report(true);
        StreamReport s2c = stream.report(false);
        info.setText(String.format(java.util.Locale.ROOT,
                "client → server %d bytes%s, server → client %d bytes%s%s", c2s.bytes(), missing(c2s), s2c.bytes(),
                missing(s2c), stream.truncated() ? "; showing the first " + (FollowedStream.LIMIT >> 20)
                        + " MiB (Save as… writes a whole direction)" : ""));
    }

    private static String missing(StreamReport r) {
        return r.missingBytes() == 0 ? "" : " (" + r.missingBytes() + " missing)";
    }
}
