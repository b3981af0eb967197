package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/** One of read's output formats: summary lines, -V tree, -T fields or -T json. */
interface PacketOutput {

    /** Before the first packet (e.g. the -E header=y line). */
    default void start() throws IOException {
    }

    /** Writes the emitter's current packet. */
    void packet(PacketEmitter packet) throws IOException;

    /** After the last packet (e.g. closing the JSON array). */
    default void finish() throws IOException {
    }
}
