package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FrameFields;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code -z io,phs[,FILTER]}: tshark's tap-protohierstat. Each frame's top-level protocol items
 * after "frame" (eth, ip, tcp, data, ...) form a path in a tree of protocols; every node counts
 * the frames and bytes whose path passes through it. Children are listed in order of first
 * appearance.
 */
public final class ProtocolHierarchyStatistic implements Statistic {
    private static final String SEPARATOR = "===================================================================\n";

    private static final class Node {
        final String name;
        long frames;
        long bytes;
        final List<Node> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }

        Node child(String name) {
            for (Node c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            Node c = new Node(name);
            children.add(c);
            return c;
        }
    }

    private final String filterText;
    private final TapFilter filter;
    private final Node root = new Node("");
    private final Layers layers = new Layers();

    ProtocolHierarchyStatistic(String filterText, TapFilter filter) {
        this.filterText = filterText;
        this.filter = filter;
    }

    @Override
    public void packet(PacketEmitter packet) {
        if (!filter.matches(packet)) {
            return;
        }
        layers.names.clear();
        layers.depth = 0;
        packet.emit(layers);
        long length = packet.frame().originalLength();
        Node node = root;
        for (String name : layers.names) {
            node = node.child(name);
            node.frames++;
            node.bytes += length;
        }
    }

    @Override
    public void write(StringBuilder out) {
        out.append('\n').append(SEPARATOR).append("Protocol Hierarchy Statistics\n");
        out.append("Filter: ").append(filterText == null ? "" : filterText).append("\n\n");
        draw(out, root.children, 0);
        out.append(SEPARATOR);
    }

    private static void draw(StringBuilder out, List<Node> nodes, int indentation) {
        for (Node n : nodes) {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < indentation; i++) {
                if (i > 15) {
                    name.append("...");
                    break;
                }
                name.append("  ");
            }
            name.append(n.name);
            // tshark builds the name in an 80-byte buffer.
            Printf.left(out, name.length() > 79 ? name.substring(0, 79) : name.toString(), 40);
            out.append(" frames:").append(n.frames).append(" bytes:").append(n.bytes).append('\n');
            draw(out, n.children, indentation + 1);
        }
    }

    /** Collects the names of the tree's top-level protocol items, "frame" left out as tshark. */
    private static final class Layers extends StructureSink {
        final List<String> names = new ArrayList<>();
        int depth;

        @Override
        public boolean wants(Field field) {
            return false;
        }

        @Override
        public void protocol(Field field, int offset, int length) {
            if (depth == 0 && field != FrameFields.FRAME) {
                names.add(field.abbrev());
            }
        }

        @Override
        public void none(Field field, int offset, int length) {
            protocol(field, offset, length);
        }

        /** "data" is a protocol item that carries the payload's bytes. */
        @Override
        public void bytes(Field field, byte[] src, int from, int to) {
            protocol(field, from, to - from);
        }

        @Override
        public void open() {
            depth++;
        }

        @Override
        public void close() {
            depth--;
        }
    }
}
