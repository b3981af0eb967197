package org.mptcpinspect.dissector.filter;

/**
 * A display filter that cannot be compiled. {@link #getMessage()} is the one-line reason (in
 * tshark's words where tshark has them); {@link #describe()} adds the filter and a caret line
 * pointing at the offending part, as tshark prints them.
 */
public final class FilterException extends Exception {
    private final String filter;
    private final int position;
    private final int length;

    public FilterException(String message, String filter, int position, int length) {
        super(message);
        this.filter = filter;
        this.position = position;
        this.length = length;
    }

    /** Character offset of the offending part of the filter. */
    public int position() {
        return position;
    }

    /** Length of the offending part (at least 1). */
    public int length() {
        return length;
    }

    public String filter() {
        return filter;
    }

    /** Three lines: the message, the filter indented by four spaces, and a caret line under the offending part. */
    public String describe() {
        StringBuilder sb = new StringBuilder(getMessage()).append('\n');
        sb.append("    ").append(filter).append('\n');
        sb.append("    ").append(" ".repeat(Math.max(0, position))).append('^');
        sb.append("~".repeat(Math.max(0, length - 1)));
        return sb.toString();
    }
}
