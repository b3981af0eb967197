package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.EkPacketWriter;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * -T ek: per packet an index line and a document line with the timestamp, the summary columns
 * (-P) and the layers: the whole tree, or the -e fields when some are given. As in tshark, -P
 * without -V or -O prints no layers.
 */
final class EkOutput extends LayersOutput {
    private final EkPacketWriter ek;
    private final SummaryCells summary;
    private final boolean layers;

    /**
     * @param fields  the -e fields, or null for the whole tree
     * @param summary whether the summary columns are printed (-P)
     * @param layers  whether the layers are printed
     */
    EkOutput(EkPacketWriter writer, FieldCollector fields, boolean summary, boolean layers) {
        super(writer, fields);
        this.ek = writer;
        this.summary = summary ? new SummaryCells() : null;
        this.layers = layers;
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        ek.beginPacket(packet.frame().timestampNanos());
        if (summary != null) {
            summary.fill(packet);
            for (int i = 0; i < SummaryCells.TITLES.size(); i++) {
                ek.column(SummaryCells.TITLES.get(i), summary.cell(i).toString());
            }
        }
        if (layers) {
            ek.beginLayers(packet.frame().data());
            ek.layers(packet, fields);
            ek.endLayers();
        }
        ek.endPacket();
    }
}
