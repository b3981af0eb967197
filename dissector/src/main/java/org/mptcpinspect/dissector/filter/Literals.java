package org.mptcpinspect.dissector.filter;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldType;
import org.mptcpinspect.dissector.filter.ValueTest.Relation;

/** Turns the literal on the right of a comparison into a {@link ValueTest} for the field's type. */
final class Literals {
    private final String filter;
    private final ZoneId zone;

    Literals(String filter, ZoneId zone) {
        this.filter = filter;
        this.zone = zone;
    }

    private FilterException error(String message, Token at) {
        return new FilterException(message, filter, at.start(), at.length());
    }

    private String quoted(Token t) {
        return "\"" + t.text() + "\"";
    }

    /** A comparison (==, <, ...) of the field against a literal. */
    ValueTest compare(Field field, Relation relation, Token literal) throws FilterException {
        FieldType type = field.type();
        if (type.isIntegral() || type == FieldType.FRAMENUM) {
            return new ValueTest.IntCompare(relation, integer(field, literal), !type.isSigned());
        }
        return switch (type) {
            case IPV4 -> ipv4(relation, literal);
            case IPV6 -> ipv6(relation, literal);
            case ETHER -> new ValueTest.BytesCompare(relation, ether(literal), relation == Relation.EQ ? 48 : -1);
            case BYTES -> new ValueTest.BytesCompare(relation, bytes(literal), -1);
            case STRING -> new ValueTest.StringCompare(relation, literal.text());
            case RELATIVE_TIME -> new ValueTest.IntCompare(relation, seconds(literal), false);
            case ABSOLUTE_TIME -> new ValueTest.IntCompare(relation, absoluteTime(literal), false);
            case DOUBLE -> new ValueTest.DoubleCompare(relation, decimal(literal));
            default -> throw error(field.abbrev() + " can only be tested for presence.", literal);
        };
    }

    /** An inclusive range "low..high" inside a set. */
    ValueTest range(Field field, Token low, Token high) throws FilterException {
        FieldType type = field.type();
        if (type.isIntegral()) {
            return new ValueTest.IntRange(integer(field, low), integer(field, high), !type.isSigned());
        }
        if (type == FieldType.RELATIVE_TIME) {
            return new ValueTest.IntRange(seconds(low), seconds(high), false);
        }
        throw error("Ranges are only supported for numbers, not " + field.abbrev() + ".", low);
    }

    ValueTest contains(Field field, Token literal) throws FilterException {
        return switch (field.type()) {
            case STRING -> new ValueTest.StringContain(literal.text());
            case BYTES, ETHER, IPV6 -> new ValueTest.BytesContain(bytes(literal));
            default -> throw error(field.abbrev() + " does not support the \"contains\" operator.", literal);
        };
    }

