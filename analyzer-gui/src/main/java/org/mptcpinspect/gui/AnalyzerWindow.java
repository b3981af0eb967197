package org.mptcpinspect.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;
import org.mptcpinspect.plot.TimelinePlot;

/**
 * The main window, laid out as Wireshark's: menu, display filter bar, packet list, detail tree,
 * bytes pane, status bar with the loading progress and a cancel button. Dissection runs on
 * worker threads; this class only shows results (all methods on the FX thread).
 */
public final class AnalyzerWindow {
    private final Stage stage;
    private final Settings settings;
    private final FieldRegistry registry = FieldRegistry.standard();
    /** Sorts of more rows run on the worker thread ({@link #sortShown()}). */
    private int sortInBackgroundAbove = 100_000;
    /** Counts sort requests, so a background sort overtaken by a newer one is dropped. */
    private long sortGeneration;
    private final ExecutorService workers = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mptcp-inspect-gui-worker");
        t.setDaemon(true);
        return t;
    });

    private final TableView<PacketRow> table = new TableView<>();
    private final TreeView<DetailNode> tree = new TreeView<>();
    private final HexPane hex = new HexPane();
    private final ConnectionsView connectionsView = new ConnectionsView();
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    private final javafx.scene.control.Tab packetsTab = new javafx.scene.control.Tab("Packets");
    private final javafx.scene.control.Tab connectionsTab = new javafx.scene.control.Tab("MPTCP Connections");
    private final TimelineView timelineView = new TimelineView(this::showFrame);
    private final javafx.scene.control.Tab timelineTab = new javafx.scene.control.Tab("Subflow Timeline");
    private final StreamView streamView = new StreamView(this::followStream, this::chooseAndSaveStream);
    private final javafx.scene.control.Tab streamTab = new javafx.scene.control.Tab("Follow MPTCP Stream");
    private final CountersView countersView = new CountersView();
    private final javafx.scene.control.Tab countersTab = new javafx.scene.control.Tab("Counters");
    /** The current capture's counters, computed when the view is first shown. */
    private CompletableFuture<List<org.mptcpinspect.dissector.analysis.counters.HostCounters>> counters;
    /** The current capture's connections, computed when the view is first shown. */
    private CompletableFuture<CaptureSession.Connections> connections;
    private final FilterBar filterBar;
    private final Label status = new Label("No capture open: File → Open, or drop a capture here");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final Menu recentMenu = new Menu("Open Recent");
    private final ReadOnlyObjectWrapper<CaptureSession.PacketDetails> shown = new ReadOnlyObjectWrapper<>();

    private CaptureSession session;
    /** The connections view's row the user chose last. */
    private TreeItem<ConnectionsView.Row> chosenRow;
    /** The running live capture, or null. */
    private CaptureSession.Frames capturing;
    /**
     * A live capture's newest views, and what each view shows: a view refreshes while it is on
     * screen, and catches up when its tab is chosen (as a file's views are made when first shown).
     */
    private CaptureSession.Views liveViews;
    private CaptureSession.Views connectionsShown;
    private CaptureSession.Views timelineShown;
    private CaptureSession.Views countersShown;
    /** What showing the live views has cost the FX thread: refreshes, total and longest (ns). */
    private int liveRefreshes;
    private long liveRefreshNanos;
    private long liveRefreshMaxNanos;
    /** While capturing: the display filter, kept up with the frames as they arrive (null: none). */
    private LivePass<int[]> liveFilter;
    /** While capturing: the followed stream, kept up with the frames as they arrive (null: none). */
    private LivePass<FollowedStream> liveFollow;
    /** When the followed stream was last brought up to date (it is redrawn at most every second). */
    private long liveFollowNanos;
    private final MenuItem stopItem = new MenuItem("Stop");
    private final MenuItem saveCaptureItem = new MenuItem("Save As…");
    private PacketListModel model;
    private CompletableFuture<CaptureSession.Outcome> loaded = CompletableFuture.completedFuture(null);
    private AtomicBoolean cancelLoad = new AtomicBoolean();
    private long detailRequest;
    /** When the current load started, and when its first rows were on screen (0: not yet). */
    private long loadStartNanos;
    private long firstRowsNanos;
    private long loadedNanos;
    private String filterText;

    public AnalyzerWindow(Stage stage, Settings settings) {
        this.stage = stage;
        this.settings = settings;
        this.filterBar = new FilterBar(registry, settings, this::applyFilter);
        buildTable();
        tree.setShowRoot(false);
        tree.getStyleClass().add("detail-tree");
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            DetailNode n = item == null ? null : item.getValue();
            if (n == null) {
                hex.highlight(-1, 0);
            } else {
                hex.highlight(n.offset(), n.length());
            }
        });
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            {
                // A frame-number item (reinjection of, related mapping, ...) jumps to its frame.
                setOnMouseClicked(e -> {
                    DetailNode n = getItem();
                    if (n != null && n.linkFrame() > 0 && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                        selectFrame(n.linkFrame());
                    }
                });
            }

            @Override
            protected void updateItem(DetailNode item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.display());
                getStyleClass().removeAll("generated", "frame-link", "expert-note", "expert-warn", "expert-error",
                        "expert-chat");
                if (!empty && item != null) {
                    if (item.generated()) {
                        getStyleClass().add("generated");
                    }
                    if (item.linkFrame() > 0) {
                        getStyleClass().add("frame-link");
                    }
                    if (item.severity() != null) {
                        getStyleClass().add(expertStyle(item.severity()));
                    }
                }
            }
        });

        SplitPane panes = new SplitPane(table, tree, hex);
        panes.setOrientation(Orientation.VERTICAL);
        panes.setDividerPositions(0.45, 0.78);

        progress.setPrefWidth(200);
        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> {
            cancelLoad.set(true);
            stopCapture();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(8, status, spacer, progress, cancel);
        statusBar.setPadding(new Insets(2, 6, 2, 6));
        statusBar.getStyleClass().add("status-bar");

        connectionsView.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            // A live refresh that changes rows may have the selection model select the same row
            // again: only a row the user had not chosen yet filters and shows its timeline.
            if (item != null && item.getValue() != null && item.getValue().isWaiting() && item != chosenRow) {
                // A waiting subflow: its packets (it has no connection, so no timeline yet).
                chosenRow = item;
                filterBar.editor().setText("tcp.stream == " + item.getValue().waiting().tcpStream());
                filterBar.submit();
            } else if (item != null && item.getValue() != null && item != chosenRow) {
                chosenRow = item;
                showLiveViews(timelineTab);
                timelineView.select(item.getValue().connection().index());
                String filter = ConnectionsView.filterFor(item.getValue().connection());
                filterBar.editor().setText(filter);
                filterBar.submit();
            }
        });
        packetsTab.setContent(panes);
        connectionsTab.setContent(connectionsView);
        timelineTab.setContent(timelineView);
        streamTab.setContent(streamView);
        countersTab.setContent(countersView);
        tabs.getTabs().setAll(List.of(packetsTab, connectionsTab, timelineTab, streamTab, countersTab));
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab == connectionsTab || tab == timelineTab) {
                analyzeConnections();
            }
            if (tab == countersTab) {
                showCounters();
            }
            showLiveViews(tab);
            if (tab == streamTab && liveFollow != null) {
                liveFollow.advance(); // it was not redrawn while another tab was on screen
            } else if (tab == streamTab && streamView.stream() == null && capturing != null) {
                if (liveViews != null && !liveViews.connections().reports().isEmpty()) {
                    followStream(0);
                }
            } else if (tab == streamTab && streamView.stream() == null && session != null) {
                analyzeConnections().thenRun(() -> {
                    if (!connections.join().reports().isEmpty() && streamView.stream() == null) {
                        followStream(0);
                    }
                });
            }
        });

        BorderPane root = new BorderPane(tabs);
        root.setTop(new VBox(menuBar(), filterBar));
        root.setBottom(statusBar);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(AnalyzerWindow.class.getResource("analyzer.css").toExternalForm());
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            List<File> files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                open(files.get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        stage.setScene(scene);
        stage.setTitle("mptcp-inspect");
        stage.setOnHidden(e -> shutdown());
    }

    private void buildTable() {
        table.setFixedCellSize(22);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getColumns().setAll(List.of(
                column("No.", PacketIndex.Column.NUMBER, r -> Integer.toString(r.number()), 70),
                column("Time", PacketIndex.Column.TIME, PacketRow::time, 110),
                column("Source", PacketIndex.Column.SOURCE, PacketRow::source, 200),
                column("Destination", PacketIndex.Column.DESTINATION, PacketRow::destination, 200),
                column("Protocol", PacketIndex.Column.PROTOCOL, PacketRow::protocol, 75),
                column("Length", PacketIndex.Column.LENGTH, r -> Integer.toString(r.length()), 65),
                column("Info", PacketIndex.Column.INFO, PacketRow::info, 900)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PacketRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(c -> c.startsWith("kind-"));
                if (!empty && row != null) {
                    getStyleClass().add(kindStyle(row.kind()));
                }
            }
        });
        table.setSortPolicy(t -> {
            sortShown();
            return true;
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                showDetails(row.number());
            }
        });
    }

    /** Expert items coloured by severity, as Wireshark's tree does. */
    static String expertStyle(org.mptcpinspect.dissector.fields.Expert.Severity severity) {
        return switch (severity) {
            case COMMENT, CHAT -> "expert-chat";
            case NOTE -> "expert-note";
            case WARNING -> "expert-warn";
            case ERROR -> "expert-error";
        };
    }

    /** The row style: MPTCP rows coloured by subtype, as a Wireshark colouring rule would. */
    static String kindStyle(byte kind) {
        return switch (kind) {
            case PacketIndex.NOT_TCP -> "kind-other";
            case PacketIndex.PLAIN_TCP -> "kind-tcp";
            default -> "kind-mptcp-" + (kind <= MptcpSubtype.MP_TCPRST ? kind : "other");
        };
    }

    private TableColumn<PacketRow, String> column(String title, PacketIndex.Column key, Function<PacketRow, String> text,
            double width) {
        TableColumn<PacketRow, String> c = new TableColumn<>(title);
        c.setUserData(key);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(f.getValue())));
        if (key == PacketIndex.Column.NUMBER || key == PacketIndex.Column.LENGTH || key == PacketIndex.Column.TIME) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        return c;
    }

    private MenuBar menuBar() {
        MenuItem openItem = new MenuItem("Open…");
        openItem.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        openItem.setOnAction(e -> chooseFile());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        refreshRecent();
        Menu file = new Menu("File", null, openItem, recentMenu, new SeparatorMenuItem(), quit);
        MenuItem interfaces = new MenuItem("Interfaces…");
        interfaces.setAccelerator(KeyCombination.keyCombination("Shortcut+K"));
        interfaces.setOnAction(e -> chooseInterface());
        stopItem.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        stopItem.setOnAction(e -> stopCapture());
        saveCaptureItem.setOnAction(e -> chooseAndSaveCapture());
        refreshCaptureMenu();
        Menu capture = new Menu("Capture", null, interfaces, stopItem, saveCaptureItem);
        return new MenuBar(file, capture);
    }

    private void refreshCaptureMenu() {
        stopItem.setDisable(capturing == null);
        saveCaptureItem.setDisable(capturing != null || session == null || !session.isLive());
    }

    /** Capture → Interfaces…: the chooser in a dialog; Start begins capturing on what it opened. */
    void chooseInterface() {
        CaptureChooser chooser = new CaptureChooser();
        javafx.scene.control.Dialog<LiveCapture> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Capture Interfaces");
        dialog.getDialogPane().setContent(chooser);
        javafx.scene.control.ButtonType start = new javafx.scene.control.ButtonType("Start",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(start, javafx.scene.control.ButtonType.CANCEL);
        // Start opens the interface first: libpcap's one-line error (a bad filter) keeps the dialog open.
        dialog.getDialogPane().lookupButton(start).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (chooser.open() == null) {
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == start ? chooser.opened() : null);
        dialog.showAndWait().ifPresent(this::startCapture);
    }

    private void chooseAndSaveCapture() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save captured packets");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("pcapng (*.pcapng)", "*.pcapng"),
                new FileChooser.ExtensionFilter("pcap (*.pcap)", "*.pcap"));
        chooser.setInitialFileName("capture.pcapng");
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            saveCapture(f.toPath());
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (String recent : settings.recentFiles()) {
            MenuItem item = new MenuItem(recent);
            item.setOnAction(e -> open(Path.of(recent)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open capture");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Captures (*.pcap, *.pcapng, *.cap)", "*.pcap", "*.pcapng", "*.cap"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (session != null && session.file().getParent() != null) {
            chooser.setInitialDirectory(session.file().toAbsolutePath().getParent().toFile());
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            open(f.toPath());
        }
    }

    public Stage stage() {
        return stage;
    }

    TableView<PacketRow> table() {
        return table;
    }

    TreeView<DetailNode> tree() {
        return tree;
    }

    HexPane hex() {
        return hex;
    }

    FilterBar filterBar() {
        return filterBar;
    }

    Label status() {
        return status;
    }

    /** The packet whose detail and bytes are shown. */
    javafx.beans.property.ReadOnlyObjectProperty<CaptureSession.PacketDetails> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /**
     * Opens a capture: indexes it in the background, showing rows as they come. The future
     * completes (on the FX thread) when the index is complete, cancelled or stopped by an error.
     */
    public CompletableFuture<CaptureSession.Outcome> open(Path file) {
        closeSession();
        if (!Files.isReadable(file)) {
            status.setText("Cannot open " + file + ": no such readable file");
            return CompletableFuture.completedFuture(new CaptureSession.Outcome(false, false, "not readable"));
        }
        settings.rememberFile(file);
        refreshRecent();
        CaptureSession opened = new CaptureSession(file);
        String name = file.getFileName().toString();
        return index(opened, name, "Loading " + name, (fraction, cancelled) -> opened.load(
                (frames, f) -> fraction.set(Double.doubleToLongBits(f)), cancelled::get));
    }

    /** How a session gets its rows: reporting the fraction done (a double's bits), until cancelled. */
    private interface Indexing {
        CaptureSession.Outcome run(java.util.concurrent.atomic.AtomicLong fraction, AtomicBoolean cancelled);
    }

    /**
     * Shows a new session whose rows {@code indexing} adds on a thread of its own (a file's load
     * or a live capture), the list growing as they come; the future completes (on the FX thread)
     * when it ends.
     */
    private CompletableFuture<CaptureSession.Outcome> index(CaptureSession opened, String name, String doing,
            Indexing indexing) {
        session = opened;
        CaptureSession.Frames live = capturing;
        refreshCaptureMenu();
        model = new PacketListModel(session.index());
        table.getSortOrder().clear();
        table.setItems(model);
        tree.setRoot(null);
        hex.show(new byte[0]);
        // A live capture's views fill as it runs; these complete at Stop with the final ones.
        connections = opened.isLive() ? new CompletableFuture<>() : null;
        counters = opened.isLive() ? new CompletableFuture<>() : null;
        liveViews = null;
        connectionsShown = null;
        timelineShown = null;
        countersShown = null;
        liveRefreshes = 0;
        liveRefreshNanos = 0;
        liveRefreshMaxNanos = 0;
        timelineView.clear();
        streamView.clear();
        countersView.clear();
        connectionsView.setRoot(null);
        chosenRow = null;
        tabs.getSelectionModel().select(packetsTab);
        filterText = null;
        stage.setTitle(name + " — mptcp-inspect");
        AtomicBoolean cancelled = new AtomicBoolean();
        cancelLoad = cancelled;
        CaptureSession current = session;
        PacketListModel currentModel = model;
        CompletableFuture<CaptureSession.Outcome> done = new CompletableFuture<>();
        loaded = done;
        progress.setVisible(true);
        progress.setProgress(current.isLive() ? ProgressBar.INDETERMINATE_PROGRESS : 0);
        cancel.setText(current.isLive() ? "Stop" : "Cancel");
        cancel.setVisible(true);
        status.setText(doing + " …");
        // Written by the loader, read by the tick: a double's bits in an atomic long.
        java.util.concurrent.atomic.AtomicLong fraction = new java.util.concurrent.atomic.AtomicLong();
        loadStartNanos = System.nanoTime();
        firstRowsNanos = 0;
        loadedNanos = 0;
        Timeline tick = new Timeline(new KeyFrame(Duration.millis(100), e -> {
            currentModel.grow();
            if (firstRowsNanos == 0 && currentModel.size() > 0) {
                firstRowsNanos = System.nanoTime();
            }
            if (!current.isLive()) {
                progress.setProgress(Double.longBitsToDouble(fraction.get()));
            }
            if (current == session) {
                advanceLivePasses();
            }
            status.setText(doing + ": " + current.index().size() + " packets"
                    + (filterText == null ? "" : ", " + currentModel.size() + " displayed (" + filterText + ")"));
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        Thread loader = new Thread(() -> {
            long start = System.nanoTime();
            CaptureSession.Outcome outcome;
            try {
                outcome = indexing.run(fraction, cancelled);
            } catch (RuntimeException e) {
                // A dissector bug must not take the window down: report it as the load's error.
                outcome = new CaptureSession.Outcome(false, false, e.toString());
            }
            CaptureSession.Outcome result = outcome;
            double seconds = (System.nanoTime() - start) / 1e9;
            Platform.runLater(() -> {
                tick.stop();
                if (current == session) {
                    if (current.isLive()) {
                        showCapturedViews(current);
                    }
                    currentModel.grow();
                    loadedNanos = System.nanoTime();
                    if (firstRowsNanos == 0) {
                        firstRowsNanos = loadedNanos;
                    }
                    progress.setVisible(false);
                    cancel.setVisible(false);
                    status.setText(current.isLive() ? name + ": " + current.index().size() + " packets captured"
                            + (result.error() == null ? "; Capture → Save As… keeps them" : "; " + result.error())
                            + (current.analysisError() == null ? "" : "; " + current.analysisError())
                            : loadStatus(current, result, seconds));
                }
                if (live != null && capturing == live) {
                    capturing = null;
                }
                refreshCaptureMenu();
                // The filter and the followed stream catch up with the last frames first.
                finishLivePasses(current).whenComplete((x, e) -> done.complete(result));
            });
        }, "mptcp-inspect-gui-loader");
        loader.setDaemon(true);
        loader.start();
        return done;
    }

    /** Ends the current session's loading or capture and releases its files (in the background). */
    private void closeSession() {
        cancelLoad.set(true);
        stopCapture();
        closeLiveFilter();
        closeLiveFollow();
        if (session != null) {
            CaptureSession old = session;
            workers.execute(old::close);
        }
    }

    /**
     * Starts capturing on an opened interface: its frames are appended to the packet list as they
     * arrive, and the connections, timeline and counters views refresh while it runs (at most
     * every second). The future completes (on the FX thread) when the capture has been stopped
     * ({@link #stopCapture}) or has failed; the views then show the whole capture.
     */
    public CompletableFuture<CaptureSession.Outcome> startCapture(LiveCapture live) {
        return startCapture(CaptureSession.frames(live));
    }

    /** {@link #startCapture(LiveCapture)} on any source of frames (tests replay a file). */
    CompletableFuture<CaptureSession.Outcome> startCapture(CaptureSession.Frames live) {
        closeSession();
        CaptureSession opened;
        try {
            opened = CaptureSession.live(live, Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            live.close();
            status.setText("Cannot capture: " + e.getMessage());
            return CompletableFuture.completedFuture(new CaptureSession.Outcome(false, false, e.getMessage()));
        }
        capturing = live;
        refreshCaptureMenu();
        // The capture thread's newest views, handed over at most once per FX turn: while one
        // hand-over waits, newer views replace what it will show.
        java.util.concurrent.atomic.AtomicReference<CaptureSession.Views> newest = new java.util.concurrent.atomic.AtomicReference<>();
        return index(opened, live.name(), "Capturing on " + live.name(), (fraction, cancelled) -> opened.capture(live, v -> {
            if (newest.getAndSet(v) == null) {
                Platform.runLater(() -> {
                    CaptureSession.Views latest = newest.getAndSet(null);
                    if (opened == session && capturing == live) {
                        showViews(latest);
                    }
                });
            }
        }));
    }

    /**
     * Takes a live capture's newest views: the view on screen shows them now (in place: selection,
     * scroll and zoom stay), the others when their tab is chosen.
     */
    private void showViews(CaptureSession.Views v) {
        long start = System.nanoTime();
        liveViews = v;
        streamView.connections(v.connections().reports().size());
        showLiveViews(tabs.getSelectionModel().getSelectedItem());
        long took = System.nanoTime() - start;
        liveRefreshes++;
        liveRefreshNanos += took;
        liveRefreshMaxNanos = Math.max(liveRefreshMaxNanos, took);
    }

    /** Brings the view of {@code tab} up to the newest live views, if it is behind. */
    private void showLiveViews(javafx.scene.control.Tab tab) {
        CaptureSession.Views v = liveViews;
        if (v == null) {
            return;
        }
        if (tab == connectionsTab && connectionsShown != v) {
            connectionsView.update(v.connections().reports(), v.waiting(), v.connections().firstNanos());
            connectionsShown = v;
        } else if (tab == timelineTab && timelineShown != v) {
            timelineView.update(v.connections());
            timelineShown = v;
        } else if (tab == countersTab && countersShown != v) {
            countersView.update(v.hosts());
            countersShown = v;
        }
    }

    /**
     * A live capture has ended: its final views (the capture thread's tracker, finished) are shown
     * and are what the views' futures complete with. When its analysis failed, the views are
     * computed from the spool as for a file, the first time they are shown.
     */
    private void showCapturedViews(CaptureSession s) {
        CompletableFuture<CaptureSession.Connections> c = connections;
        CompletableFuture<List<org.mptcpinspect.dissector.analysis.counters.HostCounters>> h = counters;
        CaptureSession.Views v = s.capturedViews();
        if (v == null) {
            connections = null;
            counters = null;
            String why = s.analysisError() == null ? "no MPTCP analysis of the capture" : s.analysisError();
            c.completeExceptionally(new IllegalStateException(why));
            h.completeExceptionally(new IllegalStateException(why));
            return;
        }
        showViews(v);
        c.complete(v.connections());
        h.complete(v.hosts());
    }

    /** The open capture, or null. */
    CaptureSession captureSession() {
        return session;
    }

    /** What showing live views has cost the FX thread: refreshes, total and longest (ns). */
    CaptureSession.RefreshCost liveRefreshCost() {
        return new CaptureSession.RefreshCost(liveRefreshes, liveRefreshNanos, liveRefreshMaxNanos);
    }

    /** Stops the running live capture, if any (its rows stay). */
    public void stopCapture() {
        CaptureSession.Frames live = capturing;
        if (live != null) {
            live.stop();
        }
    }

    /** The status bar's Cancel (loading) / Stop (capturing) button. */
    Button cancelButton() {
        return cancel;
    }

    /** Whether a live capture is running. */
    boolean capturing() {
        return capturing != null;
    }

    /**
     * Saves a stopped live capture's frames as pcap, or pcapng when the name ends in .pcapng;
     * completes with the path once written.
     */
    public CompletableFuture<Path> saveCapture(Path out) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        CaptureSession s = session;
        if (s == null || capturing != null) {
            done.completeExceptionally(new IllegalStateException(s == null ? "nothing captured" : "stop the capture first"));
            return done;
        }
        CaptureFormat format = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pcapng")
                ? CaptureFormat.PCAPNG : CaptureFormat.PCAP;
        workers.execute(() -> {
            try {
                s.save(out, format);
                Platform.runLater(() -> {
                    status.setText("Saved " + s.index().size() + " packets to " + out);
                    done.complete(out);
                });
            } catch (CaptureException | java.io.IOException e) {
                Platform.runLater(() -> {
                    status.setText("Cannot save " + out + ": " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    private static String loadStatus(CaptureSession s, CaptureSession.Outcome outcome, double seconds) {
        String packets = s.index().size() + " packets";
        if (outcome.cancelled()) {
            return s.file().getFileName() + ": loading cancelled after " + packets;
        }
        if (outcome.error() != null) {
            return packets + " loaded; " + outcome.error();
        }
        return s.file().getFileName() + ": " + packets + String.format(" (indexed in %.2f s)", seconds);
    }

    /** Seconds from open() to the first rows in the list and to the complete index (NaN: not yet). */
    record LoadTiming(int packets, double firstRowsSeconds, double indexedSeconds, long indexBytes) {
    }

    /** Seconds since the first rows were shown (NaN: not yet). */
    double sinceFirstRows() {
        return firstRowsNanos == 0 ? Double.NaN : (System.nanoTime() - firstRowsNanos) / 1e9;
    }

    LoadTiming loadTiming() {
        return new LoadTiming(session == null ? 0 : session.index().size(),
                firstRowsNanos == 0 ? Double.NaN : (firstRowsNanos - loadStartNanos) / 1e9,
                loadedNanos == 0 ? Double.NaN : (loadedNanos - loadStartNanos) / 1e9,
                session == null ? 0 : session.index().footprintBytes());
    }

    ConnectionsView connectionsView() {
        return connectionsView;
    }

    /**
     * Shows the Connections view, running the connection tracker over the capture the first time
     * (in the background, after the index); completes with the reports once they are shown.
     */
    public CompletableFuture<CaptureSession.Connections> showConnections() {
        tabs.getSelectionModel().select(connectionsTab);
        return analyzeConnections();
    }

    /**
     * Shows the subflow timeline of connection {@code index}; completes once it is drawn (with
     * an IllegalArgumentException when the capture has no such connection).
     */
    public CompletableFuture<TimelinePlot> showTimeline(int index) {
        tabs.getSelectionModel().select(timelineTab);
        return analyzeConnections().thenApply(c -> {
            if (index < 0 || index >= c.reports().size()) {
                throw new IllegalArgumentException("no MPTCP connection " + index + " (there are "
                        + c.reports().size() + ")");
            }
            timelineView.select(index);
            return timelineView.plot();
        });
    }

    CountersView countersView() {
        return countersView;
    }

    /**
     * Shows the Counters view, counting over the capture the first time (in the background,
     * after the index); completes with the hosts' counters once they are shown.
     */
    public CompletableFuture<List<org.mptcpinspect.dissector.analysis.counters.HostCounters>> showCounters() {
        tabs.getSelectionModel().select(countersTab);
        if (counters != null || session == null) {
            return counters != null ? counters : CompletableFuture.completedFuture(List.of());
        }
        counters = overCapture("Counting MPTcpExt counters …", CaptureSession::counters, (s, hosts) -> {
            countersView.show(hosts);
            status.setText(s.file().getFileName() + ": counters of " + hosts.size() + " hosts");
        });
        return counters;
    }

    StreamView streamView() {
        return streamView;
    }

    /**
     * Shows Follow MPTCP Stream for connection {@code index}: one tracker pass that keeps its
     * data-level bytes; completes once they are shown.
     */
    public CompletableFuture<FollowedStream> followStream(int index) {
        tabs.getSelectionModel().select(streamTab);
        if (session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no capture open"));
        }
        if (capturing != null && !loaded.isDone()) {
            return followLive(index);
        }
        return overCapture("Following MPTCP stream " + index + " …", (s, p) -> s.follow(index, p), (s, f) -> {
            streamView.show(f);
            status.setText(s.file().getFileName() + ": MPTCP stream " + index);
        });
    }

    private void chooseAndSaveStream() {
        FollowedStream f = streamView.stream();
        if (f == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save MPTCP stream");
        Boolean d = streamView.direction();
        chooser.setInitialFileName("mptcp-stream-" + f.connection().index()
                + (d == null ? "" : d ? "-c2s" : "-s2c") + (streamView.format() == org.mptcpinspect.dissector
                .analysis.mptcp.FormattingSink.Format.raw ? ".bin" : ".txt"));
        File out = chooser.showSaveDialog(stage);
        if (out != null) {
            saveStream(out.toPath());
        }
    }

    /**
     * Saves what the stream view shows, in its format. One direction is written whole, as the
     * stream command writes it (a fresh tracker pass); the entire conversation is written from
     * the bytes on display, gaps noted. Completes with the path once written.
     */
    public CompletableFuture<Path> saveStream(Path out) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        FollowedStream f = streamView.stream();
        CaptureSession s = session;
        Boolean direction = streamView.direction();
        var format = streamView.format();
        if (f == null || s == null) {
            done.completeExceptionally(new IllegalStateException("no stream followed"));
            return done;
        }
        workers.execute(() -> {
            try {
                if (direction == null) {
                    try (var file = new java.io.BufferedOutputStream(Files.newOutputStream(out))) {
                        f.write(file, null, format);
                    }
                } else {
                    s.saveStream(f.connection().index(), direction, format, out, (n, x) -> { });
                }
                Platform.runLater(() -> {
                    status.setText("Saved " + out);
                    done.complete(out);
                });
            } catch (CaptureException | java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    status.setText("Cannot save " + out + ": " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    TimelineView timelineView() {
        return timelineView;
    }

    /**
     * Runs the connection tracker over the capture once (in the background, after the index) for
     * the Connections view and the timeline; completes, on the FX thread, once both show it.
     */
    private CompletableFuture<CaptureSession.Connections> analyzeConnections() {
        if (connections != null || session == null) {
            return connections != null ? connections : CompletableFuture.completedFuture(null);
        }
        connections = overCapture("Tracking MPTCP connections …", CaptureSession::connections, (s, result) -> {
            connectionsView.show(result.reports(), result.firstNanos());
            timelineView.show(result);
            streamView.connections(result.reports().size());
            status.setText(s.file().getFileName() + ": " + result.reports().size()
                    + " MPTCP connection" + (result.reports().size() == 1 ? "" : "s")
                    + "; select one to filter the packet list");
        });
        return connections;
    }

    /** A pass over the whole open capture, given its progress listener. */
    private interface CapturePass<T> {
        T run(CaptureSession session, CaptureSession.Progress progress) throws CaptureException;
    }

    /**
     * Runs {@code pass} over the open capture once it is indexed, on a worker thread with the
     * progress bar, then shows the result on the FX thread (unless another capture was opened
     * meanwhile); the future completes with the result, or with the pass's error, which the
     * status bar shows.
     */
    private <T> CompletableFuture<T> overCapture(String doing, CapturePass<T> pass,
                                                 java.util.function.BiConsumer<CaptureSession, T> show) {
        CaptureSession s = session;
        CompletableFuture<T> done = new CompletableFuture<>();
        loaded.thenRun(() -> {
            status.setText(doing);
            progress.setVisible(true);
            workers.execute(() -> {
                try {
                    T result = pass.run(s, (n, x) -> Platform.runLater(() -> progress.setProgress(x)));
                    Platform.runLater(() -> {
                        progress.setVisible(false);
                        if (s == session) {
                            show.accept(s, result);
                        }
                        done.complete(result);
                    });
                } catch (CaptureException | RuntimeException e) {
                    Platform.runLater(() -> {
                        progress.setVisible(false);
                        status.setText(e.getMessage());
                        done.completeExceptionally(e);
                    });
                }
            });
        });
        return done;
    }

    /**
     * A display filter while capturing, as Wireshark's: the packets so far that pass it are shown
     * at once, and each new packet that passes is added as it is captured (the filter's walk goes
     * on over the spool on the worker thread, never on the capture's). Completes with the rows
     * shown first.
     */
    private CompletableFuture<Integer> filterLive(DisplayFilter filter) {
        CaptureSession s = session;
        PacketListModel m = model;
        if (filter == null) {
            filterText = null;
            m.show(null);
            return CompletableFuture.completedFuture(m.size());
        }
        filterText = filter.text();
        m.show(new int[0]);
        CaptureSession.FilterPass pass = s.filterPass(filter);
        liveFilter = new LivePass<>(workers, () -> pass.advance((n, f) -> { }, () -> false),
                () -> pass.advance((n, f) -> { }, () -> false), rows -> {
                    if (s == session && m == model) {
                        m.append(rows);
                    }
                }, error -> status.setText(error), pass);
        liveFilter.advance();
        return liveFilter.first().handle((rows, error) -> m.size());
    }

    private void closeLiveFilter() {
        if (liveFilter != null) {
            liveFilter.close();
            liveFilter = null;
        }
    }

    /**
     * Follow MPTCP Stream while capturing: the connection's bytes so far at once, then, while
     * the stream is on screen, what arrives (redrawn at most every second, the scroll position
     * kept); at Stop the whole stream, as a file's. Completes with the stream shown first (null
     * when the connection has not begun in what is indexed yet).
     */
    private CompletableFuture<FollowedStream> followLive(int index) {
        CaptureSession s = session;
        closeLiveFollow();
        CaptureSession.FollowPass pass = s.followPass(index);
        liveFollow = new LivePass<>(workers, () -> pass.advance((n, f) -> { }), () -> {
            pass.advance((n, f) -> { });
            return pass.finish();
        }, f -> {
            if (s == session && f != null) {
                streamView.show(f);
                status.setText(s.file().getFileName() + ": MPTCP stream " + index);
            }
        }, error -> status.setText(error), pass);
        liveFollowNanos = System.nanoTime();
        liveFollow.advance();
        return liveFollow.first();
    }

    private void closeLiveFollow() {
        if (liveFollow != null) {
            liveFollow.close();
            liveFollow = null;
        }
    }

    /** While capturing (every tick): the filter takes the new frames, the stream on screen once a second. */
    private void advanceLivePasses() {
        if (liveFilter != null) {
            liveFilter.advance();
        }
        long now = System.nanoTime();
        if (liveFollow != null && tabs.getSelectionModel().getSelectedItem() == streamTab
                && now - liveFollowNanos >= CaptureSession.REFRESH_NANOS) {
            liveFollowNanos = now;
            liveFollow.advance();
        }
    }

    /** The capture has ended: the filter and the followed stream take its last frames; completes when shown. */
    private CompletableFuture<Void> finishLivePasses(CaptureSession s) {
        if (s != session) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> last = new java.util.ArrayList<>();
        if (liveFilter != null) {
            last.add(liveFilter.finish().whenComplete((rows, e) -> status.setText(s.file().getFileName() + ": "
                    + s.index().size() + " packets, " + model.size() + " displayed (" + filterText + ")")));
            liveFilter = null;
        }
        if (liveFollow != null) {
            last.add(liveFollow.finish());
            liveFollow = null;
        }
        return CompletableFuture.allOf(last.toArray(CompletableFuture[]::new));
    }

    /** Completes when the current capture has been indexed. */
    public CompletableFuture<CaptureSession.Outcome> loaded() {
        return loaded;
    }

    private void showDetails(long number) {
        CaptureSession s = session;
        long request = ++detailRequest;
        workers.execute(() -> {
            try {
                CaptureSession.PacketDetails d = s.details(number);
                Platform.runLater(() -> {
                    if (request == detailRequest && s == session) {
                        display(d);
                    }
                });
            } catch (CaptureException e) {
                Platform.runLater(() -> status.setText(e.getMessage()));
            }
        });
    }

    private void display(CaptureSession.PacketDetails d) {
        TreeItem<DetailNode> root = new TreeItem<>();
        for (DetailNode layer : d.tree()) {
            root.getChildren().add(item(layer));
        }
        hex.show(d.data());
        tree.setRoot(root);
        shown.set(d);
    }

    private static TreeItem<DetailNode> item(DetailNode node) {
        TreeItem<DetailNode> item = new TreeItem<>(node);
        for (DetailNode child : node.children()) {
            item.getChildren().add(item(child));
        }
        return item;
    }

    /**
     * Selects a frame in the packet list (clearing a filter that hides it) and completes when its
     * detail is shown.
     */
    public CompletableFuture<CaptureSession.PacketDetails> selectFrame(long number) {
        CompletableFuture<CaptureSession.PacketDetails> done = new CompletableFuture<>();
        if (model == null || number < 1 || number > session.index().size()) {
            done.completeExceptionally(new IllegalArgumentException(
                    "no frame " + number + (session == null ? "" : " in " + session.file().getFileName())));
            return done;
        }
        int position = model.positionOf((int) number - 1);
        if (position < 0) {
            model.show(null);
            position = (int) number - 1;
        }
        javafx.beans.value.ChangeListener<CaptureSession.PacketDetails> listener = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends CaptureSession.PacketDetails> obs,
                    CaptureSession.PacketDetails old, CaptureSession.PacketDetails d) {
                if (d != null && d.number() == number) {
                    shown.removeListener(this);
                    done.complete(d);
                }
            }
        };
        shown.addListener(listener);
        if (shown.get() != null && shown.get().number() == number) {
            shown.removeListener(listener);
            done.complete(shown.get());
        }
        table.getSelectionModel().clearAndSelect(position);
        table.scrollTo(Math.max(0, position - 5));
        return done;
    }

    boolean packetsShown() {
        return tabs.getSelectionModel().getSelectedItem() == packetsTab;
    }

    /** Shows the Packets tab with frame {@code number} selected (a timeline point was clicked). */
    private void showFrame(long number) {
        tabs.getSelectionModel().select(packetsTab);
        selectFrame(number);
    }

    /**
     * Selects the first detail item whose label starts with {@code prefix} (expanding its
     * parents), which highlights its bytes; returns it, or null.
     */
    DetailNode selectDetail(String prefix) {
        TreeItem<DetailNode> found = find(tree.getRoot(), prefix);
        if (found == null) {
            return null;
        }
        for (TreeItem<DetailNode> p = found.getParent(); p != null; p = p.getParent()) {
            p.setExpanded(true);
        }
        found.setExpanded(true);
        tree.getSelectionModel().select(found);
        int row = tree.getRow(found);
        tree.scrollTo(Math.max(0, row - 3));
        return found.getValue();
    }

    private static TreeItem<DetailNode> find(TreeItem<DetailNode> item, String prefix) {
        if (item == null) {
            return null;
        }
        if (item.getValue() != null && item.getValue().label().startsWith(prefix)) {
            return item;
        }
        for (TreeItem<DetailNode> child : item.getChildren()) {
            TreeItem<DetailNode> f = find(child, prefix);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** Applies a display filter (null shows every packet); completes with the shown row count. */
    public CompletableFuture<Integer> applyFilter(DisplayFilter filter) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (session == null) {
            done.complete(0);
            return done;
        }
        CaptureSession s = session;
        PacketListModel m = model;
        closeLiveFilter();
        if (capturing != null && !loaded.isDone()) {
            return filterLive(filter);
        }
        loaded.thenRun(() -> {
            if (filter == null) {
                filterText = null;
                m.show(null);
                sortShown();
                status.setText(s.file().getFileName() + ": " + m.size() + " packets");
                done.complete(m.size());
                return;
            }
            status.setText("Filtering: " + filter.text() + " …");
            progress.setVisible(true);
            workers.execute(() -> {
                int[] rows;
                try {
                    rows = s.filter(filter, (n, f) -> Platform.runLater(() -> progress.setProgress(f)), () -> false);
                } catch (CaptureException e) {
                    Platform.runLater(() -> {
                        progress.setVisible(false);
                        status.setText(e.getMessage());
                        done.complete(m.size());
                    });
                    return;
                }
                int[] result = rows;
                Platform.runLater(() -> {
                    progress.setVisible(false);
                    if (s == session) {
                        filterText = filter.text();
                        m.show(result);
                        sortShown();
                        status.setText(s.file().getFileName() + ": " + s.index().size() + " packets, "
                                + result.length + " displayed (" + filterText + ")");
                    }
                    done.complete(result.length);
                });
            });
        });
        return done;
    }

    /**
     * Re-sorts the shown rows by the table's first sort column (frame order when none). Up to
     * {@link #sortInBackgroundAbove} rows sort at once (tens of milliseconds); more sort on the
     * worker thread, the status line saying so, so a million rows never freeze the window. A newer
     * sort, filter or capture makes a running one's result void.
     */
    private void sortShown() {
        if (model == null || !loaded.isDone()) {
            return;
        }
        long generation = ++sortGeneration;
        List<TableColumn<PacketRow, ?>> order = table.getSortOrder();
        if (order.isEmpty()) {
            if (filterText == null) {
                model.show(null);
            } else {
                int[] rows = model.shownRows();
                java.util.Arrays.sort(rows);
                model.show(rows);
            }
            return;
        }
        TableColumn<PacketRow, ?> c = order.get(0);
        PacketIndex.Column column = (PacketIndex.Column) c.getUserData();
        boolean ascending = c.getSortType() == TableColumn.SortType.ASCENDING;
        PacketListModel m = model;
        int[] rows = m.shownRows();
        if (rows.length <= sortInBackgroundAbove) {
            m.show(m.sorted(rows, column, ascending));
            return;
        }
        String before = status.getText();
        String sorting = "Sorting " + rows.length + " packets by " + c.getText() + " …";
        status.setText(sorting);
        workers.execute(() -> {
            int[] sorted = m.sorted(rows, column, ascending);
            Platform.runLater(() -> {
                if (generation == sortGeneration && m == model) {
                    m.show(sorted);
                }
                if (status.getText().equals(sorting)) {
                    status.setText(before); // else something newer (a filter's count) said more
                }
            });
        });
    }

    /** Rows above which sorting runs on the worker thread (tests lower it to see that path). */
    void sortInBackgroundAbove(int rows) {
        sortInBackgroundAbove = rows;
    }

    private void shutdown() {
        closeSession();
        workers.shutdown();
    }
}
