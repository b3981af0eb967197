package org.mptcpinspect.dissector.analysis.mptcp;

/**
 * Receives one direction of a connection's data-level stream, in data sequence order, as the
 * bytes become contiguous. Gaps are never filled: the bytes after a gap that was given up on
 * follow directly, and the stream's report lists the missing range. Write errors are
 * {@link java.io.UncheckedIOException}s.
 */
public interface DataStreamSink {
    /** The next {@code length} bytes of the stream; {@code data} is only valid during the call. */
    void accept(byte[] data, int offset, int length);

    /**
     * The next bytes, as {@link #accept}, from an array that is never modified afterwards (a
     * frame's bytes): a sink may keep the reference instead of copying, e.g. to hash on another
     * thread.
     */
    default void acceptUnchanging(byte[] data, int offset, int length) {
        accept(data, offset, length);
    }

    /** No more data will come (end of capture). */
    default void finish() {
    }

    /** Lower-case hex SHA-256 of everything accepted, or null when this sink does not digest. */
    default String sha256() {
        return null;
    }

    /** A sink that drops the bytes (only the stream's length and completeness are kept). */
    DataStreamSink DISCARD = (data, offset, length) -> { };
}
