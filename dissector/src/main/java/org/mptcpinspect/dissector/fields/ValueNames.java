package org.mptcpinspect.dissector.fields;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wireshark's value_string: names for the values of an integer field, used for -V labels and so
 * that filters may name a value ({@code tcp.options.mptcp.subtype == "Data Sequence Signal"}).
 * Immutable; lookups are a binary search over sorted keys.
 */
public final class ValueNames {
    public static final ValueNames NONE = new ValueNames(new long[0], new String[0]);

    private final long[] values;
    private final String[] names;

    private ValueNames(long[] values, String[] names) {
        this.values = values;
        this.names = names;
    }

    /** Pairs of (Number value, String name), e.g. {@code of(0, "Multipath Capable", 1, "Join Connection")}. */
    public static ValueNames of(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("value/name pairs expected");
        }
        TreeMap<Long, String> sorted = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            long value = ((Number) pairs[i]).longValue();
            if (sorted.put(value, (String) pairs[i + 1]) != null) {
                throw new IllegalArgumentException("duplicate value " + value);
            }
        }
        long[] values = new long[sorted.size()];
        String[] names = new String[sorted.size()];
        int i = 0;
        for (Map.Entry<Long, String> e : sorted.entrySet()) {
            values[i] = e.getKey();
            names[i++] = e.getValue();
        }
        return new ValueNames(values, names);
    }

    /** The name of a value, or null when it has none. */
    public String name(long value) {
        int i = Arrays.binarySearch(values, value);
        return i >= 0 ? names[i] : null;
    }

    /** The value carrying this exact name, or null. */
    public Long valueOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return values.length == 0;
    }
}
