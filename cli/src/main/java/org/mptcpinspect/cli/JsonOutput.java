package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.JsonPacketWriter;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/** -T json: the whole tree of each packet, or only the -e fields when some are given. */
final class JsonOutput extends LayersOutput {
    private final JsonPacketWriter json;

    /** @param fields the -e fields, or null for the whole tree */
    JsonOutput(JsonPacketWriter writer, FieldCollector fields) {
        super(writer, fields);
        this.json = writer;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        json.beginPacket(packet.frame().timestampNanos(), packet.frame().data());
        json.layers(packet, fields);
        json.endPacket();
    }
}
