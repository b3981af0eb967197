package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GUI tests' shared setup: a real analyzer window on the test display (skipped without
 * one), its settings in the test's own directory so tests never touch the user's recent files,
 * closed after each test.
 */
abstract class WindowFixture {
    @TempDir
    Path temp;
    AnalyzerWindow window;

    /** Shows a new window with nothing open. */
    AnalyzerWindow showWindow() {
        FxTestSupport.startToolkit();
        window = onFx(() -> {
            AnalyzerWindow w = new AnalyzerWindow(new Stage(), new Settings(temp.resolve("gui.properties")));
            w.stage().show();
            return w;
        });
        return window;
    }

    /** Shows a new window with {@code capture} opened and completely indexed. */
    AnalyzerWindow openWindow(Path capture) {
        AnalyzerWindow w = showWindow();
        CaptureSession.Outcome outcome = await(onFx(() -> w.open(capture)));
        assertTrue(outcome.complete(), capture + ": " + outcome);
        return w;
    }

    /** Selects the window's tab titled {@code title}, as a click on it would. */
    void selectTab(String title) {
        onFx(() -> {
            var tabs = (javafx.scene.control.TabPane) window.stage().getScene().lookup(".tab-pane");
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> t.getText().equals(title)).findFirst().orElseThrow());
            return null;
        });
    }

    @AfterEach
    void closeWindow() {
        AnalyzerWindow w = window;
        if (w != null) {
            onFx(() -> {
                w.stage().close();
                return null;
            });
        }
    }
}
