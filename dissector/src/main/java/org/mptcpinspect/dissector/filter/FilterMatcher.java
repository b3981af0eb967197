package org.mptcpinspect.dissector.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldSink;
import org.mptcpinspect.dissector.fields.GroupSet;

/**
 * Evaluates a {@link DisplayFilter} on one packet at a time: emit the packet into this sink
 * (after {@link #reset()}), then ask {@link #matches()}. Only the fields the filter uses are
 * wanted, and each occurrence is tested as it arrives, so nothing is stored per packet.
 */
public final class FilterMatcher implements FieldSink {
    private final FilterNode root;
    /** Field id -> the tests on that field (null when none). */
    private final FilterNode.Test[][] testsByField;
    private final boolean[] seen;
    private final boolean[] anyTrue;
    private final boolean[] anyFalse;
    private final boolean[] groups;

    FilterMatcher(FilterNode root, List<FilterNode.Test> tests, int idLimit) {
        this.root = root;
        testsByField = new FilterNode.Test[idLimit][];
        List<List<FilterNode.Test>> grouped = new ArrayList<>();
        for (int i = 0; i < idLimit; i++) {
            grouped.add(null);
        }
        for (FilterNode.Test t : tests) {
            int id = t.field().id();
            if (grouped.get(id) == null) {
                grouped.set(id, new ArrayList<>());
            }
            grouped.get(id).add(t);
        }
        for (int i = 0; i < idLimit; i++) {
            if (grouped.get(i) != null) {
                testsByField[i] = grouped.get(i).toArray(new FilterNode.Test[0]);
            }
        }
        List<Field> fields = new ArrayList<>();
        for (FilterNode.Test t : tests) {
            fields.add(t.field());
        }
        groups = GroupSet.of(fields);
        seen = new boolean[tests.size()];
        anyTrue = new boolean[tests.size()];
        anyFalse = new boolean[tests.size()];
    }

    /** Forgets the previous packet. */
    public void reset() {
        Arrays.fill(seen, false);
        Arrays.fill(anyTrue, false);
        Arrays.fill(anyFalse, false);
    }

    /** Whether the packet emitted since {@link #reset()} passes the filter. */
    public boolean matches() {
        return eval(root);
    }

    private boolean eval(FilterNode node) {
        return switch (node) {
            case FilterNode.And a -> eval(a.left()) && eval(a.right());
            case FilterNode.Or o -> eval(o.left()) || eval(o.right());
            case FilterNode.Not n -> !eval(n.inner());
            case FilterNode.Test t -> {
                int i = t.index();
                yield switch (t.quantifier()) {
                    case PRESENT -> seen[i];
                    case ANY -> anyTrue[i];
                    case NONE_OF_PRESENT -> seen[i] && !anyTrue[i];
                    case ALL -> seen[i] && !anyFalse[i];
                    case ANY_NOT -> anyFalse[i];
                };
            }
        };
    }

    private void record(FilterNode.Test t, boolean result) {
        int i = t.index();
        seen[i] = true;
        if (result) {
            anyTrue[i] = true;
        } else {
            anyFalse[i] = true;
        }
    }

    @Override
    public boolean wants(Field field) {
        return testsByField[field.id()] != null;
    }

    @Override
    public boolean wantsText() {
        return false;
    }

    @Override
    public boolean wantsGroup(int groupIndex) {
        return groups[groupIndex];
    }

    private void offerLong(Field field, long value) {
        FilterNode.Test[] ts = testsByField[field.id()];
        if (ts != null) {
            for (FilterNode.Test t : ts) {
                record(t, t.test().testLong(value));
            }
        }
    }

    private void offerBytes(Field field, byte[] src, int from, int to) {
        FilterNode.Test[] ts = testsByField[field.id()];
        if (ts != null) {
            for (FilterNode.Test t : ts) {
                record(t, t.test().testBytes(src, from, to));
            }
        }
    }

    private void offerPresence(Field field) {
        FilterNode.Test[] ts = testsByField[field.id()];
        if (ts != null) {
            for (FilterNode.Test t : ts) {
                record(t, true);
            }
        }
    }

    @Override
    public void protocol(Field field, int offset, int length) {
        offerPresence(field);
    }

    @Override
    public void none(Field field, int offset, int length) {
        offerPresence(field);
    }

    @Override
    public void uint(Field field, long value, int offset, int length) {
        offerLong(field, value);
    }

    @Override
    public void sint(Field field, long value, int offset, int length) {
        offerLong(field, value);
    }

    @Override
    public void bool(Field field, boolean value, int offset, int length) {
        offerLong(field, value ? 1 : 0);
    }

    @Override
    public void bytes(Field field, byte[] src, int from, int to) {
        offerBytes(field, src, from, to);
    }

    @Override
    public void ipv4(Field field, int address, int offset) {
        offerLong(field, address & 0xffffffffL);
    }

    @Override
    public void ipv6(Field field, byte[] frame, int offset) {
        offerBytes(field, frame, offset, offset + 16);
    }

    @Override
    public void ether(Field field, byte[] frame, int offset) {
        offerBytes(field, frame, offset, offset + 6);
    }

    @Override
    public void string(Field field, String value, int offset, int length) {
        FilterNode.Test[] ts = testsByField[field.id()];
        if (ts != null) {
            for (FilterNode.Test t : ts) {
                record(t, t.test().testString(value));
            }
        }
    }

    @Override
    public void time(Field field, long nanos, int offset, int length) {
        offerLong(field, nanos);
    }

    @Override
    public void dbl(Field field, double value, int offset, int length) {
        FilterNode.Test[] ts = testsByField[field.id()];
        if (ts != null) {
            for (FilterNode.Test t : ts) {
                record(t, t.test().testDouble(value));
            }
        }
    }

    @Override
    public void text(String label, boolean generated, int offset, int length) {
    }

    @Override
    public void label(String label) {
    }

    @Override
    public void appendText(String text) {
    }

    @Override
    public void open() {
    }

    @Override
    public void close() {
    }
}
