package org.mptcpinspect.dissector.fields;

/**
 * Default item labels as tshark -V shows them (Wireshark's proto_item_fill_label): "Name: value",
 * value names with the number in parentheses, bit patterns in front of masked fields. Used by
 * the -V printer and the GUI; allocates Strings, so never on the -T fields path.
 */
public final class TreeLabels {
    /** Wireshark truncates long byte strings in labels after this many bytes, adding an ellipsis. */
    private static final int MAX_LABEL_BYTES = 36;

    private final ValueFormat format;
    private final TextBuffer scratch = new TextBuffer(128);

    public TreeLabels(ValueFormat format) {
        this.format = format;
    }

    public String uint(Field field, long value) {
        return prefix(field, value) + field.name() + ": " + integerText(field, value, false);
    }

    public String sint(Field field, long value) {
        return prefix(field, value) + field.name() + ": " + integerText(field, value, true);
    }

    private String integerText(Field field, long value, boolean signed) {
        String number = number(field, value, signed);
        if (!field.values().isEmpty()) {
            String name = field.values().name(value);
            if (field.base() == DisplayBase.NONE) {
                // BASE_NONE with names (checksum status, expert severity): the name alone.
                return name == null ? number : name;
            }
            return (name == null ? "Unknown" : name) + " (" + number + ")";
        }
        return number;
    }

    private String number(Field field, long value, boolean signed) {
        String dec = signed ? Long.toString(value) : Long.toUnsignedString(value);
        int digits = hexDigits(field);
        return switch (field.base()) {
            case HEX -> hex(value, digits);
            case DEC_HEX -> dec + " (" + hex(value, digits) + ")";
            case HEX_DEC -> hex(value, digits) + " (" + dec + ")";
            case OCT -> value == 0 ? "0" : "0" + Long.toOctalString(value);
            case OUI -> String.format("%02x:%02x:%02x", value >>> 16 & 0xff, value >>> 8 & 0xff, value & 0xff);
            default -> dec;
        };
    }

    /** Hex digits -V uses: from the bitmask's width when there is one, else the type's. */
    static int hexDigits(Field field) {
        if (field.bitmask() != 0) {
            int bits = 64 - Long.numberOfLeadingZeros(field.bitmask() >>> field.shift());
            return (bits + 3) / 4;
        }
        return ValueFormat.hexDigits(field.type());
    }

    private String hex(long value, int digits) {
        scratch.clear();
        scratch.append('0').append('x').appendHex(value, digits);
        return scratch.toString();
    }

    public String bool(Field field, boolean value) {
        String prefix = field.bitmask() != 0 && field.width() > 0
                ? bitPattern(field.bitmask(), value ? field.bitmask() : 0, field.width()) + " = " : "";
        return prefix + field.name() + ": " + field.truth().name(value);
    }

    private String prefix(Field field, long value) {
        if (field.bitmask() == 0) {
            return "";
        }
        return bitPattern(field.bitmask(), value << field.shift(), field.width()) + " = ";
    }

    /**
     * Wireshark's bit pattern for a masked field: the container's bits from the most significant,
     * in groups of four, '0'/'1' under the mask and '.' elsewhere, e.g. "0000 ...." or ".... ..1.".
     */
    public static String bitPattern(long mask, long containerValue, int width) {
        StringBuilder sb = new StringBuilder(width + width / 4);
        for (int bit = width - 1; bit >= 0; bit--) {
            long m = 1L << bit;
            sb.append((mask & m) == 0 ? '.' : (containerValue & m) != 0 ? '1' : '0');
            if (bit > 0 && bit % 4 == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    public String bytes(Field field, byte[] src, int from, int to) {
        scratch.clear();
        int shown = Math.min(to - from, MAX_LABEL_BYTES);
        format.bytes(scratch, src, from, from + shown, (char) 0);
        String hex = scratch.toString();
        if (shown < to - from) {
            hex += "\u2026";
        }
        return field.name() + ": " + (to == from ? "<MISSING>" : hex);
    }

    public String ipv4(Field field, int address) {
        scratch.clear();
        format.ipv4(scratch, address);
        return field.name() + ": " + scratch;
    }

    public String ipv6(Field field, byte[] src, int from) {
        scratch.clear();
        format.ipv6(scratch, src, from);
        return field.name() + ": " + scratch;
    }

    /** MAC addresses: the resolved name, then the address, as tshark shows them. */
    public String ether(Field field, byte[] src, int from) {
        return field.name() + ": " + MacNames.named(src, from);
    }

    public String string(Field field, String value) {
        return field.name() + ": " + value;
    }

    public String time(Field field, long nanos) {
        scratch.clear();
        format.time(scratch, field, nanos);
        return field.name() + ": " + scratch + (field.type() == FieldType.RELATIVE_TIME ? " seconds" : "");
    }

    public String dbl(Field field, double value) {
        return field.name() + ": " + ValueFormat.formatDouble(value);
    }
}
