package org.mptcpinspect.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small drawing: lines, rectangles, circles and text in pixel coordinates, with colours as
 * "#rrggbb". The timeline is built once as a scene and then rendered to a Canvas (the GUI's
 * SceneCanvas) or written as SVG, so the screen and the exported file cannot diverge.
 */
public record TimelineScene(double width, double height, List<Shape> shapes) {

    /** What the scene is made of. */
    public sealed interface Shape permits Line, Rect, Circle, Text {
    }

    /** A straight line; {@code dash} 0 for solid. */
    public record Line(double x1, double y1, double x2, double y2, String stroke, double width, double dash)
            implements Shape {
    }

    /** A rectangle, filled ({@code fill}) and/or outlined ({@code stroke}); null for none. */
    public record Rect(double x, double y, double w, double h, String fill, String stroke) implements Shape {
    }

    /** A circle, filled and/or outlined. */
    public record Circle(double x, double y, double r, String fill, String stroke) implements Shape {
    }

    /** Text whose baseline starts ({@code anchor} "start"), centres ("middle") or ends ("end") at x. */
    public record Text(double x, double y, String text, String fill, double size, String anchor) implements Shape {
    }

    /** Collects shapes in drawing order. */
    public static final class Builder {
        private final double width;
        private final double height;
        private final List<Shape> shapes = new ArrayList<>();

        public Builder(double width, double height) {
            this.width = width;
            this.height = height;
        }

        public Builder add(Shape s) {
            shapes.add(s);
            return this;
        }

        public TimelineScene build() {
            return new TimelineScene(width, height, List.copyOf(shapes));
        }
    }

    /** The scene as a standalone SVG document. */
    public String svg() {
        StringBuilder sb = new StringBuilder(64 + shapes.size() * 80);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(width)).append("\" height=\"")
                .append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" font-family=\"sans-serif\">\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");
        for (Shape s : shapes) {
            switch (s) {
                case Line l -> sb.append("<line x1=\"").append(n(l.x1())).append("\" y1=\"").append(n(l.y1()))
                        .append("\" x2=\"").append(n(l.x2())).append("\" y2=\"").append(n(l.y2()))
                        .append("\" stroke=\"").append(l.stroke()).append("\" stroke-width=\"").append(n(l.width()))
                        .append(l.dash() > 0 ? "\" stroke-dasharray=\"" + n(l.dash()) : "").append("\"/>\n");
                case Rect r -> sb.append("<rect x=\"").append(n(r.x())).append("\" y=\"").append(n(r.y()))
                        .append("\" width=\"").append(n(r.w())).append("\" height=\"").append(n(r.h()))
                        .append("\" fill=\"").append(r.fill() == null ? "none" : r.fill())
                        .append(r.stroke() == null ? "" : "\" stroke=\"" + r.stroke()).append("\"/>\n");
                case Circle c -> sb.append("<circle cx=\"").append(n(c.x())).append("\" cy=\"").append(n(c.y()))
                        .append("\" r=\"").append(n(c.r())).append("\" fill=\"")
                        .append(c.fill() == null ? "none" : c.fill())
                        .append(c.stroke() == null ? "" : "\" stroke=\"" + c.stroke() + "\" stroke-width=\"1.2")
                        .append("\"/>\n");
                case Text t -> sb.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y()))
                        .append("\" fill=\"").append(t.fill()).append("\" font-size=\"").append(n(t.size()))
                        .append("\" text-anchor=\"").append(t.anchor()).append("\">").append(escape(t.text()))
                        .append("</text>\n");
            }
        }
        return sb.append("</svg>\n").toString();
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
