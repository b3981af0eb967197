package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.JsonPacketWriter;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/** -T json: the whole tree of each packet, or only the -e fields when some are given. */
final class JsonOutput implements PacketOutput {
    private final JsonPacketWriter writer;
    private final FieldCollector fields;

    /** @param fields the -e fields, or null for the whole tree */
    JsonOutput(JsonPacketWriter writer, FieldCollector fields) {
        this.writer = writer;
        this.fields = fields;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        writer.beginPacket(packet.frame().timestampNanos(), packet.frame().data());
        if (fields == null) {
            packet.emit(writer);
        } else {
            fields.reset();
            packet.emit(fields);
            writer.writeFields(fields);
        }
        writer.endPacket();
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
