package org.mptcpinspect.dissector.fields;

import java.util.Locale;

/**
 * The dissection tree one item at a time, for the outputs that print every item with its name,
 * value, bytes and place in the frame (tshark -T json, jsonraw, ek, pdml): turns the typed
 * {@link FieldSink} calls into {@link Item}s. An item is complete once the next item,
 * {@link #open()} or {@link #close()} comes (until then emitters may relabel or hide it); it is
 * then handed to {@link #leaf}, or to {@link #parent} when children follow, which
 * {@link #endChildren} ends.
 */
public abstract class ItemSink implements WholeTreeSink {
    private final ValueFormat format;
    /** Labels of every item (PDML's showname); null when only protocols and text items need theirs. */
    private final TreeLabels labels;
    private final TextBuffer scratch = new TextBuffer(256);
    private final Item reused = new Item();
    private byte[] frame = new byte[0];
    private Item pending;

    /**
     * @param allLabels whether every item needs its -V label ({@link Item#label}); otherwise only
     *                  protocols and text items get one
     */
    protected ItemSink(ValueFormat format, boolean allLabels) {
        this.format = format;
        this.labels = allLabels ? new TreeLabels(format) : null;
    }

    /** Starts a packet: the items' offsets refer to {@code frame}. */
    protected void beginItems(byte[] frame) {
        this.frame = frame;
        pending = null;
    }

    /** Ends a packet: hands over its last item. */
    protected void endItems() {
        flush();
    }

    /** The bytes of the current packet. */
    protected byte[] frame() {
        return frame;
    }

    /**
     * The object the next item is written into. One object, reused, by default: sinks that keep a
     * packet's items until its end return a fresh (or pooled) one.
     */
    protected Item newItem() {
        return reused;
    }

    /** A complete item without children. */
    protected abstract void leaf(Item item);

    /** A complete item whose children follow. */
    protected abstract void parent(Item item);

    /** Ends the children started by the last {@link #parent} not yet ended. */
    protected abstract void endChildren();

    private void flush() {
        if (pending != null) {
            Item item = pending;
            pending = null;
            leaf(item);
        }
    }

    private Item start(Field field, Item.Kind kind, int ftenum, int offset, int length) {
        // Protocols (also those whose value is their bytes) and valueless items are labelled by name.
        Item item = start(field, field.abbrev(), kind, ftenum, offset, length,
                kind != Item.Kind.VALUE || field.type() == FieldType.PROTOCOL ? field.name() : null);
        item.hidden = field.hidden();
        item.generated = field.generated();
        return item;
    }

    private Item start(Field field, String key, Item.Kind kind, int ftenum, int offset, int length, String label) {
        flush();
        Item item = newItem();
        item.field = field;
        item.key = key;
        item.kind = kind;
        item.ftenum = ftenum;
        item.sourced = offset != NO_BYTES;
        item.offset = item.sourced ? offset : 0;
        item.length = length;
        item.value = null;
        item.label = label;
        item.number = 0;
        item.hidden = false;
        item.generated = false;
        item.firstChild = null;
        item.lastChild = null;
        item.next = null;
        pending = item;
        return item;
    }

    /** A field with a value; {@code label} is its -V label, or null where labels are not wanted. */
    private Item value(Field field, int offset, int length, String value, String label) {
        Item item = start(field, Item.Kind.VALUE, field.type().ftenum(), offset, length);
        item.value = value;
        if (label != null) {
            item.label = label;
        }
        return item;
    }

    private String formatted(Runnable formatter) {
        scratch.clear();
        formatter.run();
        return scratch.toString();
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        start(field, Item.Kind.PROTOCOL, field.type().ftenum(), offset, length);
    }

