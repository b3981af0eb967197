package org.mptcpinspect.dissector.fields;

import java.io.IOException;

/**
 * A writer of tshark's packet documents (-T json, ek, pdml) whose layers are either the whole
 * tree, emitted into it, or the -e fields of a {@link FieldCollector}.
 */
public interface LayersWriter extends FieldSink {

    /** Writes the -e fields of the current packet. */
    void writeFields(FieldCollector fields) throws IOException;

    /** Pushes the packets written so far to the stream (a live capture shows them as they arrive). */
    void flush() throws IOException;

    /** Ends the output (e.g. closes -T json's array) and flushes it. */
    void finish() throws IOException;

    /** Writes the packet's layers: the whole tree, or the -e fields when {@code fields} is not null. */
    default void layers(PacketEmitter packet, FieldCollector fields) throws IOException {
        if (fields == null) {
            packet.emit(this);
        } else {
            fields.reset();
            packet.emit(fields);
            writeFields(fields);
        }
    }
}
