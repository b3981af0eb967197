package org.mptcpinspect.dissector.filter;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.fields.Field;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.fields.FieldType;
import org.mptcpinspect.dissector.filter.FilterNode.Quantifier;
import org.mptcpinspect.dissector.filter.ValueTest.Relation;

/**
 * Recursive-descent parser for Wireshark 4.0's display filter language (the subset this tool
 * supports). Precedence as Wireshark's: "not" binds tightest, then "and", then "or".
 *
 * <pre>
 * or       := and (("or" | "||") and)*
 * and      := unary (("and" | "&amp;&amp;") unary)*
 * unary    := ("not" | "!") unary | "(" or ")" | test
 * test     := FIELD [cmp value | "in" "{" member ("," member)* "}" | "contains" value
 *                   | ("matches" | "~") value | "&amp;" value]
 * member   := value | value ".." value
 * </pre>
 */
final class FilterParser {
    private final String filter;
    private final List<Token> tokens;
    private final FieldRegistry registry;
    private final Literals literals;
    private final List<FilterNode.Test> tests = new ArrayList<>();
    private int pos;

    FilterParser(String filter, List<Token> tokens, FieldRegistry registry, ZoneId zone) {
        this.filter = filter;
        this.tokens = tokens;
        this.registry = registry;
        this.literals = new Literals(filter, zone);
    }

    List<FilterNode.Test> tests() {
        return tests;
    }

