package org.mptcpinspect.gui;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the packet detail tree: its label and the frame bytes it covers (for the hex
 * pane's highlight). Built by {@link DetailTreeSink}; children in tree order.
 *
 * @param offset byte offset in the frame, -1 when the item covers no bytes
 */
public record DetailNode(String label, boolean generated, int offset, int length, List<DetailNode> children) {

    DetailNode(String label, boolean generated, int offset, int length) {
        this(label, generated, offset, length, new ArrayList<>());
    }

    /** The label as the tree shows it: generated items in [brackets], as Wireshark does. */
    public String display() {
        return generated ? "[" + label + "]" : label;
    }

    /** Depth-first search for the first node whose label starts with {@code prefix}, or null. */
    public DetailNode find(String prefix) {
        if (label.startsWith(prefix)) {
            return this;
        }
        for (DetailNode child : children) {
            DetailNode found = child.find(prefix);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
