package org.mptcpinspect.dissector.stats;

import java.util.List;

/**
 * {@code -z conv,TYPE[,FILTER]}: tshark's tap-iousers over Wireshark's conversation table. A
 * conversation's side A is the source of its first frame; "->" counts A's frames, "<-" B's.
 * Rows come by total frames, most first, ties in order of first appearance.
 */
public final class ConversationStatistic extends AddressStatistic {
    private record Key(boolean v6, long aHi, long aLo, long bHi, long bLo, int aPort, int bPort, long conversation) {
    }

    private static final class Row {
        final Key key;
        long framesAtoB;
        long bytesAtoB;
        long framesBtoA;
        long bytesBtoA;
        long start;
        long stop;

        Row(Key key) {
            this.key = key;
        }
    }

    private final RowTable<Key, Row> rows = new RowTable<>(Row::new);

    ConversationStatistic(Addresses.Kind kind, TapFilter filter) {
        super(kind, filter);
    }

    @Override
    void count(Addresses a, long time, long length) {
        Key forward = new Key(a.v6, a.srcHi, a.srcLo, a.dstHi, a.dstLo, a.srcPort, a.dstPort, a.conversation);
        Row row = rows.get(forward);
        boolean fromA = true;
        if (row == null) {
            row = rows.get(new Key(a.v6, a.dstHi, a.dstLo, a.srcHi, a.srcLo, a.dstPort, a.srcPort, a.conversation));
            fromA = false;
        }
        if (row == null) {
            row = rows.row(forward);
            row.start = time;
            row.stop = time;
            fromA = true;
        }
        if (fromA) {
            row.framesAtoB++;
            row.bytesAtoB += length;
        } else {
            row.framesBtoA++;
            row.bytesBtoA += length;
        }
        // As Wireshark: a later stop, or else an earlier start (frames out of time order).
        if (time > row.stop) {
            row.stop = time;
        } else if (time < row.start) {
            row.start = time;
        }
    }

    @Override
    public void write(StringBuilder out) {
        String indent = kind.ports ? "            " : "";
        title(out, "Conversations");
        out.append(indent).append("                                               |       <-      | |       ->      |"
                + " |     Total     |    Relative    |   Duration   |\n");
        out.append(indent).append("                                               | Frames  Bytes | | Frames  Bytes |"
                + " | Frames  Bytes |      Start     |              |\n");
        List<Row> sorted = rows.byFrames(r -> r.framesAtoB + r.framesBtoA);
        int width = kind.ports ? 26 : 20;
        for (Row r : sorted) {
            Key k = r.key;
            Printf.left(out, name(k.v6, k.aHi, k.aLo, k.aPort), width).append(" <-> ");
            Printf.left(out, name(k.v6, k.bHi, k.bLo, k.bPort), width).append("  ");
            counts(out, r.framesBtoA, r.bytesBtoA).append("  ");
            counts(out, r.framesAtoB, r.bytesAtoB).append("  ");
            counts(out, r.framesAtoB + r.framesBtoA, r.bytesAtoB + r.bytesBtoA).append("  ");
            double start = Printf.seconds(r.start);
            Printf.fixed(out, start, 14, 9).append("   ");
            Printf.fixed(out, Printf.seconds(r.stop) - start, 12, 4).append('\n');
        }
        out.append(RULE);
    }

    private String name(boolean v6, long hi, long lo, int port) {
        String address = Addresses.show(kind, v6, hi, lo);
        return kind.ports ? address + ":" + port : address;
    }

    /** "%6u %-9s": frames, then bytes in Wireshark's size format. */
    private static StringBuilder counts(StringBuilder out, long frames, long bytes) {
        Printf.right(out, Long.toString(frames), 6).append(' ');
        return Printf.left(out, Printf.size(bytes), 9);
    }
}
