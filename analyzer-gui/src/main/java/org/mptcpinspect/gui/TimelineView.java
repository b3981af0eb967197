package org.mptcpinspect.gui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.stage.FileChooser;
import org.mptcpinspect.plot.TimelinePlot;
import org.mptcpinspect.plot.TimelineScene;

/**
 * The subflow timeline of one connection: a canvas showing a {@link TimelinePlot} scene. The
 * mouse wheel zooms around the pointer, dragging pans; a click on a point or an event marker
 * selects its frame in the packet list; Reset shows everything again; the scene on screen can be
 * exported as PNG or SVG. All methods on the FX thread.
 */
final class TimelineView extends BorderPane {
    private final ComboBox<Integer> connection = new ComboBox<>();
    private final ChoiceBox<String> direction = new ChoiceBox<>();
    private final Label info = new Label();
    private final Canvas canvas = new Canvas(800, 500);
    private CaptureSession.Connections connections;
    private TimelinePlot plot;
    private TimelinePlot.Viewport viewport;
    private TimelineScene scene;
    private double dragX;
    private double dragY;
    /** The user zoomed or panned: a refresh keeps the viewport (else it shows everything again). */
    private boolean viewportMoved;
    /** The user chose the direction: a refresh keeps it (else the one with more data is shown). */
    private boolean directionChosen;
    /** Set while this view changes the direction itself, so that it is not taken as the user's choice. */
    private boolean choosing;

