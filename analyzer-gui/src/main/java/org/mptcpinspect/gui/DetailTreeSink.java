package org.mptcpinspect.gui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.mptcpinspect.dissector.fields.Expert;
import org.mptcpinspect.dissector.fields.ExpertFields;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldType;
import org.mptcpinspect.dissector.fields.WholeTreeSink;
import org.mptcpinspect.dissector.fields.TreeLabels;
import org.mptcpinspect.dissector.fields.ValueFormat;

/**
 * Builds the detail tree of one packet from the dissector's walk: the same labels as -V
 * ({@link TreeLabels}), plus each item's byte range for the hex pane. Hidden items (e.g.
 * ip.addr) are left out, as in Wireshark's tree, and so are their children. Frame-number items
 * (mptcp.reinjection_of, mptcp.related_mapping, ...) carry the frame they name, so the tree can
 * jump there; expert items carry their severity, so the tree can colour them.
 */
final class DetailTreeSink implements WholeTreeSink {
    private final TreeLabels labels = new TreeLabels(new ValueFormat());
    private final List<DetailNode> roots = new ArrayList<>();
    /** Where the next item goes: the children of the innermost open item (null while hidden). */
    private final Deque<List<DetailNode>> open = new ArrayDeque<>();
    /** Stands for "inside a hidden item" on the stack (an ArrayDeque holds no nulls). */
    private static final List<DetailNode> HIDDEN = List.of();
    private List<DetailNode> current = roots;
    private DetailNode last;
    private boolean lastHidden;
    /** The severity of the expert item being emitted, for its "Expert Info" node. */
    private Expert.Severity expertSeverity;

    /** The protocol layers of the packet, top level first. */
    List<DetailNode> roots() {
        return roots;
    }

    private void add(String label, boolean generated, boolean hidden, int offset, int length) {
        add(new DetailNode(label, generated, offset, length), hidden);
    }

    private void add(DetailNode node, boolean hidden) {
        last = node;
        lastHidden = hidden;
        if (current != null && !hidden) {
            current.add(last);
        }
    }

    private void add(Field field, String label, int offset, int length) {
        add(label, field.generated(), field.hidden(), offset, length);
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        if (field == ExpertFields.EXPERT && expertSeverity != null) {
            add(new DetailNode(field.name(), field.generated(), offset, length, new ArrayList<>(), 0, expertSeverity),
                    field.hidden());
            expertSeverity = null;
        } else {
            add(field, field.name(), offset, length);
        }
    }

    @Override
    public void expert(Expert expert, String message, int offset, int length) {
        expertSeverity = expert.severity();
        ExpertFields.emit(this, expert, message, offset, length);
    }

    @Override
    public void none(Field field, int offset, int length) {
        add(field, field.name(), offset, length);
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        if (field.type() == FieldType.FRAMENUM && value > 0) {
            add(new DetailNode(labels.uint(field, value), field.generated(), offset, length, new ArrayList<>(), value,
                    null), field.hidden());
        } else {
            add(field, labels.uint(field, value), offset, length);
        }
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        add(field, labels.sint(field, value), offset, length);
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        add(field, labels.bool(field, value), offset, length);
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        add(field, labels.bytes(field, src, from, to), from, to - from);
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        add(field, labels.ipv4(field, address), offset, 4);
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        add(field, labels.ipv6(field, frame, offset), offset, 16);
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        add(field, labels.ether(field, frame, offset), offset, 6);
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        add(field, labels.string(field, value), offset, length);
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        add(field, labels.time(field, nanos), offset, length);
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        add(field, labels.dbl(field, value), offset, length);
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        add(label, generated, false, offset, length);
    }

    @Override
    public void label(String label) {
        replaceLast(label);
    }

    @Override
    public void appendText(String text) {
        if (last != null) {
            replaceLast(last.label() + text);
        }
    }

    /** Records are immutable: swap the last node for a relabelled copy sharing its children. */
    private void replaceLast(String label) {
        if (last == null) {
            return;
        }
        DetailNode relabelled = last.relabelled(label);
        if (current != null && !lastHidden && !current.isEmpty() && current.get(current.size() - 1) == last) {
            current.set(current.size() - 1, relabelled);
        }
        last = relabelled;
    }

    @Override
    public void hide() {
        if (last != null && !lastHidden) {
            lastHidden = true;
            if (current != null && !current.isEmpty() && current.get(current.size() - 1) == last) {
                current.remove(current.size() - 1);
            }
        }
    }

    @Override
    public void open() {
        open.push(current == null ? HIDDEN : current);
        if (current != null) {
            current = lastHidden ? null : last == null ? current : last.children();
        }
        // After open() the parent can no longer be relabelled through label().
        last = null;
    }

    @Override
    public void close() {
        if (!open.isEmpty()) {
            List<DetailNode> parent = open.pop();
            current = parent == HIDDEN ? null : parent;
        }
        last = null;
    }
}
