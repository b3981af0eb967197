package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.LayersWriter;

/** The outputs of tshark's packet documents (-T json, ek, pdml): the whole tree or the -e fields. */
abstract class LayersOutput implements PacketOutput {
    protected final LayersWriter writer;
    protected final FieldCollector fields;

    /** @param fields the -e fields, or null for the whole tree */
    LayersOutput(LayersWriter writer, FieldCollector fields) {
        this.writer = writer;
        this.fields = fields;
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void finish() throws IOException {
        writer.finish();
    }
}
