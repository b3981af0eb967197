package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.Xml;

/**
 * -T psml (Packet Summary Markup Language): the summary columns' titles, then per packet one
 * {@code <section>} per column, as tshark writes them.
 */
final class PsmlOutput implements PacketOutput {
    private final OutputStream out;
    private final SummaryCells cells = new SummaryCells();
    private final StringBuilder text = new StringBuilder(512);

    PsmlOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void start() throws IOException {
        text.setLength(0);
        text.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<psml version=\"0\" creator=\"mptcp-inspect/")
                .append(Xml.escaped(Main.Version.number())).append("\">\n<structure>\n");
        for (String title : SummaryCells.TITLES) {
            section(title);
        }
        text.append("</structure>\n\n");
        write();
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        cells.fill(packet);
        text.setLength(0);
        text.append("<packet>\n");
        for (int i = 0; i < SummaryCells.TITLES.size(); i++) {
            section(cells.cell(i).toString());
        }
        text.append("</packet>\n\n");
        write();
    }

    @Override
    public void finish() throws IOException {
        text.setLength(0);
        text.append("</psml>\n");
        write();
    }

    private void section(String content) {
        text.append("<section>").append(Xml.escaped(content)).append("</section>\n");
    }

    private void write() throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
