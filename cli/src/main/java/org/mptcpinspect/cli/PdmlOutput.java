package org.mptcpinspect.cli;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mptcpinspect.dissector.fields.FieldCollector;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.PdmlPacketWriter;
import org.mptcpinspect.dissector.fields.TextBuffer;
import org.mptcpinspect.dissector.fields.ValueFormat;

/** -T pdml: the whole tree of each packet as XML, or only the -e fields when some are given. */
final class PdmlOutput extends LayersOutput {
    /** C's asctime(), which tshark writes the time of the run with ("Mon Nov 30 02:39:27 2026"). */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ROOT);

    private final PdmlPacketWriter pdml;
    private final ValueFormat format;
    private final String captureFile;
    private final TextBuffer time = new TextBuffer(48);

    /**
     * @param fields      the -e fields, or null for the whole tree
     * @param captureFile the capture file's name as given ("" for a live capture)
     */
    PdmlOutput(PdmlPacketWriter writer, FieldCollector fields, ValueFormat format, String captureFile) {
        super(writer, fields);
        this.pdml = writer;
        this.format = format;
        this.captureFile = captureFile;
    }

    @Override
    public void start() throws IOException {
        pdml.start("mptcp-inspect/" + Main.Version.number(), ASCTIME.format(LocalDateTime.now()), captureFile);
    }

    @Override
    public void packet(PacketEmitter packet) throws IOException {
        time.clear();
        format.localTime(time, packet.frame().timestampNanos());
        pdml.beginPacket(packet.frame().number(), packet.frame().originalLength(), packet.frame().capturedLength(),
                packet.frame().timestampNanos(), time.toString(), packet.frame().data());
        pdml.layers(packet, fields);
        pdml.endPacket();
    }
}