    /** @param selectFrame selects a frame (number) in the packet list */
    TimelineView(java.util.function.LongConsumer selectFrame) {
        getStyleClass().add("timeline-view");
        direction.getItems().setAll("client → server", "server → client");
        direction.getSelectionModel().select(0);
        direction.setOnAction(e -> {
            if (!choosing) {
                directionChosen = true;
                resetView();
            }
        });
        connection.setOnAction(e -> {
            Integer n = connection.getValue();
            if (n != null && connections != null) {
                plot = connections.plot(n);
                viewportMoved = false;
                resetView();
            }
        });
        Button reset = new Button("Reset zoom");
        reset.setOnAction(e -> {
            viewportMoved = false;
            resetView();
        });
        Button png = new Button("Export PNG…");
        png.setOnAction(e -> chooseAndExport("PNG image", "*.png"));
        Button svg = new Button("Export SVG…");
        svg.setOnAction(e -> chooseAndExport("SVG drawing", "*.svg"));
        setTop(new ToolBar(new Label("Connection"), connection, direction, reset, png, svg, info));

        Pane holder = new Pane(canvas);
        holder.setMinSize(200, 150);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        canvas.setOnScroll(e -> {
            if (plot == null || e.getDeltaY() == 0) {
                return;
            }
            double t = plot.timeAt(viewport, canvas.getWidth(), e.getX());
            double y = plot.dsnAt(viewport, canvas.getHeight(), e.getY());
            viewport = viewport.zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, t, y);
            viewportMoved = true;
            redraw();
        });
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            if (plot == null) {
                return;
            }
            double dt = -(e.getX() - dragX) * plot.secondsPerPixel(viewport, canvas.getWidth());
            double dy = (e.getY() - dragY) * plot.dsnPerPixel(viewport, canvas.getHeight());
            dragX = e.getX();
            dragY = e.getY();
            viewport = viewport.pan(dt, dy);
            viewportMoved = true;
            redraw();
        });
        canvas.setOnMouseClicked(e -> {
            // A drag that ends where it began is still a pan, not a pick.
            if (plot == null || !e.isStillSincePress() || e.getButton() != javafx.scene.input.MouseButton.PRIMARY) {
                return;
            }
            long frame = plot.frameAt(clientToServer(), viewport, canvas.getWidth(), canvas.getHeight(), e.getX(),
                    e.getY());
            if (frame > 0) {
                selectFrame.accept(frame);
            }
        });
        setCenter(holder);
    }

    /** Shows the capture's connections; the first one is selected. */
    void show(CaptureSession.Connections all) {
        connections = all;
        connection.getItems().clear();
        for (int i = 0; i < all.reports().size(); i++) {
            connection.getItems().add(i);
        }
        plot = null;
        if (!all.reports().isEmpty()) {
            select(0);
        } else {
            info.setText("no MPTCP connection in this capture");
            redraw();
        }
    }

    /** Forgets the shown timeline (another capture was opened). */
    void clear() {
        connections = null;
        plot = null;
        connection.getItems().clear();
        info.setText("");
        redraw();
    }

    /**
     * Shows newer connections of the same capture (a live capture's refresh): the chosen
     * connection, direction and zoom stay; until the user zooms or pans, the view grows to show
     * everything. The first time, as {@link #show}.
     */
    void update(CaptureSession.Connections all) {
        Integer chosen = connection.getValue();
        if (connections == null || chosen == null) {
            show(all);
            return;
        }
        connections = all;
        for (int i = connection.getItems().size(); i < all.reports().size(); i++) {
            connection.getItems().add(i);
        }
        plot = all.plot(chosen);
        if (!directionChosen && !viewportMoved) {
            chooseDirection();
        }
        if (viewportMoved) {
            redraw();
        } else {
            resetView();
        }
    }

    /** Shows connection {@code index}, whole (nothing when there is no such connection yet). */
    void select(int index) {
        if (connections == null || index < 0 || index >= connections.reports().size()) {
            return;
        }
        connection.getSelectionModel().select(Integer.valueOf(index));
        plot = connections.plot(index);
        directionChosen = false;
        chooseDirection();
        viewportMoved = false;
        resetView();
    }

    /** The direction that carried more data (the caller shows it). */
    private void chooseDirection() {
        var c = plot.connection();
        choosing = true;
        direction.getSelectionModel().select(c.s2c().bytes() > c.c2s().bytes() ? 1 : 0);
        choosing = false;
    }

    boolean clientToServer() {
        return direction.getSelectionModel().getSelectedIndex() != 1;
    }

    void setClientToServer(boolean c2s) {
        directionChosen = true;
        direction.getSelectionModel().select(c2s ? 0 : 1);
        resetView();
    }

    private void resetView() {
        if (plot == null) {
            return;
        }
        viewport = plot.full(clientToServer());
        redraw();
    }

    TimelinePlot plot() {
        return plot;
    }

    /** The connections whose timelines this view shows, or null. */
    CaptureSession.Connections connections() {
        return connections;
    }

    TimelinePlot.Viewport viewport() {
        return viewport;
    }

    void setViewport(TimelinePlot.Viewport v) {
        viewport = v;
        viewportMoved = true;
        redraw();
    }

    /** The scene on screen now. */
    TimelineScene scene() {
        return scene;
    }

    Canvas canvas() {
        return canvas;
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (plot == null || w < 10 || h < 10) {
            canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
            scene = null;
            return;
        }
        scene = plot.scene(clientToServer(), viewport, w, h);
        SceneCanvas.draw(scene, canvas.getGraphicsContext2D());
        info.setText(String.format(java.util.Locale.ROOT, "%d subflows, %d points; wheel zooms, drag pans, click selects the frame",
                plot.connection().subflows().size(), plot.data().size()));
    }

    private void chooseAndExport(String description, String pattern) {
        if (scene == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export timeline");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        chooser.setInitialFileName("mptcp-timeline-" + plot.connection().index() + pattern.substring(1));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            try {
                export(f.toPath());
            } catch (IOException ex) {
                info.setText("cannot write " + f + ": " + ex.getMessage());
            }
        }
    }

    /** Writes the scene on screen: SVG when the name ends in .svg, else PNG. */
    void export(Path out) throws IOException {
        if (scene == null) {
            throw new IOException("no timeline shown");
        }
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".svg")) {
            Files.writeString(out, scene.svg(), StandardCharsets.UTF_8);
        } else {
            SnapshotWriter.write(canvas.snapshot(null, null), out);
        }
        info.setText("wrote " + out);
    }
}
