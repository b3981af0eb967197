package org.mptcpinspect.dissector.fields;

/**
 * A Wireshark field definition (header_field_info): the abbreviation tshark uses for -e and -Y
 * (e.g. {@code tcp.options.mptcp.rawdataseqno}), the label -V shows, the type, display base and
 * bitmask. Fields are created once, as constants of a {@link FieldGroup}; {@link #id()} is dense
 * and unique so that sinks can look fields up in arrays instead of maps.
 *
 * @param id        unique small integer (group index * {@link FieldGroup#CAPACITY} + position)
 * @param abbrev    Wireshark's field name
 * @param name      label as tshark -V shows it
 * @param type      the field type
 * @param base      display base of integer fields ({@link DisplayBase#NONE} for the others)
 * @param bitmask   Wireshark's bitmask (0 when the field covers whole bytes)
 * @param width     bits of the container the bitmask applies to (for -V bit patterns)
 * @param flags     {@link #GENERATED} and/or {@link #HIDDEN}
 * @param values    value names for integer fields ({@link ValueNames#NONE} when none)
 * @param truth     names of a boolean's two values
 * @param protocol  the Wireshark protocol that registers the field (header_field_info.parent,
 *                  which -T ek puts before its name), or null for a protocol
 */
public record Field(int id, String abbrev, String name, FieldType type, DisplayBase base, long bitmask,
                    int width, int flags, ValueNames values, TrueFalse truth, String protocol) {

    /** Wireshark shows the item in [brackets]: computed, not read from the packet. */
    public static final int GENERATED = 1;
    /** Not shown in -V (still present for -T fields, -T json and filters), e.g. ip.addr. */
    public static final int HIDDEN = 2;
    /**
     * Wireshark's "Data" protocol: its value is the payload bytes (-T fields prints them), but
     * -T json shows only its children and -V a hex dump under it.
     */
    public static final int PAYLOAD = 4;

    public boolean generated() {
        return (flags & GENERATED) != 0;
    }

    public boolean hidden() {
        return (flags & HIDDEN) != 0;
    }

    public boolean payload() {
        return (flags & PAYLOAD) != 0;
    }

    /** Position of the lowest set bit of the bitmask: how far a masked value is shifted. */
    public int shift() {
        return bitmask == 0 ? 0 : Long.numberOfTrailingZeros(bitmask);
    }

    /** The field's value inside its container: {@code (container & bitmask) >>> shift}. */
    public long extract(long container) {
        return bitmask == 0 ? container : (container & bitmask) >>> shift();
    }

    /** The group (protocol family) this field belongs to, see {@link FieldGroup#index()}. */
    public int groupIndex() {
        return id / FieldGroup.CAPACITY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field f && f.id == id;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return abbrev;
    }
}
