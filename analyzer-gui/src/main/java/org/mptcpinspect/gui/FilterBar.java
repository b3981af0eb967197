package org.mptcpinspect.gui;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;

/**
 * The display filter bar: the CLI's filter language (read -Y), checked as you type (green when
 * it compiles, red with the reason otherwise), Enter or Apply to apply, with a history.
 */
final class FilterBar extends HBox {
    private final FieldRegistry registry;
    private final ComboBox<String> input = new ComboBox<>();
    private final Label message = new Label();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(true);
    private final Settings settings;
    private final Function<DisplayFilter, CompletableFuture<Integer>> apply;

    /** @param apply shows the packets passing the filter (null: all); completes with their count */
    FilterBar(FieldRegistry registry, Settings settings, Function<DisplayFilter, CompletableFuture<Integer>> apply) {
        this.registry = registry;
        this.settings = settings;
        this.apply = apply;
        getStyleClass().add("filter-bar");
        setSpacing(6);
        setPadding(new Insets(4));
        input.setEditable(true);
        input.setPromptText("Apply a display filter … (e.g. mptcp, tcp.options.mptcp.subtype == 2)");
        input.getItems().setAll(settings.filterHistory());
        input.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(input, Priority.ALWAYS);
        input.getEditor().textProperty().addListener((obs, old, text) -> check(text));
        input.getEditor().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                submit();
            }
        });
        Button applyButton = new Button("Apply");
        applyButton.setOnAction(e -> submit());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            input.getEditor().setText("");
            apply.apply(null);
        });
        message.getStyleClass().add("filter-message");
        getChildren().addAll(new Label("Filter:"), input, applyButton, clear, message);
        check("");
    }

    /** The editor's text field (tests type into it). */
    javafx.scene.control.TextField editor() {
        return input.getEditor();
    }

    ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    java.util.List<String> history() {
        return java.util.List.copyOf(input.getItems());
    }

    /** Compiles as the user types: colours the field and says why a filter is wrong. */
    private DisplayFilter check(String text) {
        input.getEditor().getStyleClass().removeAll("filter-valid", "filter-invalid");
        if (text == null || text.isBlank()) {
            valid.set(true);
            message.setText("");
            input.setTooltip(null);
            return null;
        }
        try {
            DisplayFilter f = DisplayFilter.compile(text, registry);
            input.getEditor().getStyleClass().add("filter-valid");
            valid.set(true);
            message.setText("");
            input.setTooltip(null);
            return f;
        } catch (FilterException e) {
            input.getEditor().getStyleClass().add("filter-invalid");
            valid.set(false);
            message.setText(e.getMessage());
            input.setTooltip(new Tooltip(e.describe()));
            return null;
        }
    }

    /**
     * Applies the typed filter (what Enter and Apply do); completes with the number of packets
     * shown, or with -1 when the filter does not compile (nothing changes then).
     */
    CompletableFuture<Integer> submit() {
        String text = input.getEditor().getText();
        DisplayFilter f = check(text);
        if (!valid.get()) {
            return CompletableFuture.completedFuture(-1);
        }
        if (f != null) {
            settings.rememberFilter(text.strip());
            input.getItems().setAll(settings.filterHistory());
            input.getEditor().setText(text);
        }
        return apply.apply(f);
    }
}
