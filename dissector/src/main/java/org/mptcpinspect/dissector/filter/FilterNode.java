package org.mptcpinspect.dissector.filter;

import org.mptcpinspect.dissector.fields.Field;

/** The compiled form of a display filter: a boolean tree over per-field tests. Immutable. */
sealed interface FilterNode {

    record And(FilterNode left, FilterNode right) implements FilterNode {
    }

    record Or(FilterNode left, FilterNode right) implements FilterNode {
    }

    record Not(FilterNode inner) implements FilterNode {
    }

    /**
     * One test on the occurrences of a field.
     *
     * @param index      position in the filter's list of tests (the matcher keeps its state there)
     * @param field      the field tested
     * @param quantifier how the results over the field's occurrences combine
     * @param test       the predicate applied to each occurrence
     */
    record Test(int index, Field field, Quantifier quantifier, ValueTest test) implements FilterNode {
    }

    /** How per-occurrence results combine, as Wireshark 4.0 defines its operators. */
    enum Quantifier {
        /** The field is present (a field alone, e.g. "mptcp"). */
        PRESENT,
        /** Some occurrence satisfies the test: ==, <, contains, in, ... */
        ANY,
        /** Present and no occurrence satisfies equality: != (all_ne, the same as !(a == b) when present). */
        NONE_OF_PRESENT,
        /** Present and every occurrence satisfies equality: === (all_eq). */
        ALL,
        /** Some occurrence does not satisfy equality: !== (any_ne). */
        ANY_NOT
    }
}
