package org.mptcpinspect.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON as tshark writes it, for the oracle tests: parsed into a tree that keeps member order and
 * repeated names (tshark -T json repeats keys), and written back the way Wireshark's json_dumper
 * writes it (pretty, as -T json, or compact, as -T ek). A tree written back must give the text it
 * was read from, which proves that both tools' outputs have tshark's exact layout; the tests
 * then compare the trees less the listed differences.
 */
final class JsonText {
    /** A JSON value: {@link Obj}, {@link Arr}, {@link Str} or {@link Literal}. */
    sealed interface Value permits Obj, Arr, Str, Literal {
    }

    record Member(String name, Value value) {
    }

    /** An object: its members in order, names possibly repeated. */
    record Obj(List<Member> members) implements Value {
        /** The value of the first member of that name, or null. */
        Value get(String name) {
            for (Member m : members) {
                if (m.name().equals(name)) {
                    return m.value();
                }
            }
            return null;
        }
    }

    record Arr(List<Value> values) implements Value {
    }

    record Str(String text) implements Value {
    }

    /** A number, true, false or null, as written. */
    record Literal(String text) implements Value {
    }

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    /** The values of a text holding one or more JSON values (an array; or an -T ek line per value). */
    static List<Value> parseAll(String text) {
        JsonText p = new JsonText(text);
        List<Value> values = new ArrayList<>();
        p.skipSpace();
        while (p.pos < text.length()) {
            values.add(p.value());
            p.skipSpace();
        }
        return values;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Value value() {
        skipSpace();
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            List<Member> members = new ArrayList<>();
            skipSpace();
            if (text.charAt(pos) == '}') {
                pos++;
                return new Obj(members);
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                members.add(new Member(name, value()));
                skipSpace();
                if (text.charAt(pos++) == '}') {
                    return new Obj(members);
                }
            }
        }
        if (c == '[') {
            pos++;
            List<Value> values = new ArrayList<>();
            skipSpace();
            if (text.charAt(pos) == ']') {
                pos++;
                return new Arr(values);
            }
            while (true) {
                values.add(value());
                skipSpace();
                if (text.charAt(pos++) == ']') {
                    return new Arr(values);
                }
            }
        }
        if (c == '"') {
            return new Str(string());
        }
        int start = pos;
        while (pos < text.length() && ",}] \n\r\t".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return new Literal(text.substring(start, pos));
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + ": "
                    + text.substring(pos, Math.min(text.length(), pos + 40)));
        }
        pos++;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'f' -> sb.append('\f');
                case 'r' -> sb.append('\r');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    /** The value as tshark -T json writes it: two spaces per level, one member or element per line. */
    static String pretty(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, true);
        return sb.toString();
    }

    /** The value as tshark -T ek writes it: no spaces, no newlines. */
    static String compact(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, false);
        return sb.toString();
    }

    private static void newline(StringBuilder sb, int depth, boolean pretty) {
        if (pretty) {
            sb.append('\n');
            sb.append("  ".repeat(depth));
        }
    }

    private static void write(StringBuilder sb, Value v, int depth, boolean pretty) {
        switch (v) {
            case Obj o -> {
                sb.append('{');
                for (int i = 0; i < o.members().size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    newline(sb, depth + 1, pretty);
                    quote(sb, o.members().get(i).name());
                    sb.append(pretty ? ": " : ":");
                    write(sb, o.members().get(i).value(), depth + 1, pretty);
                }
                if (!o.members().isEmpty()) {
                    newline(sb, depth, pretty);
                }
                sb.append('}');
            }
            case Arr a -> {
                sb.append('[');
                for (int i = 0; i < a.values().size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    newline(sb, depth + 1, pretty);
                    write(sb, a.values().get(i), depth + 1, pretty);
                }
                if (!a.values().isEmpty()) {
                    newline(sb, depth, pretty);
                }
                sb.append(']');
            }
            case Str s -> quote(sb, s.text());
            case Literal l -> sb.append(l.text());
        }
    }

    /** A string as json_dumper escapes it: quote, backslash, and control characters. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> sb.append('\\').append(c);
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
