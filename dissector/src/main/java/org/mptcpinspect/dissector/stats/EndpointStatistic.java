package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code -z endpoints,TYPE[,FILTER]}: tshark's tap-endpoints. Each frame counts as sent by its
 * source and received by its destination (in that order of first appearance); rows come by
 * total frames, most first.
 */
public final class EndpointStatistic implements Statistic {
    private record Key(boolean v6, long hi, long lo, int port) {
    }

    private static final class Row {
        final Key key;
        long txFrames;
        long txBytes;
        long rxFrames;
        long rxBytes;

        Row(Key key) {
            this.key = key;
        }
    }

    private final Addresses.Kind kind;
    private final TapFilter filter;
    private final Addresses addresses = new Addresses();
    private final Map<Key, Row> rows = new HashMap<>();
    private final List<Row> order = new ArrayList<>();

    EndpointStatistic(Addresses.Kind kind, TapFilter filter) {
        this.kind = kind;
        this.filter = filter;
    }

    @Override
    public void packet(PacketEmitter packet) {
        if (!addresses.take(kind, packet) || !filter.matches(packet)) {
            return;
        }
        Addresses a = addresses;
        long length = packet.frame().originalLength();
        Row source = row(new Key(a.v6, a.srcHi, a.srcLo, a.srcPort));
        source.txFrames++;
        source.txBytes += length;
        Row destination = row(new Key(a.v6, a.dstHi, a.dstLo, a.dstPort));
        destination.rxFrames++;
        destination.rxBytes += length;
    }

    private Row row(Key key) {
        Row row = rows.get(key);
        if (row == null) {
            row = new Row(key);
            rows.put(key, row);
            order.add(row);
        }
        return row;
    }

    @Override
    public void write(StringBuilder out) {
        out.append("================================================================================\n");
        out.append(kind.title).append(" Endpoints\n");
        out.append("Filter:").append(filter.shown()).append('\n');
        out.append("                       |  ").append(kind.ports ? "Port  ||  " : "")
                .append("Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        List<Row> sorted = new ArrayList<>(order);
        sorted.sort((x, y) -> Long.compare(y.txFrames + y.rxFrames, x.txFrames + x.rxFrames));
        for (Row r : sorted) {
            Key k = r.key;
            Printf.left(out, Addresses.show(kind, k.v6, k.hi, k.lo), 20).append("      ");
            if (kind.ports) {
                Printf.right(out, Integer.toString(k.port), 5).append("     ");
            }
            number(out, r.txFrames + r.rxFrames, 6).append("     ");
            number(out, r.txBytes + r.rxBytes, 9).append("     ");
            number(out, r.txFrames, 6).append("       ");
            number(out, r.txBytes, 9).append("      ");
            number(out, r.rxFrames, 6).append("       ");
            number(out, r.rxBytes, 9).append("   \n");
        }
        out.append("================================================================================\n");
    }

    private static StringBuilder number(StringBuilder out, long value, int width) {
        return Printf.right(out, Long.toString(value), width);
    }
}
