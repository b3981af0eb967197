package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/** -T fields: one row of -e values per packet. */
final class FieldsOutput implements PacketOutput {
    private final FieldCollector collector;
    private final OutputStream out;
    private final boolean header;

    FieldsOutput(FieldCollector collector, boolean header, OutputStream out) {
        this.collector = collector;
        this.header = header;
        this.out = out;
    }

    @Override
    public void start() throws IOException {
        if (header) {
            collector.writeHeader(out);
        }
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        collector.reset();
        packet.emit(collector);
        collector.writeRow(out);
    }
}
