package org.mptcpinspect.dissector.analysis.mptcp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a data-level stream as raw bytes, a hex dump (offset, 16 bytes in hex, ASCII) or ASCII:
 * the stream command's output and the GUI's Follow MPTCP Stream, so both print the same.
 * {@link #finish()} ends a partial hex line; later bytes start a new line at the next offset.
 */
public final class FormattingSink implements DataStreamSink {
    /** raw bytes, a hex dump, or ASCII with non-printing bytes as dots. */
    public enum Format { raw, hex, ascii }

    private final OutputStream out;
    private final Format format;
    private final byte[] line = new byte[16];
    private int filled;
    private long offset;

    public FormattingSink(OutputStream out, Format format) {
        this.out = out;
        this.format = format;
    }

    @Override
    public void accept(byte[] data, int from, int length) {
        try {
            switch (format) {
                case raw -> out.write(data, from, length);
                case ascii -> {
                    byte[] text = new byte[length];
                    for (int i = 0; i < length; i++) {
                        byte b = data[from + i];
                        text[i] = b >= 0x20 && b < 0x7f || b == '\n' || b == '\r' || b == '\t' ? b : (byte) '.';
                    }
                    out.write(text);
                }
                case hex -> {
                    for (int i = 0; i < length; i++) {
                        line[filled++] = data[from + i];
                        if (filled == line.length) {
                            flushLine();
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish() {
        if (filled > 0) {
            try {
                flushLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void flushLine() throws IOException {
        StringBuilder sb = new StringBuilder(80);
        sb.append(String.format("%08x  ", offset));
        for (int i = 0; i < 16; i++) {
            sb.append(i < filled ? String.format("%02x ", line[i] & 0xff) : "   ");
            if (i == 7) {
                sb.append(' ');
            }
        }
        sb.append(' ');
        for (int i = 0; i < filled; i++) {
            int b = line[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        offset += filled;
        filled = 0;
    }
}
