package org.mptcpinspect.cli;

import java.io.IOException;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.filter.FilterMatcher;

/** One of the packet output formats of read and live: summary lines, -V tree, -T fields or -T json. */
interface PacketOutput {

    /** Before the first packet (e.g. the -E header=y line). */
    default void start() throws IOException {
    }

    /** Writes the emitter's current packet. */
    void packet(PacketEmitter packet) throws IOException;

    /**
     * Writes the current packet if it passes the filter; returns whether it did. By default the
     * filter sees the packet first, then the output; outputs that can hold a packet back until
     * the filter decides do both in one walk.
     */
    default boolean packet(PacketEmitter packet, FilterMatcher filter) throws IOException {
        filter.reset();
        packet.emit(filter);
        if (!filter.matches()) {
            return false;
        }
        packet(packet);
        return true;
    }

    /** Pushes what was written so far into the output stream (live captures, while running). */
    default void flush() throws IOException {
    }

    /** After the last packet (e.g. closing the JSON array). */
    default void finish() throws IOException {
    }
}
