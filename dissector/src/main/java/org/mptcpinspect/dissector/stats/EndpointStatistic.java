package org.mptcpinspect.dissector.stats;


/**
 * {@code -z endpoints,TYPE[,FILTER]}: tshark's tap-endpoints. Each frame counts as sent by its
 * source and received by its destination (in that order of first appearance); rows come by
 * total frames, most first.
 */
public final class EndpointStatistic extends AddressStatistic {
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

    private final RowTable<Key, Row> rows = new RowTable<>(Row::new);

    EndpointStatistic(Addresses.Kind kind, TapFilter filter) {
        super(kind, filter);
    }

    @Override
    void count(Addresses a, long time, long length) {
        Row source = rows.row(new Key(a.v6, a.srcHi, a.srcLo, a.srcPort));
        source.txFrames++;
        source.txBytes += length;
        Row destination = rows.row(new Key(a.v6, a.dstHi, a.dstLo, a.dstPort));
        destination.rxFrames++;
        destination.rxBytes += length;
    }

    @Override
    public void write(StringBuilder out) {
        title(out, "Endpoints");
        out.append("                       |  ").append(kind.ports ? "Port  ||  " : "")
                .append("Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
        for (Row r : rows.byFrames(r -> r.txFrames + r.rxFrames)) {
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
        out.append(RULE);
    }

    private static StringBuilder number(StringBuilder out, long value, int width) {
        return Printf.right(out, Long.toString(value), width);
    }
}
