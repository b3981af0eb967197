package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TextBuffer;

/**
 * The default output: one line per packet with tshark's columns and padding
 * ({@code No. Time Source → Destination Protocol Length Info}).
 */
final class SummaryOutput implements PacketOutput {
    private final OutputStream out;
    private final SummaryCells cells = new SummaryCells();
    private final TextBuffer line = new TextBuffer(256);

    SummaryOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        cells.fill(packet);
        line.clear();
        padLeft(cells.cell(0), 5);
        line.append(' ');
        padLeft(cells.cell(1), 10);
        line.append(' ');
        padLeft(cells.cell(2), 12);
        line.append(" \u2192 ");
        TextBuffer destination = cells.cell(3);
        line.append(destination, 0, destination.size());
        for (int i = destination.size(); i < 12; i++) {
            line.append(' ');
        }
        line.append(' ');
        line.append(cells.cell(4), 0, cells.cell(4).size());
        line.append(' ');
        line.append(cells.cell(5), 0, cells.cell(5).size());
        TextBuffer info = cells.cell(6);
        if (info.size() > 0) {
            line.append(' ');
            line.append(info, 0, info.size());
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
}
