package org.mptcpinspect.gui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.LiveCapture;

/**
 * Capture → Interfaces…: the interfaces libpcap can capture on (the list {@code live -D}
 * prints), an optional BPF capture filter, and the one-line error when libpcap refuses either.
 * {@link #open} opens the chosen interface; the window then captures from it. FX thread only.
 */
final class CaptureChooser extends VBox {
    private final ListView<LiveCapture.Interface> interfaces = new ListView<>();
    private final TextField filter = new TextField();
    private final Label error = new Label();
    private LiveCapture opened;

    CaptureChooser() {
        super(6);
        setPadding(new Insets(8));
        setPrefSize(520, 360);
        interfaces.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(LiveCapture.Interface item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : label(item));
            }
        });
        filter.setPromptText("capture filter (BPF, as tcpdump), e.g. tcp port 80; empty: every frame");
        error.getStyleClass().add("capture-error");
        error.setWrapText(true);
        getChildren().addAll(new Label("Interface"), interfaces, new Label("Capture filter"), filter, error);
        try {
            interfaces.getItems().setAll(LiveCapture.interfaces());
            interfaces.getSelectionModel().selectFirst();
        } catch (CaptureException e) {
            error.setText(e.getMessage());
        }
    }

    /** A list line: the name, libpcap's description, and whether it is loopback. */
    static String label(LiveCapture.Interface i) {
        return i.name() + (i.description() == null ? "" : " — " + i.description())
                + (i.loopback() ? " (loopback)" : "");
    }

    ListView<LiveCapture.Interface> interfaces() {
        return interfaces;
    }

    TextField filter() {
        return filter;
    }

    Label error() {
        return error;
    }

    /** Selects the interface named {@code name}; false when the list has none. */
    boolean select(String name) {
        for (LiveCapture.Interface i : interfaces.getItems()) {
            if (i.name().equals(name)) {
                interfaces.getSelectionModel().select(i);
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the selected interface with the filter (libpcap compiles it); on failure shows
     * libpcap's one-line reason and returns null.
     */
    LiveCapture open() {
        LiveCapture.Interface chosen = interfaces.getSelectionModel().getSelectedItem();
        if (chosen == null) {
            error.setText("Choose an interface");
            return null;
        }
        String bpf = filter.getText().isBlank() ? null : filter.getText().strip();
        try {
            opened = LiveCapture.open(new LiveCapture.Options(chosen.name()).withFilter(bpf));
            error.setText("");
            return opened;
        } catch (CaptureException e) {
            error.setText(e.getMessage());
            return null;
        }
    }

    /** What {@link #open} opened last, or null. */
    LiveCapture opened() {
        return opened;
    }
}
