package org.mptcpinspect.dissector.fields;

/**
 * What emitters write a dissected packet into, in Wireshark's tree order: one call per item,
 * each carrying the item's byte offset and length within the frame (for the GUI's hex pane).
 * An item's children follow between {@link #open()} and {@link #close()}.
 *
 * <p>Emitters ask {@link #wants(Field)} before computing a value that costs anything, and
 * {@link #wantsText()} before building any label text, so that a sink interested in one field
 * (e.g. {@code -T fields -e tcp.srcport}) makes the walk almost free.
 */
public interface FieldSink {

    /**
     * The offset of items Wireshark adds without a data source (expert infos, tcp.completeness):
     * they have no place in the frame (and length 0).
     */
    int NO_BYTES = -1;

    /** True if the sink uses this field's values. Must be cheap (an array lookup). */
    boolean wants(Field field);

    /**
     * True if the sink may want any field of the group (see {@link FieldGroup#index()}), so
     * emitters can skip whole layers. Sinks that take everything keep the default.
     */
    default boolean wantsGroup(int groupIndex) {
        return true;
    }

    /**
     * True if the sink shows the tree as text (-V, JSON, GUI): then every item is wanted and
     * emitters also supply labels ({@link #label}, {@link #appendText}) and text-only items.
     */
    boolean wantsText();

    /** A protocol layer (FT_PROTOCOL). Its label is normally set with {@link #label} right after. */
    void protocol(Field field, int offset, int length);

    /** A valueless item (FT_NONE), e.g. a TCP option's subtree root. */
    void none(Field field, int offset, int length);

    /** An unsigned integer (also FT_FRAMENUM); for masked fields the already-shifted value. */
    void uint(Field field, long value, int offset, int length);

    /** A signed integer. */
    void sint(Field field, long value, int offset, int length);

    void bool(Field field, boolean value, int offset, int length);

    /** Bytes {@code src[from..to)} of the frame; the item covers the same range. */
    void bytes(Field field, byte[] src, int from, int to);

    /** An IPv4 address as a big-endian int. */
    void ipv4(Field field, int address, int offset);

    /** An IPv6 address: the 16 bytes of the frame at {@code offset}. */
    void ipv6(Field field, byte[] frame, int offset);

    /** A MAC address: the 6 bytes of the frame at {@code offset}. */
    void ether(Field field, byte[] frame, int offset);

    void string(Field field, String value, int offset, int length);

    /** FT_ABSOLUTE_TIME (nanoseconds since the epoch) or FT_RELATIVE_TIME (nanoseconds). */
    void time(Field field, long nanos, int offset, int length);

    void dbl(Field field, double value, int offset, int length);

    /** A text-only item (no field), e.g. "[Timestamps]"; only called when {@link #wantsText()}. */
    void text(String label, boolean generated, int offset, int length);

    /** Replaces the whole label of the last item added; only called when {@link #wantsText()}. */
    void label(String label);

    /** Appends to the label of the last item added; only called when {@link #wantsText()}. */
    void appendText(String text);

    /**
     * Hides the last item added from the -V tree (Wireshark's proto_item_set_hidden): it stays
     * in -T fields, -T json and filters. For fields that are always hidden use {@link Field#HIDDEN}.
     */
    default void hide() {
    }

    /**
     * Marks the last item added generated (Wireshark's proto_item_set_generated on an item whose
     * field is not): -V shows it in [brackets]. For fields that are always generated use
     * {@link Field#GENERATED}.
     */
    default void generated() {
    }

    /** Starts the children of the last item added. */
    void open();

    /** Ends the children started by the matching {@link #open()}. */
    void close();

    /** True when {@link #expert} calls matter to this sink (so emitters can skip building messages). */
    default boolean wantsExpert(Expert expert) {
        return ExpertFields.wanted(this, expert);
    }

    /** Expert info attached at the current place of the tree (as Wireshark's _ws.expert items). */
    default void expert(Expert expert, String message, int offset, int length) {
        ExpertFields.emit(this, expert, message, offset, length);
    }
}
