package org.mptcpinspect.dissector.stats;

import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * One of tshark's -z statistics: a tap fed every frame of the walk (before the display filter,
 * as tshark's taps), which prints its table once the capture has ended. Memory grows with what
 * the table holds (conversations, expert kinds), never with the number of frames.
 */
public interface Statistic {

    /** Takes the emitter's current frame into account. */
    void packet(PacketEmitter packet);

    /** Appends the statistic's text, as tshark prints it at the end of the capture. */
    void write(StringBuilder out);
}