    FilterNode parse() throws FilterException {
        if (peek().kind() == Token.Kind.END) {
            throw new FilterException("The filter is empty.", filter, 0, 1);
        }
        FilterNode node = parseOr();
        Token t = peek();
        if (t.kind() != Token.Kind.END) {
            throw unexpected(t);
        }
        return node;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private FilterException unexpected(Token t) {
        if (t.kind() == Token.Kind.END) {
            return new FilterException("Unexpected end of filter expression.", filter, t.start(), 1);
        }
        return new FilterException("\"" + t.display(filter) + "\" was unexpected in this context.", filter,
                t.start(), t.length());
    }

    private FilterNode parseOr() throws FilterException {
        FilterNode left = parseAnd();
        while (peek().isWord("or") || peek().isOp("||")) {
            next();
            left = new FilterNode.Or(left, parseAnd());
        }
        return left;
    }

    private FilterNode parseAnd() throws FilterException {
        FilterNode left = parseUnary();
        while (peek().isWord("and") || peek().isOp("&&")) {
            next();
            left = new FilterNode.And(left, parseUnary());
        }
        return left;
    }

    private FilterNode parseUnary() throws FilterException {
        Token t = peek();
        if (t.isWord("not") || t.isOp("!")) {
            next();
            return new FilterNode.Not(parseUnary());
        }
        if (t.kind() == Token.Kind.LPAREN) {
            next();
            FilterNode inner = parseOr();
            Token close = next();
            if (close.kind() != Token.Kind.RPAREN) {
                throw unexpected(close);
            }
            return inner;
        }
        return parseTest();
    }

    /** The comparison operator at the current token, or null. */
    private Comparison comparison(Token t) {
        if (t.kind() == Token.Kind.OP) {
            return switch (t.text()) {
                case "==" -> new Comparison(Relation.EQ, Quantifier.ANY);
                case "!=" -> new Comparison(Relation.EQ, Quantifier.NONE_OF_PRESENT);
                case "===" -> new Comparison(Relation.EQ, Quantifier.ALL);
                case "!==", "~=" -> new Comparison(Relation.EQ, Quantifier.ANY_NOT);
                case "<" -> new Comparison(Relation.LT, Quantifier.ANY);
                case "<=" -> new Comparison(Relation.LE, Quantifier.ANY);
                case ">" -> new Comparison(Relation.GT, Quantifier.ANY);
                case ">=" -> new Comparison(Relation.GE, Quantifier.ANY);
                default -> null;
            };
        }
        if (t.kind() == Token.Kind.WORD) {
            return switch (t.text()) {
                case "eq", "any_eq" -> new Comparison(Relation.EQ, Quantifier.ANY);
                case "ne", "all_ne" -> new Comparison(Relation.EQ, Quantifier.NONE_OF_PRESENT);
                case "all_eq" -> new Comparison(Relation.EQ, Quantifier.ALL);
                case "any_ne" -> new Comparison(Relation.EQ, Quantifier.ANY_NOT);
                case "lt" -> new Comparison(Relation.LT, Quantifier.ANY);
                case "le" -> new Comparison(Relation.LE, Quantifier.ANY);
                case "gt" -> new Comparison(Relation.GT, Quantifier.ANY);
                case "ge" -> new Comparison(Relation.GE, Quantifier.ANY);
                default -> null;
            };
        }
        return null;
    }

    private record Comparison(Relation relation, Quantifier quantifier) {
        Comparison flipped() {
            Relation r = switch (relation) {
                case LT -> Relation.GT;
                case LE -> Relation.GE;
                case GT -> Relation.LT;
                case GE -> Relation.LE;
                case EQ -> Relation.EQ;
            };
            return new Comparison(r, quantifier);
        }
    }

    private FilterNode parseTest() throws FilterException {
        Token first = next();
        if (first.kind() == Token.Kind.END) {
            throw unexpected(first);
        }
        if (first.kind() != Token.Kind.WORD && first.kind() != Token.Kind.STRING) {
            throw unexpected(first);
        }
        Field field = first.kind() == Token.Kind.WORD ? registry.lookup(first.text()) : null;
        Comparison cmp = comparison(peek());
        if (field == null) {
            if (cmp == null) {
                throw new FilterException(first.display(filter) + " is neither a field nor a protocol name.", filter,
                        first.start(), first.length());
            }
            // A literal on the left ("5201 == tcp.port") is fine when a field is on the right.
            Token op = next();
            Token right = next();
            Field rightField = right.kind() == Token.Kind.WORD ? registry.lookup(right.text()) : null;
            if (rightField == null) {
                throw new FilterException("Left side of \"" + op.text() + "\" expression must be a field or function,"
                        + " not " + first.display(filter) + ".", filter, first.start(), first.length());
            }
            return comparisonTest(rightField, cmp.flipped(), first);
        }
        if (cmp != null) {
            next();
            return comparisonTest(field, cmp, value(field));
        }
        Token t = peek();
        if (t.isWord("in")) {
            next();
            return addTest(field, Quantifier.ANY, set(field));
        }
        if (t.isWord("contains")) {
            next();
            return addTest(field, Quantifier.ANY, literals.contains(field, value(field)));
        }
        if (t.isWord("matches") || t.isOp("~")) {
            next();
            return addTest(field, Quantifier.ANY, literals.matches(field, value(field)));
        }
        if (t.isOp("&") || t.isWord("bitwise_and")) {
            next();
            return addTest(field, Quantifier.ANY, literals.bitAnd(field, value(field)));
        }
        return addTest(field, Quantifier.PRESENT, ValueTest.PRESENT);
    }

    private FilterNode comparisonTest(Field field, Comparison cmp, Token literal) throws FilterException {
        if (field.type() == FieldType.PROTOCOL || field.type() == FieldType.NONE) {
            throw new FilterException(field.abbrev() + " can only be tested for presence.", filter,
                    literal.start(), literal.length());
        }
        return addTest(field, cmp.quantifier(), literals.compare(field, cmp.relation(), literal));
    }

    /** The literal after an operator; a field name there would be a field-to-field comparison. */
    private Token value(Field left) throws FilterException {
        Token t = next();
        if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.STRING) {
            throw unexpected(t);
        }
        if (t.kind() == Token.Kind.WORD) {
            Field other = registry.lookup(t.text());
            if (other != null) {
                if (other.type() == FieldType.PROTOCOL && !left.values().isEmpty()) {
                    throw new FilterException(left.abbrev() + " and " + t.text() + " are not of compatible types.",
                            filter, t.start(), t.length());
                }
                throw new FilterException("Comparing two fields (" + left.abbrev() + " and " + t.text()
                        + ") is not supported.", filter, t.start(), t.length());
            }
        }
        return t;
    }

    private ValueTest set(Field field) throws FilterException {
        Token open = next();
        if (open.kind() != Token.Kind.LBRACE) {
            throw unexpected(open);
        }
        List<ValueTest> members = new ArrayList<>();
        while (true) {
            Token t = value(field);
            int dots = t.kind() == Token.Kind.WORD ? t.text().indexOf("..") : -1;
            if (dots > 0) {
                Token low = new Token(Token.Kind.WORD, t.text().substring(0, dots), t.start(), dots);
                Token high = new Token(Token.Kind.WORD, t.text().substring(dots + 2), t.start() + dots + 2,
                        t.length() - dots - 2);
                members.add(literals.range(field, low, high));
            } else {
                members.add(literals.compare(field, Relation.EQ, t));
            }
            Token sep = next();
            if (sep.kind() == Token.Kind.RBRACE) {
                break;
            }
            if (sep.kind() != Token.Kind.COMMA) {
                throw unexpected(sep);
            }
        }
        return new ValueTest.AnyOf(members.toArray(new ValueTest[0]));
    }

    private FilterNode addTest(Field field, Quantifier quantifier, ValueTest test) {
        FilterNode.Test node = new FilterNode.Test(tests.size(), field, quantifier, test);
        tests.add(node);
        return node;
    }
}
