package org.mptcpinspect.gui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the GUI remembers between runs: recent files and display filter history, most recent
 * first, in a small properties file (tests give their own). Unreadable or unwritable settings
 * are ignored: they are a convenience, never a reason to fail.
 */
final class Settings {
    static final int MAX_ENTRIES = 10;
    private final Path file;
    private final List<String> recentFiles = new ArrayList<>();
    private final List<String> filterHistory = new ArrayList<>();

    Settings(Path file) {
        this.file = file;
        if (file == null || !Files.isReadable(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        read(p, "recent.", recentFiles);
        read(p, "filter.", filterHistory);
    }

    /** The default place: ~/.config/mptcp-inspect/gui.properties. */
    static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".config", "mptcp-inspect", "gui.properties");
    }

    private static void read(Properties p, String prefix, List<String> into) {
        for (int i = 0; i < MAX_ENTRIES; i++) {
            String v = p.getProperty(prefix + i);
            if (v != null && !v.isBlank()) {
                into.add(v);
            }
        }
    }

    List<String> recentFiles() {
        return List.copyOf(recentFiles);
    }

    List<String> filterHistory() {
        return List.copyOf(filterHistory);
    }

    void rememberFile(Path path) {
        remember(recentFiles, path.toAbsolutePath().normalize().toString());
    }

    void rememberFilter(String filter) {
        remember(filterHistory, filter);
    }

    private void remember(List<String> list, String value) {
        list.remove(value);
        list.add(0, value);
        while (list.size() > MAX_ENTRIES) {
            list.remove(list.size() - 1);
        }
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        Properties p = new Properties();
        for (int i = 0; i < recentFiles.size(); i++) {
            p.setProperty("recent." + i, recentFiles.get(i));
        }
        for (int i = 0; i < filterHistory.size(); i++) {
            p.setProperty("filter." + i, filterHistory.get(i));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "mptcp-inspect GUI");
            }
        } catch (IOException e) {
            // Settings are a convenience; a read-only home must not break the GUI.
        }
    }
}
