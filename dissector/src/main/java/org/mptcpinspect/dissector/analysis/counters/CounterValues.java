package org.mptcpinspect.dissector.analysis.counters;

import java.util.Arrays;

/** An immutable set of MPTcpExt counter values, one per {@link MptcpCounter}, in kernel order. */
public final class CounterValues {
    private static final CounterValues ZERO = new CounterValues(new long[MptcpCounter.count()]);

    private final long[] values;

    private CounterValues(long[] values) {
        this.values = values;
    }

    public static CounterValues zero() {
        return ZERO;
    }

    /** A copy of {@code values} (kernel order, one per counter). */
    public static CounterValues of(long[] values) {
        if (values.length != MptcpCounter.count()) {
            throw new IllegalArgumentException(values.length + " values for " + MptcpCounter.count() + " counters");
        }
        return new CounterValues(values.clone());
    }

    public long get(MptcpCounter counter) {
        return values[counter.ordinal()];
    }

    /** This minus {@code earlier}, counter by counter: the increments since then (nstat's deltas). */
    public CounterValues minus(CounterValues earlier) {
        long[] d = new long[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i] - earlier.values[i];
        }
        return new CounterValues(d);
    }

    public CounterValues plus(CounterValues other) {
        long[] s = new long[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = values[i] + other.values[i];
        }
        return new CounterValues(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterValues v && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(MptcpCounter.at(i).kernelName()).append('=')
                        .append(values[i]);
            }
        }
        return sb.append('}').toString();
    }
}
