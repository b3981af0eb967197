package org.mptcpinspect.dissector.fields;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the fields of one protocol family (frame, eth, ip, tcp, ...) with consecutive ids in a
 * range of its own, so that every field id is unique without any global counter. A group is
 * filled while its declaring class initializes and never changes afterwards.
 */
public final class FieldGroup {
    /** Maximum number of fields per group. */
    public static final int CAPACITY = 512;

    private final String name;
    private final int index;
    private final List<Field> fields = new ArrayList<>();

    /**
     * @param name  short name for messages (e.g. "tcp")
     * @param index unique index of the group; see {@link FieldRegistry} for the allocation
     */
    public FieldGroup(String name, int index) {
        this.name = name;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    /** The fields created so far (all of them once the declaring class is initialized). */
    public List<Field> fields() {
        return List.copyOf(fields);
    }

    public Field protocol(String abbrev, String name) {
        return add(abbrev, name, FieldType.PROTOCOL, DisplayBase.NONE, 0, 0, 0, ValueNames.NONE, null);
    }

    public Field none(String abbrev, String name) {
        return add(abbrev, name, FieldType.NONE, DisplayBase.NONE, 0, 0, 0, ValueNames.NONE, null);
    }

    public Field none(String abbrev, String name, int flags) {
        return add(abbrev, name, FieldType.NONE, DisplayBase.NONE, 0, 0, flags, ValueNames.NONE, null);
    }

    /** A valueless item that another protocol than its name says registers (see {@link Field#protocol}). */
    public Field none(String abbrev, String name, int flags, String protocol) {
        return add(abbrev, name, FieldType.NONE, DisplayBase.NONE, 0, 0, flags, ValueNames.NONE, null, protocol);
    }

    public Field uint(FieldType type, String abbrev, String name, DisplayBase base) {
        return add(abbrev, name, type, base, 0, type.bits(), 0, ValueNames.NONE, null);
    }

    public Field uint(FieldType type, String abbrev, String name, DisplayBase base, int flags) {
        return add(abbrev, name, type, base, 0, type.bits(), flags, ValueNames.NONE, null);
    }

    public Field uint(FieldType type, String abbrev, String name, DisplayBase base, ValueNames values) {
        return add(abbrev, name, type, base, 0, type.bits(), 0, values, null);
    }

    /** An integer field that is a bit range of its container (the container is {@code type} wide). */
    public Field bits(FieldType type, String abbrev, String name, DisplayBase base, long bitmask) {
        return add(abbrev, name, type, base, bitmask, type.bits(), 0, ValueNames.NONE, null);
    }

    public Field bits(FieldType type, String abbrev, String name, DisplayBase base, long bitmask,
                      ValueNames values) {
        return add(abbrev, name, type, base, bitmask, type.bits(), 0, values, null);
    }

    public Field field(FieldType type, String abbrev, String name) {
        return add(abbrev, name, type, DisplayBase.NONE, 0, 0, 0, ValueNames.NONE, null);
    }

    public Field field(FieldType type, String abbrev, String name, int flags) {
        return add(abbrev, name, type, DisplayBase.NONE, 0, 0, flags, ValueNames.NONE, null);
    }

    /** A boolean that is one bit of a {@code width}-bit container (width 0: a stand-alone boolean). */
    public Field bool(String abbrev, String name, int width, long bitmask, TrueFalse truth) {
        return add(abbrev, name, FieldType.BOOLEAN, DisplayBase.NONE, bitmask, width, 0, ValueNames.NONE, truth);
    }

    public Field bool(String abbrev, String name, int width, long bitmask, TrueFalse truth, int flags) {
        return add(abbrev, name, FieldType.BOOLEAN, DisplayBase.NONE, bitmask, width, flags, ValueNames.NONE, truth);
    }

    /**
     * Another registration of {@code field}'s name with another bitmask, as Wireshark allows (e.g.
     * an option's flags, which differ between versions): the same field for lookups, sinks and
     * filters (same id), with its own mask for bit patterns and tshark's raw values, registered by
     * {@code protocol}.
     */
    public Field variant(Field field, long bitmask, String protocol) {
        return new Field(field.id(), field.abbrev(), field.name(), field.type(), field.base(), bitmask, field.width(),
                field.flags(), field.values(), field.truth(), protocol);
    }

    /** Fully specified field, for the rare combinations the helpers above do not cover. */
    public Field add(String abbrev, String name, FieldType type, DisplayBase base, long bitmask, int width,
                     int flags, ValueNames values, TrueFalse truth) {
        return add(abbrev, name, type, base, bitmask, width, flags, values, truth, protocolOf(abbrev, type));
    }

    /**
     * The protocol Wireshark registers a field under, as its name says: the name up to its first
     * '.' ("_ws.expert" and "_ws.malformed" for theirs); none for protocols.
     */
    private static String protocolOf(String abbrev, FieldType type) {
        if (type == FieldType.PROTOCOL) {
            return null;
        }
        int dot = abbrev.indexOf('.', abbrev.startsWith("_ws.") ? 4 : 0);
        return dot < 0 ? abbrev : abbrev.substring(0, dot);
    }

    private Field add(String abbrev, String name, FieldType type, DisplayBase base, long bitmask, int width,
                      int flags, ValueNames values, TrueFalse truth, String protocol) {
        if (fields.size() == CAPACITY) {
            throw new IllegalStateException("field group " + this.name + " is full");
        }
        Field f = new Field(index * CAPACITY + fields.size(), abbrev, name, type, base, bitmask, width, flags,
                values, truth == null ? TrueFalse.TRUE_FALSE : truth, protocol);
        fields.add(f);
        return f;
    }
}