    ValueTest matches(Field field, Token literal) throws FilterException {
        if (field.type() != FieldType.STRING) {
            throw error(field.abbrev() + " does not support the \"matches\" operator.", literal);
        }
        try {
            return new ValueTest.StringMatch(Pattern.compile(literal.text(),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw error("Invalid regular expression: " + e.getDescription() + ".", literal);
        }
    }

    ValueTest bitAnd(Field field, Token literal) throws FilterException {
        if (!field.type().isIntegral()) {
            throw error(field.abbrev() + " does not support the bitwise AND operator.", literal);
        }
        return new ValueTest.BitAnd(integer(field, literal));
    }

    /** Integer literal as Wireshark reads it: decimal, 0x hex, 0b binary, leading-0 octal, or a value name. */
    long integer(Field field, Token t) throws FilterException {
        String s = t.text();
        if (t.kind() == Token.Kind.WORD && !s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')) {
            Long v = parseNumber(s);
            if (v == null && (field.type() == FieldType.BOOLEAN || !field.values().isEmpty())) {
                throw error(quoted(t) + " cannot be found among the possible values for " + field.abbrev() + ".", t);
            }
            if (v == null) {
                throw error(quoted(t) + " is not a valid number.", t);
            }
            return checkRange(field, t, v);
        }
        if (field.type() == FieldType.BOOLEAN) {
            if (s.equals("True") || s.equals(field.truth().trueName())) {
                return 1;
            }
            if (s.equals("False") || s.equals(field.truth().falseName())) {
                return 0;
            }
        }
        Long named = field.values().valueOf(s);
        if (named != null) {
            return named;
        }
        if (field.type() == FieldType.BOOLEAN || !field.values().isEmpty()) {
            throw error(quoted(t) + " cannot be found among the possible values for " + field.abbrev() + ".", t);
        }
        throw error(quoted(t) + " is not a valid number.", t);
    }

    private static Long parseNumber(String s) {
        boolean negative = s.startsWith("-");
        String digits = negative ? s.substring(1) : s;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b") || digits.startsWith("0B")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        try {
            long v = Long.parseUnsignedLong(digits, radix);
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long checkRange(Field field, Token t, long v) throws FilterException {
        FieldType type = field.type();
        if (type == FieldType.BOOLEAN) {
            return v != 0 ? 1 : 0;
        }
        if (type.isUnsigned() && type.bits() < 64 && v > type.unsignedMax()) {
            throw error(quoted(t) + " too big for this field, maximum " + type.unsignedMax() + ".", t);
        }
        if (type.isSigned() && type.bits() < 64) {
            long max = (1L << (type.bits() - 1)) - 1;
            long min = -max - 1;
            if (v > max) {
                throw error(quoted(t) + " too big for this field, maximum " + max + ".", t);
            }
            if (v < min) {
                throw error(quoted(t) + " too small for this field, minimum " + min + ".", t);
            }
        }
        return v;
    }

    /** The "/n" prefix length of an address literal, or {@code max} without one. */
    private int prefixBits(Token t, int max, String family, String what) throws FilterException {
        int slash = t.text().indexOf('/');
        if (slash < 0) {
            return max;
        }
        String b = t.text().substring(slash + 1);
        if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(Character::isDigit)) {
            throw error(quoted(t) + " is not a valid hostname or " + family + " address.", t);
        }
        int bits = Integer.parseInt(b);
        if (bits > max) {
            throw error(what + " should be <= " + max + ", not " + bits, t);
        }
        return bits;
    }

    private ValueTest ipv4(Relation relation, Token t) throws FilterException {
        if (t.kind() == Token.Kind.STRING) {
            throw error("IPv4 address cannot be converted from a string (" + quoted(t) + ").", t);
        }
        int bits = prefixBits(t, 32, "IPv4", "Netmask bits in a CIDR IPv4 address");
        int slash = t.text().indexOf('/');
        String s = slash < 0 ? t.text() : t.text().substring(0, slash);
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw error(quoted(t) + " is not a valid hostname or IPv4 address.", t);
        }
        int address = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw error(quoted(t) + " is not a valid hostname or IPv4 address.", t);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw error(quoted(t) + " is not a valid hostname or IPv4 address.", t);
            }
            address = (address << 8) | octet;
        }
        return new ValueTest.Ipv4Compare(relation, address, bits);
    }

    private ValueTest ipv6(Relation relation, Token t) throws FilterException {
        if (t.kind() == Token.Kind.STRING) {
            throw error("IPv6 address cannot be converted from a string (" + quoted(t) + ").", t);
        }
        int bits = prefixBits(t, 128, "IPv6", "Prefix in a CIDR IPv6 address");
        int slash = t.text().indexOf('/');
        String s = slash < 0 ? t.text() : t.text().substring(0, slash);
        if (s.indexOf(':') < 0 || s.startsWith("[")) {
            throw error(quoted(t) + " is not a valid hostname or IPv6 address.", t);
        }
        byte[] address;
        try {
            InetAddress a = Inet6Address.ofLiteral(s);
            address = a instanceof Inet4Address v4 ? mapped(v4.getAddress()) : a.getAddress();
        } catch (IllegalArgumentException e) {
            throw error(quoted(t) + " is not a valid hostname or IPv6 address.", t);
        }
        return new ValueTest.BytesCompare(relation, address, relation == Relation.EQ ? bits : -1);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(v4, 0, a, 12, 4);
        return a;
    }

    private byte[] ether(Token t) throws FilterException {
        byte[] b = t.kind() == Token.Kind.WORD ? hexBytes(t.text()) : null;
        if (b == null || b.length != 6) {
            throw error(quoted(t) + " is not a valid Ethernet address.", t);
        }
        return b;
    }

    /** Bytes: hex separated by ':', '-' or '.', or unseparated pairs; a quoted string stands for its UTF-8 bytes. */
    private byte[] bytes(Token t) throws FilterException {
        if (t.kind() == Token.Kind.STRING) {
            return t.text().getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = hexBytes(t.text());
        if (b == null) {
            throw error(quoted(t) + " is not a valid byte string.", t);
        }
        return b;
    }

    static byte[] hexBytes(String s) {
        if (s.isEmpty()) {
            return null;
        }
        char sep = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                sep = c;
                break;
            }
        }
        String[] groups = sep == 0 ? new String[] {s} : s.split(Pattern.quote(String.valueOf(sep)), -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String g : groups) {
            if (g.isEmpty() || g.length() % 2 != 0 && g.length() != 1) {
                return null;
            }
            String padded = g.length() == 1 ? "0" + g : g;
            for (int i = 0; i < padded.length(); i += 2) {
                int hi = Character.digit(padded.charAt(i), 16);
                int lo = Character.digit(padded.charAt(i + 1), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
            }
        }
        return out.toByteArray();
    }

    /** Seconds with up to nine decimals, as nanoseconds. */
    private long seconds(Token t) throws FilterException {
        String s = t.text();
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body : body.substring(0, dot);
        String frac = dot < 0 ? "" : body.substring(dot + 1);
        if (t.kind() != Token.Kind.WORD || whole.isEmpty() || frac.length() > 9
                || !whole.chars().allMatch(Character::isDigit) || !frac.chars().allMatch(Character::isDigit)
                || whole.length() > 10) {
            throw error(quoted(t) + " is not a valid time.", t);
        }
        long nanos = Long.parseLong(whole) * 1_000_000_000L
                + (frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9)));
        return negative ? -nanos : nanos;
    }

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss",
            Locale.ROOT);

    /** "Nov 24, 2026 18:09:29[.fraction]" in the local zone, as frame.time prints it. */
    private long absoluteTime(Token t) throws FilterException {
        String s = t.text().trim().replaceAll(" +", " ");
        ZoneId z = zone;
        if (s.endsWith(" UTC")) {
            z = ZoneId.of("UTC");
            s = s.substring(0, s.length() - 4);
        }
        long fraction = 0;
        int dot = s.lastIndexOf('.');
        if (dot > s.lastIndexOf(':')) {
            String frac = s.substring(dot + 1);
            if (frac.isEmpty() || frac.length() > 9 || !frac.chars().allMatch(Character::isDigit)) {
                throw error(quoted(t) + " is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\"", t);
            }
            fraction = Long.parseLong((frac + "000000000").substring(0, 9));
            s = s.substring(0, dot);
        }
        try {
            LocalDateTime local = LocalDateTime.parse(s, ABSOLUTE);
            return local.atZone(z).toEpochSecond() * 1_000_000_000L + fraction;
        } catch (DateTimeParseException e) {
            throw error(quoted(t) + " is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\"", t);
        }
    }

    private double decimal(Token t) throws FilterException {
        try {
            return Double.parseDouble(t.text());
        } catch (NumberFormatException e) {
            throw error(quoted(t) + " is not a valid floating-point number.", t);
        }
    }
}
