package org.mptcpinspect.dissector.filter;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldRegistry;

/**
 * A compiled display filter (tshark's -Y). Immutable and shareable; evaluate packets with a
 * {@link FilterMatcher} from {@link #newMatcher()}.
 *
 * <p>Semantics as Wireshark 4.0's: {@code a == b} holds if any occurrence of a equals b;
 * {@code a != b} holds if a is present and no occurrence equals b (so it is the same as
 * {@code !(a == b)} except when a is absent, where both are false); {@code ===} needs every
 * occurrence equal, {@code !==} (also {@code ~=}) some occurrence different.
 */
public final class DisplayFilter {
    private final String text;
    private final FilterNode root;
    private final List<FilterNode.Test> tests;
    private final int idLimit;

    private DisplayFilter(String text, FilterNode root, List<FilterNode.Test> tests, int idLimit) {
        this.text = text;
        this.root = root;
        this.tests = List.copyOf(tests);
        this.idLimit = idLimit;
    }

    /** Compiles a filter; absolute-time literals are read in the system time zone. */
    public static DisplayFilter compile(String text, FieldRegistry registry) throws FilterException {
        return compile(text, registry, ZoneId.systemDefault());
    }

    public static DisplayFilter compile(String text, FieldRegistry registry, ZoneId zone) throws FilterException {
        FilterParser parser = new FilterParser(text, FilterLexer.tokenize(text), registry, zone);
        FilterNode root = parser.parse();
        return new DisplayFilter(text, root, parser.tests(), registry.idLimit());
    }

    public String text() {
        return text;
    }

    /** The fields the filter looks at. */
    public Set<Field> fields() {
        Set<Field> fields = new LinkedHashSet<>();
        for (FilterNode.Test t : tests) {
            fields.add(t.field());
        }
        return fields;
    }

    /** A fresh evaluator (a {@link org.mptcpinspect.dissector.fields.FieldSink}) for one pass over packets. */
    public FilterMatcher newMatcher() {
        return new FilterMatcher(root, tests, idLimit);
    }

    @Override
    public String toString() {
        return text;
    }
}
