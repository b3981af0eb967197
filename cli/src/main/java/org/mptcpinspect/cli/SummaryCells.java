package org.mptcpinspect.cli;

import java.util.List;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.fields.SummaryColumns;
import org.mptcpinspect.dissector.fields.TextBuffer;

/**
 * A packet's summary columns as tshark prints them, unpadded: No., Time (seconds since the first
 * frame), Source, Destination, Protocol, Length, Info. The summary line pads them; -T psml and
 * -T ek -P print them as they are. Reused from packet to packet.
 */
final class SummaryCells {
    /** tshark's default column titles, in order. */
    static final List<String> TITLES = List.of("No.", "Time", "Source", "Destination", "Protocol", "Length", "Info");

    private final SummaryColumns columns = new SummaryColumns();
    private final TextBuffer number = new TextBuffer(16);
    private final TextBuffer time = new TextBuffer(24);
    private final TextBuffer length = new TextBuffer(8);
    private final TextBuffer[] cells = {number, time, columns.source, columns.destination, columns.protocol, length,
        columns.info};
    private int timeDecimals = -1;

    /** Fills the columns with the packet's. */
    void fill(PacketEmitter packet) {
        if (timeDecimals < 0) {
            // tshark prints as many decimals as the capture's timestamp resolution; a first
            // timestamp with sub-microsecond digits means nanosecond resolution (the file's first
            // frame, shown or not: -2 -R may leave it out).
            timeDecimals = packet.firstTimestamp() % 1000 != 0 ? 9 : 6;
        }
        packet.summarize(columns);
        number.clear();
        number.appendUnsigned(packet.frame().number());
        time.clear();
        appendSeconds(time, packet.relativeTime(), timeDecimals);
        length.clear();
        length.appendUnsigned(packet.frame().originalLength());
    }

    /** Column {@code i} (in {@link #TITLES}' order) of the packet last filled. */
    TextBuffer cell(int i) {
        return cells[i];
    }

    private static void appendSeconds(TextBuffer out, long nanos, int decimals) {
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        out.appendUnsigned(nanos / 1_000_000_000L).append('.');
        long fraction = nanos % 1_000_000_000L;
        out.appendPadded(decimals == 9 ? fraction : fraction / 1000, decimals);
    }
}
