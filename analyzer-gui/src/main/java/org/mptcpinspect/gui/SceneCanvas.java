package org.mptcpinspect.gui;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.mptcpinspect.plot.TimelineScene;

/** Draws a {@link TimelineScene} on a JavaFX canvas; the plot module writes the same scene as SVG. */
final class SceneCanvas {
    private SceneCanvas() {
    }

    /** Draws {@code scene} with {@code g} (FX thread). */
    static void draw(TimelineScene scene, GraphicsContext g) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, scene.width(), scene.height());
        for (TimelineScene.Shape s : scene.shapes()) {
            switch (s) {
                case TimelineScene.Line l -> {
                    g.setStroke(Color.web(l.stroke()));
                    g.setLineWidth(l.width());
                    if (l.dash() > 0) {
                        g.setLineDashes(l.dash(), l.dash());
                    } else {
                        g.setLineDashes();
                    }
                    g.strokeLine(l.x1(), l.y1(), l.x2(), l.y2());
                }
                case TimelineScene.Rect r -> {
                    if (r.fill() != null) {
                        g.setFill(Color.web(r.fill()));
                        g.fillRect(r.x(), r.y(), r.w(), r.h());
                    }
                    if (r.stroke() != null) {
                        g.setStroke(Color.web(r.stroke()));
                        g.setLineWidth(1);
                        g.setLineDashes();
                        g.strokeRect(r.x(), r.y(), r.w(), r.h());
                    }
                }
                case TimelineScene.Circle c -> {
                    if (c.fill() != null) {
                        g.setFill(Color.web(c.fill()));
                        g.fillOval(c.x() - c.r(), c.y() - c.r(), 2 * c.r(), 2 * c.r());
                    }
                    if (c.stroke() != null) {
                        g.setStroke(Color.web(c.stroke()));
                        g.setLineWidth(1.2);
                        g.setLineDashes();
                        g.strokeOval(c.x() - c.r(), c.y() - c.r(), 2 * c.r(), 2 * c.r());
                    }
                }
                case TimelineScene.Text t -> {
                    g.setFill(Color.web(t.fill()));
                    g.setFont(Font.font("SansSerif", t.size()));
                    g.setTextAlign(switch (t.anchor()) {
                        case "middle" -> TextAlignment.CENTER;
                        case "end" -> TextAlignment.RIGHT;
                        default -> TextAlignment.LEFT;
                    });
                    g.fillText(t.text(), t.x(), t.y());
                }
            }
        }
    }
}
