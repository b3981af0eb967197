package org.mptcpinspect.dissector.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits a display filter into {@link Token}s. */
final class FilterLexer {
    private FilterLexer() {
    }

    static List<Token> tokenize(String filter) throws FilterException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = filter.length();
        while (i < n) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            switch (c) {
                case '(' -> tokens.add(new Token(Token.Kind.LPAREN, "(", i++, 1));
                case ')' -> tokens.add(new Token(Token.Kind.RPAREN, ")", i++, 1));
                case '{' -> tokens.add(new Token(Token.Kind.LBRACE, "{", i++, 1));
                case '}' -> tokens.add(new Token(Token.Kind.RBRACE, "}", i++, 1));
                case ',' -> tokens.add(new Token(Token.Kind.COMMA, ",", i++, 1));
                case '"' -> {
                    StringBuilder sb = new StringBuilder();
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = filter.charAt(i++);
                        if (d == '"') {
                            closed = true;
                            break;
                        }
                        if (d == '\\' && i < n) {
                            char e = filter.charAt(i++);
                            switch (e) {
                                case 'n' -> sb.append('\n');
                                case 't' -> sb.append('\t');
                                case 'r' -> sb.append('\r');
                                case 'x' -> {
                                    if (i + 2 > n || !isHex(filter.charAt(i)) || !isHex(filter.charAt(i + 1))) {
                                        throw new FilterException("Invalid \\x escape in string.", filter, start,
                                                i - start);
                                    }
                                    sb.append((char) Integer.parseInt(filter.substring(i, i + 2), 16));
                                    i += 2;
                                }
                                default -> sb.append(e);
                            }
                        } else {
                            sb.append(d);
                        }
                    }
                    if (!closed) {
                        throw new FilterException("The final quote was missing from a quoted string.", filter,
                                start, n - start);
                    }
                    tokens.add(new Token(Token.Kind.STRING, sb.toString(), start, i - start));
                }
                default -> {
                    String op = operatorAt(filter, i);
                    if (op != null) {
                        tokens.add(new Token(Token.Kind.OP, op, i, op.length()));
                        i += op.length();
                    } else if (isWordChar(c)) {
                        while (i < n && isWordChar(filter.charAt(i))) {
                            i++;
                        }
                        tokens.add(new Token(Token.Kind.WORD, filter.substring(start, i), start, i - start));
                    } else {
                        throw new FilterException("\"" + c + "\" was unexpected in this context.", filter, i, 1);
                    }
                }
            }
        }
        tokens.add(new Token(Token.Kind.END, "", n, 1));
        return tokens;
    }

    private static final String[] OPERATORS = {"===", "!==", "==", "!=", "~=", "<=", ">=", "&&", "||", "<", ">",
        "!", "~", "&"};

    private static String operatorAt(String s, int i) {
        for (String op : OPERATORS) {
            if (s.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '-' || c == ':' || c == '/';
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
