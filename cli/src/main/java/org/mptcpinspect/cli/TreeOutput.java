package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TreePrinter;

/** -V: the whole dissection tree of each packet. */
final class TreeOutput implements PacketOutput {
    private final TreePrinter printer;
    private final OutputStream out;

    TreeOutput(TreePrinter printer, OutputStream out) {
        this.printer = printer;
        this.out = out;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        printer.begin();
        packet.emit(printer);
        printer.end(out);
    }
}
