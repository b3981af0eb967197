package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.SummaryColumns;
import org.mptcpinspect.dissector.fields.TextBuffer;

/**
 * The default output: one line per packet with tshark's columns and padding
 * ({@code No. Time Source → Destination Protocol Length Info}).
 */
final class SummaryOutput implements PacketOutput {
    private final OutputStream out;
    private final SummaryColumns columns = new SummaryColumns();
    private final TextBuffer line = new TextBuffer(256);
    private final TextBuffer cell = new TextBuffer(32);
    private int timeDecimals = -1;

    SummaryOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        if (timeDecimals < 0) {
            // tshark prints as many decimals as the capture's timestamp resolution; a first
            // timestamp with sub-microsecond digits means nanosecond resolution.
            timeDecimals = packet.frame().timestampNanos() % 1000 != 0 ? 9 : 6;
        }
        packet.summarize(columns);
        line.clear();
        cell.clear();
        cell.appendUnsigned(packet.frame().number());
        padLeft(cell, 5);
        line.append(' ');
        cell.clear();
        appendSeconds(cell, packet.relativeTime(), timeDecimals);
        padLeft(cell, 10);
        line.append(' ');
        padLeft(columns.source, 12);
        line.append(" \u2192 ");
        line.append(columns.destination, 0, columns.destination.size());
        for (int i = columns.destination.size(); i < 12; i++) {
            line.append(' ');
        }
        line.append(' ');
        line.append(columns.protocol, 0, columns.protocol.size());
        line.append(' ').appendUnsigned(packet.frame().originalLength());
        if (columns.info.size() > 0) {
            line.append(' ');
            line.append(columns.info, 0, columns.info.size());
        }
        line.append('\n');
        line.writeTo(out);
    }

    private void padLeft(TextBuffer text, int width) {
        for (int i = text.size(); i < width; i++) {
            line.append(' ');
        }
        line.append(text, 0, text.size());
    }

    private static void appendSeconds(TextBuffer out, long nanos, int decimals) {
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        out.appendUnsigned(nanos / 1_000_000_000L).append('.');
        long fraction = nanos % 1_000_000_000L;
        out.appendPadded(decimals == 9 ? fraction : fraction / 1000, decimals);
    }
}
