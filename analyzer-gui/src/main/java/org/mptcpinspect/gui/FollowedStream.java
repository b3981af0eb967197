package org.mptcpinspect.gui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.DsnRange;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;

/**
 * Both directions of one connection's data-level stream, as the tracker delivered them: chunks
 * in the order they became contiguous (which interleaves the directions as the conversation
 * went), and the gaps the tracker gave up on, placed where their bytes would have been. Up to
 * {@link #LIMIT} bytes are kept for display; saving a whole direction runs the tracker again.
 */
final class FollowedStream {
    /** Bytes kept for display (both directions together). */
    static final long LIMIT = 4L << 20;

    /** One piece of the conversation: bytes of one direction, or a gap of {@code gap} bytes. */
    record Piece(boolean clientToServer, byte[] data, long gap) {
        boolean isGap() {
            return data == null;
        }
    }

    /** Collects the delivered chunks of both directions (the tracker's sinks). */
    static final class Recorder {
        private final List<Piece> chunks = new ArrayList<>();
        private long kept;
        private boolean truncated;

        DataStreamSink sink(boolean clientToServer) {
            return (data, offset, length) -> {
                if (kept + length > LIMIT) {
                    truncated = true;
                    return;
                }
                kept += length;
                Piece last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
                if (last != null && last.clientToServer() == clientToServer) {
                    // Consecutive chunks of one direction are one turn of the conversation.
                    byte[] joined = Arrays.copyOf(last.data(), last.data().length + length);
                    System.arraycopy(data, offset, joined, last.data().length, length);
                    chunks.set(chunks.size() - 1, new Piece(clientToServer, joined, 0));
                } else {
                    chunks.add(new Piece(clientToServer, Arrays.copyOfRange(data, offset, offset + length), 0));
                }
            };
        }
    }

    private final ConnectionReport connection;
    private final List<Piece> pieces;
    private final boolean truncated;

    FollowedStream(ConnectionReport connection, Recorder recorder) {
        this.connection = connection;
        this.truncated = recorder.truncated;
        this.pieces = withGaps(recorder.chunks, connection);
    }

    ConnectionReport connection() {
        return connection;
    }

    List<Piece> pieces() {
        return pieces;
    }

    /** Whether more bytes were delivered than {@link #LIMIT} (the rest is not shown). */
    boolean truncated() {
        return truncated;
    }

    /**
     * Inserts each direction's missing ranges where they belong. The tracker's ranges are stream
     * offsets; the delivered bytes skip them, so a gap sits at its start minus the gaps before it.
     */
    private static List<Piece> withGaps(List<Piece> chunks, ConnectionReport c) {
        List<Piece> out = new ArrayList<>();
        long[] delivered = new long[2];
        int[] next = new int[2];
        long[] skipped = new long[2];
        List<List<DsnRange>> missing = List.of(c.s2c().missing(), c.c2s().missing());
        for (Piece chunk : chunks) {
            int d = chunk.clientToServer() ? 1 : 0;
            List<DsnRange> gaps = missing.get(d);
            byte[] data = chunk.data();
            int from = 0;
            while (next[d] < gaps.size()) {
                DsnRange g = gaps.get(next[d]);
                long at = g.start() - skipped[d] - delivered[d];
                if (at > data.length - from) {
                    break;
                }
                if (at > 0) {
                    out.add(new Piece(chunk.clientToServer(), Arrays.copyOfRange(data, from, from + (int) at), 0));
                    from += (int) at;
                    delivered[d] += at;
                }
                out.add(new Piece(chunk.clientToServer(), null, g.length()));
                skipped[d] += g.length();
                next[d]++;
            }
            if (from < data.length) {
                out.add(new Piece(chunk.clientToServer(), from == 0 ? data : Arrays.copyOfRange(data, from,
                        data.length), 0));
                delivered[d] += data.length - from;
            }
        }
        // Gaps after the last delivered byte (e.g. the stream's end was not captured).
        for (int d = 0; d < 2; d++) {
            List<DsnRange> gaps = missing.get(d);
            for (int i = next[d]; i < gaps.size(); i++) {
                out.add(new Piece(d == 1, null, gaps.get(i).length()));
            }
        }
        return List.copyOf(out);
    }

    /** The stream report of a direction. */
    StreamReport report(boolean clientToServer) {
        return clientToServer ? connection.c2s() : connection.s2c();
    }

    /**
     * Writes the pieces of the chosen directions (null: both) in a format, a gap as a one-line
     * note (raw: nothing, so raw output is exactly the delivered bytes). Each direction has its
     * own formatter, so hex offsets count that direction's bytes.
     */
    void write(OutputStream out, Boolean clientToServer, FormattingSink.Format format) throws IOException {
        FormattingSink c2s = new FormattingSink(out, format);
        FormattingSink s2c = new FormattingSink(out, format);
        for (Piece p : pieces) {
            if (clientToServer != null && p.clientToServer() != clientToServer) {
                continue;
            }
            if (p.isGap()) {
                if (format != FormattingSink.Format.raw) {
                    out.write(gapNote(p).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                continue;
            }
            FormattingSink sink = p.clientToServer() ? c2s : s2c;
            sink.accept(p.data(), 0, p.data().length);
            if (clientToServer == null) {
                sink.finish();
            }
        }
        c2s.finish();
        s2c.finish();
    }

    static String gapNote(Piece gap) {
        return "\n[" + gap.gap() + " bytes missing: not in the capture]\n";
    }

    /** One piece formatted for display. */
    static String text(Piece p, FormattingSink.Format format, FormattingSink[] sinks, ByteArrayOutputStream buffer) {
        if (p.isGap()) {
            return gapNote(p).strip();
        }
        buffer.reset();
        FormattingSink sink = sinks[p.clientToServer() ? 1 : 0];
        sink.accept(p.data(), 0, p.data().length);
        sink.finish();
        return buffer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
