package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.HexDump;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TextBuffer;

/**
 * tshark's text output of a packet, in its order: the summary line (default, or -P), the detail
 * tree (-V, -O; it ends with an empty line), then with -x the frame's hex and ASCII dump followed
 * by an empty line, with an empty line before it after a summary line alone.
 */
final class TextOutput implements PacketOutput {
    private final SummaryOutput summary;
    private final TreeOutput tree;
    private final boolean hex;
    private final OutputStream out;
    private final TextBuffer dump = new TextBuffer(4096);

    /**
     * @param summary the summary lines, or null for none
     * @param tree    the detail tree, or null for none
     * @param hex     whether each packet's bytes are dumped (-x)
     */
    TextOutput(SummaryOutput summary, TreeOutput tree, boolean hex, OutputStream out) {
        this.summary = summary;
        this.tree = tree;
        this.hex = hex;
        this.out = out;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        if (summary != null) {
            summary.packet(packet);
        }
        if (tree != null) {
            tree.packet(packet);
        }
        if (hex) {
            dump.clear();
            if (summary != null && tree == null) {
                dump.append('\n');
            }
            byte[] data = packet.frame().data();
            HexDump.append(dump, data, 0, data.length);
            dump.append('\n');
            dump.writeTo(out);
        }
    }
}
