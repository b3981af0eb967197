package org.mptcpinspect.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Renders a scene to a PNG file (the snapshot mode, docs screenshots, tests). */
final class SnapshotWriter {
    private SnapshotWriter() {
    }

    /** Must run on the FX thread. */
    static void write(Scene scene, Path out) throws IOException {
        write(scene.snapshot(null), out);
    }

    /** Writes an image (e.g. a node's snapshot) as PNG. */
    static void write(WritableImage image, Path out) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            pixels.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), line, 0, w);
            buffered.setRGB(0, y, w, 1, line, 0, w);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