    @Override
    public void none(Field field, int offset, int length) {
        start(field, Item.Kind.NONE, field.type().ftenum(), offset, length);
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        value(field, offset, length, formatted(() -> format.uint(scratch, field, value)),
                labels == null ? null : labels.uint(field, value)).number = value;
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        value(field, offset, length, formatted(() -> format.sint(scratch, field, value)),
                labels == null ? null : labels.sint(field, value)).number = value;
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        value(field, offset, length, value ? "1" : "0", labels == null ? null : labels.bool(field, value)).number =
                value ? 1 : 0;
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        if (field.payload()) {
            // "Data": a protocol whose value is not shown, only its children.
            start(field, Item.Kind.PROTOCOL, field.type().ftenum(), from, to - from);
            return;
        }
        // TCP options are protocols whose value is their bytes (FT_BYTES), as Wireshark registers them.
        Item item = start(field, Item.Kind.VALUE, FieldType.BYTES.ftenum(), from, to - from);
        item.value = formatted(() -> format.bytes(scratch, src, from, to, ':'));
        if (labels != null && field.type() != FieldType.PROTOCOL) {
            item.label = labels.bytes(field, src, from, to);
        }
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        value(field, offset, 4, formatted(() -> format.ipv4(scratch, address)),
                labels == null ? null : labels.ipv4(field, address));
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        value(field, offset, 16, formatted(() -> format.ipv6(scratch, frame, offset)),
                labels == null ? null : labels.ipv6(field, frame, offset));
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        value(field, offset, 6, formatted(() -> format.ether(scratch, frame, offset)),
                labels == null ? null : labels.ether(field, frame, offset));
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        value(field, offset, length, value, labels == null ? null : labels.string(field, value));
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        value(field, offset, length, formatted(() -> format.time(scratch, field, nanos)),
                labels == null ? null : labels.time(field, nanos)).number = nanos;
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        value(field, offset, length, ValueFormat.formatDouble(value), labels == null ? null : labels.dbl(field, value));
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
        start(null, label, Item.Kind.TEXT, FieldType.NONE.ftenum(), offset, length, label).generated = generated;
    }

    @Override
    public void label(String label) {
        if (pending != null) {
            pending.label = label;
        }
    }

    @Override
    public void appendText(String text) {
        if (pending != null && pending.label != null) {
            pending.label = pending.label + text;
        }
    }

    @Override
    public void generated() {
        if (pending != null) {
            pending.generated = true;
        }
    }

    @Override
    public void hide() {
        if (pending != null) {
            pending.hidden = true;
        }
    }

    @Override
    public void open() {
        if (pending == null) {
            // Children without a parent item: they go under a nameless text item.
            text("", false, 0, 0);
        }
        Item item = pending;
        pending = null;
        parent(item);
    }

    @Override
    public void close() {
        flush();
        endChildren();
    }

    /**
     * The item's raw value as tshark prints it with -x: a masked integer's value in uppercase hex
     * ("%X"), otherwise its bytes in lowercase hex ("field length invalid!" past the captured
     * bytes); null for items without a data source ({@link Item#sourced}).
     */
    protected String raw(Item item) {
        Field field = item.field;
        if (!item.sourced) {
            return null;
        }
        if (field != null && field.bitmask() != 0) {
            long v = item.number;
            if (field.type().bits() <= 32) {
                v &= 0xffffffffL; // Wireshark prints 32-bit containers as unsigned int
            }
            return Long.toHexString(v).toUpperCase(Locale.ROOT);
        }
        if (item.offset + item.length > frame.length) {
            return "field length invalid!";
        }
        scratch.clear();
        scratch.appendHexBytes(frame, item.offset, item.offset + item.length, (char) 0);
        return scratch.toString();
    }

    /**
     * One item of the tree. Mutable and normally reused: read it in {@link #leaf}/{@link #parent}
     * unless {@link #newItem} hands out objects the sink keeps.
     */
    public static final class Item {
        /** What the item is: its value, if any, and how outputs name it. */
        public enum Kind {
            /** FT_PROTOCOL: a layer (or "Data"); no value, its label says what it is. */
            PROTOCOL,
            /** FT_NONE: no value. */
            NONE,
            /** A field with a value (including protocols whose value is their bytes, the TCP options). */
            VALUE,
            /** A text-only item (no field): its label is all it has. */
            TEXT
        }

        /** The item's field; null for text items. */
        public Field field;
        /** The field's abbreviation, or a text item's label. */
        public String key;
        public Kind kind;
        /** The value as tshark -T json and PDML show it (Wireshark's fvalue_to_string_repr); null without one. */
        public String value;
        /** The -V label (without the brackets of generated items), or null where it was not asked for. */
        public String label;
        /** Whether the item comes from the frame's bytes (Wireshark's data source); false: no place. */
        public boolean sourced;
        /** Where the item's bytes start (0 without a data source). */
        public int offset;
        public int length;
        /** The Wireshark field type's number (enum ftenum). */
        public int ftenum;
        /** Integers and booleans (1/0): the value; times: nanoseconds. */
        public long number;
        public boolean hidden;
        public boolean generated;
        /** Children and next sibling, for sinks that keep a packet's items. */
        public Item firstChild;
        public Item lastChild;
        public Item next;

        /** Appends {@code child} to this item's children. */
        public void add(Item child) {
            if (lastChild == null) {
                firstChild = child;
            } else {
                lastChild.next = child;
            }
            lastChild = child;
        }
    }
}
