package org.mptcpinspect.dissector.filter;

/** One lexical token of a display filter, with its position for error messages. */
record Token(Kind kind, String text, int start, int length) {

    enum Kind {
        /** A field name, keyword or unquoted literal: letters, digits and . _ - : / */
        WORD,
        /** A double-quoted string, {@link #text} already unescaped. */
        STRING,
        LPAREN, RPAREN, LBRACE, RBRACE, COMMA,
        /** Comparison and logical operators written with symbols; {@link #text} is the symbol. */
        OP,
        END
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    /** How tshark quotes a token in messages: the source text. */
    String display(String filter) {
        return kind == Kind.END ? "" : filter.substring(start, start + length);
    }
}
