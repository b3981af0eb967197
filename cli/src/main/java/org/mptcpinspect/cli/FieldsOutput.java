package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.TeeSink;
import org.mptcpinspect.dissector.filter.FilterMatcher;

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

    /** Filter and fields in one walk: the row is written only if the packet matches. */
    @Override
    public boolean packet(PacketEmitter packet, FilterMatcher filter) throws IOException {
        collector.reset();
        filter.reset();
        packet.emit(new TeeSink(filter, collector));
        if (!filter.matches()) {
            return false;
        }
        collector.writeRow(out);
        return true;
    }
}
