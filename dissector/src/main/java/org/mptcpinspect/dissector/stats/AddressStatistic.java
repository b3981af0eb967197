package org.mptcpinspect.dissector.stats;

import org.mptcpinspect.dissector.fields.PacketEmitter;

/** A conversation or endpoint table: which frames it counts, and its title lines. */
abstract class AddressStatistic implements Statistic {
    static final String RULE = "================================================================================\n";

    final Addresses.Kind kind;
    private final TapFilter filter;
    private final Addresses addresses = new Addresses();

    AddressStatistic(Addresses.Kind kind, TapFilter filter) {
        this.kind = kind;
        this.filter = filter;
    }

    @Override
    public final void packet(PacketEmitter packet) {
        if (addresses.take(kind, packet) && filter.matches(packet)) {
            count(addresses, packet.relativeTime(), packet.frame().originalLength());
        }
    }

    /** Counts a frame the table takes: its addresses, time since the first frame, length on the wire. */
    abstract void count(Addresses a, long time, long length);

    /** The rule, "TYPE Conversations" or "TYPE Endpoints", and the filter line. */
    void title(StringBuilder out, String table) {
        out.append(RULE).append(kind.title).append(' ').append(table).append('\n');
        out.append("Filter:").append(filter.shown()).append('\n');
    }
}
