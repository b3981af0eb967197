package org.mptcpinspect.dissector.filter;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A predicate on one occurrence of a field's value. Each implementation handles the value shape
 * of its field type; the other shapes never match.
 */
interface ValueTest {

    default boolean testLong(long value) {
        return false;
    }

    default boolean testBytes(byte[] src, int from, int to) {
        return false;
    }

    default boolean testString(String value) {
        return false;
    }

    default boolean testDouble(double value) {
        return false;
    }

    /** Comparison outcome needed: equality, or an ordering. */
    enum Relation {
        EQ, LT, LE, GT, GE;

        boolean holds(int cmp) {
            return switch (this) {
                case EQ -> cmp == 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
            };
        }
    }

    /** Presence only: every occurrence counts. */
    ValueTest PRESENT = new ValueTest() {
        @Override
        public boolean testLong(long value) {
            return true;
        }

        @Override
        public boolean testBytes(byte[] src, int from, int to) {
            return true;
        }

        @Override
        public boolean testString(String value) {
            return true;
        }

        @Override
        public boolean testDouble(double value) {
            return true;
        }
    };

    /** Integers, booleans, times (nanoseconds) and IPv4 addresses without a prefix. */
    record IntCompare(Relation relation, long literal, boolean unsigned) implements ValueTest {
        @Override
        public boolean testLong(long value) {
            int cmp = unsigned ? Long.compareUnsigned(value, literal) : Long.compare(value, literal);
            return relation.holds(cmp);
        }
    }

    /** Inclusive integer range from a set literal "{a..b}". */
    record IntRange(long low, long high, boolean unsigned) implements ValueTest {
        @Override
        public boolean testLong(long value) {
            return unsigned ? Long.compareUnsigned(value, low) >= 0 && Long.compareUnsigned(value, high) <= 0
                    : value >= low && value <= high;
        }
    }

    /** "field &amp; mask": true when any of the mask's bits is set. */
    record BitAnd(long mask) implements ValueTest {
        @Override
        public boolean testLong(long value) {
            return (value & mask) != 0;
        }
    }

    /** IPv4 address, possibly a CIDR prefix ("192.0.2.0/24"): equality compares the prefix only. */
    record Ipv4Compare(Relation relation, int address, int prefixBits) implements ValueTest {
        @Override
        public boolean testLong(long value) {
            if (relation == Relation.EQ) {
                int mask = prefixBits == 0 ? 0 : -1 << (32 - prefixBits);
                return (((int) value) & mask) == (address & mask);
            }
            return relation.holds(Integer.compareUnsigned((int) value, address));
        }
    }

    /** Byte strings: IPv6 (with optional prefix), MAC addresses, bytes; ordering is unsigned lexicographic. */
    record BytesCompare(Relation relation, byte[] literal, int prefixBits) implements ValueTest {
        @Override
        public boolean testBytes(byte[] src, int from, int to) {
            if (relation == Relation.EQ && prefixBits >= 0) {
                if (to - from != literal.length) {
                    return false;
                }
                int full = prefixBits / 8;
                if (!Arrays.equals(src, from, from + full, literal, 0, full)) {
                    return false;
                }
                int rest = prefixBits % 8;
                if (rest == 0) {
                    return true;
                }
                int mask = (0xff << (8 - rest)) & 0xff;
                return (src[from + full] & mask) == (literal[full] & mask);
            }
            return relation.holds(Arrays.compareUnsigned(src, from, to, literal, 0, literal.length));
        }
    }

    /** "contains" on bytes. */
    record BytesContain(byte[] needle) implements ValueTest {
        @Override
        public boolean testBytes(byte[] src, int from, int to) {
            outer:
            for (int i = from; i + needle.length <= to; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (src[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    record StringCompare(Relation relation, String literal) implements ValueTest {
        @Override
        public boolean testString(String value) {
            return relation.holds(value.compareTo(literal));
        }
    }

    record StringContain(String needle) implements ValueTest {
        @Override
        public boolean testString(String value) {
            return value.contains(needle);
        }
    }

    /** "matches": case-insensitive regular expression search, as Wireshark 4.0's default. */
    record StringMatch(Pattern pattern) implements ValueTest {
        @Override
        public boolean testString(String value) {
            return pattern.matcher(value).find();
        }
    }

    record DoubleCompare(Relation relation, double literal) implements ValueTest {
        @Override
        public boolean testDouble(double value) {
            return relation.holds(Double.compare(value, literal));
        }
    }

    /** "in {a, b, c..d}": any member matches. */
    record AnyOf(ValueTest[] members) implements ValueTest {
        @Override
        public boolean testLong(long value) {
            for (ValueTest t : members) {
                if (t.testLong(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean testBytes(byte[] src, int from, int to) {
            for (ValueTest t : members) {
                if (t.testBytes(src, from, to)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean testString(String value) {
            for (ValueTest t : members) {
                if (t.testString(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean testDouble(double value) {
            for (ValueTest t : members) {
                if (t.testDouble(value)) {
                    return true;
                }
            }
            return false;
        }
    }
}
