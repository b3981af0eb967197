package org.mptcpinspect.gui;

import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.fields.Expert;

/**
 * One line of the packet detail tree: its label and the frame bytes it covers (for the hex
 * pane's highlight). Built by {@link DetailTreeSink}; children in tree order.
 *
 * @param offset    byte offset in the frame, -1 when the item covers no bytes
 * @param linkFrame the frame a frame-number item names (e.g. mptcp.reinjection_of), 0 for none
 * @param severity  the expert severity of an "Expert Info" item, null for other items
 */
public record DetailNode(String label, boolean generated, int offset, int length, List<DetailNode> children,
                         long linkFrame, Expert.Severity severity) {

    DetailNode(String label, boolean generated, int offset, int length) {
        this(label, generated, offset, length, new ArrayList<>(), 0, null);
    }

    /** The same item with another label (the sink's label() calls come after the value). */
    DetailNode relabelled(String newLabel) {
        return new DetailNode(newLabel, generated, offset, length, children, linkFrame, severity);
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
