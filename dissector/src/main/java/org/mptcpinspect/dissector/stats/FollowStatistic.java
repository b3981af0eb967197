package org.mptcpinspect.dissector.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.decode.AddressFormat;
import org.mptcpinspect.dissector.decode.IpHeader;
import org.mptcpinspect.dissector.decode.Ipv4Header;
import org.mptcpinspect.dissector.decode.Ipv6Header;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code -z follow,tcp,ascii|hex|raw,STREAM[,RANGE]}: tshark's tap-follow over Wireshark's TCP
 * follow tap. Each direction's bytes are taken in sequence order: a retransmission adds only
 * what was not seen, a segment after a gap waits until the gap is filled (or the peer
 * acknowledges past it: "[N bytes missing in capture file]"). Node 0 is the sender of the
 * stream's first frame. Memory: the followed stream's payload, as tshark.
 */
public final class FollowStatistic implements Statistic {
    /** How chunks are printed. */
    enum Mode {
        ASCII, HEX, RAW
    }

    private static final String SEPARATOR = "===================================================================\n";
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** A run of one direction's bytes (tshark's follow_record_t). */
    private record Chunk(boolean server, long seq, byte[] data) {
    }

    private final Mode mode;
    private final int stream;
    private final long firstChunk;
    private final long lastChunk;
    private final List<Chunk> chunks = new ArrayList<>();
    /** Segments after a gap, per direction (0: client, 1: server), in arrival order. */
    private final List<List<Chunk>> fragments = List.of(new ArrayList<>(), new ArrayList<>());
    /** Next expected sequence number per direction; 0 until its first data (as Wireshark). */
    private final long[] nextSeq = new long[2];
    private String client;
    private String server;

    FollowStatistic(Mode mode, int stream, long firstChunk, long lastChunk) {
        this.mode = mode;
        this.stream = stream;
        this.firstChunk = firstChunk;
        this.lastChunk = lastChunk;
    }

    @Override
    public void packet(PacketEmitter packet) {
        TcpHeader tcp = packet.packet().tcp();
        TcpSegment segment = packet.segment();
        if (tcp == null || segment == null || segment.stream() != stream) {
            return;
        }
        IpHeader ip = packet.packet().ip();
        String source = endpoint(ip, true, tcp.sourcePort());
        if (client == null) {
            client = source;
            server = endpoint(ip, false, tcp.destinationPort());
        }
        int side = source.equals(client) ? 0 : 1;
        // Does this frame acknowledge past a gap in the other direction?
        if (tcp.ack()) {
            while (flushFragments(1 - side, tcp.acknowledgmentNumber(), true)) {
                // keep taking what became contiguous
            }
        }
        long seq = tcp.sequenceNumber();
        if (tcp.syn()) {
            seq = (seq + 1) & 0xffffffffL;
        }
        int length = tcp.payloadLength();
        if (length == 0) {
            return;
        }
        byte[] frame = packet.frame().data();
        int from = tcp.payloadOffset();
        byte[] data = Arrays.copyOfRange(frame, from, from + tcp.payloadCapturedLength());
        if (nextSeq[side] == 0) {
            nextSeq[side] = seq;
        }
        if (lessThan(seq, nextSeq[side])) {
            long overlap = (nextSeq[side] - seq) & 0xffffffffL;
            if (overlap >= length) {
                return; // nothing new
            }
            data = Arrays.copyOfRange(data, (int) Math.min(overlap, data.length), data.length);
            length -= (int) overlap;
            seq = nextSeq[side];
        }
        if (seq == nextSeq[side]) {
            chunks.add(new Chunk(side == 1, seq, data));
            nextSeq[side] = (nextSeq[side] + length) & 0xffffffffL;
            while (flushFragments(side, 0, false)) {
                // the gap after it may have been filled
            }
        } else {
            fragments.get(side).add(new Chunk(side == 1, seq, data));
        }
    }

    /** Wireshark's check_follow_fragments: moves one waiting segment into the stream if it fits now. */
    private boolean flushFragments(int side, long acknowledged, boolean useAck) {
        List<Chunk> waiting = fragments.get(side);
        if (waiting.isEmpty()) {
            return false;
        }
        long lowest = waiting.get(0).seq;
        for (int i = 0; i < waiting.size(); i++) {
            Chunk f = waiting.get(i);
            if (lessThan(f.seq, lowest)) {
                lowest = f.seq;
            }
            if (lessThan(f.seq, nextSeq[side])) {
                long end = (f.seq + f.data.length) & 0xffffffffL;
                if (lessThan(nextSeq[side], end)) {
                    int fresh = (int) ((nextSeq[side] - f.seq) & 0xffffffffL);
                    chunks.add(new Chunk(side == 1, nextSeq[side], Arrays.copyOfRange(f.data, fresh, f.data.length)));
                    nextSeq[side] = (nextSeq[side] + f.data.length - fresh) & 0xffffffffL;
                }
                waiting.remove(i);
                return true;
            }
            if (f.seq == nextSeq[side]) {
                if (f.data.length > 0) {
                    chunks.add(f);
                }
                nextSeq[side] = (nextSeq[side] + f.data.length) & 0xffffffffL;
                waiting.remove(i);
                return true;
            }
        }
        if (useAck && lessThan(lowest, acknowledged)) {
            // The receiver saw bytes the capture did not: tshark shows a placeholder chunk.
            String missing = "[" + (int) ((lowest - nextSeq[side]) & 0xffffffffL) + " bytes missing in capture file]";
            chunks.add(new Chunk(side == 1, nextSeq[side], missing.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            nextSeq[side] = lowest;
            return true;
        }
        return false;
    }

    private static String endpoint(IpHeader ip, boolean source, int port) {
        return switch (ip) {
            case Ipv4Header v4 -> AddressFormat.ipv4(source ? v4.source() : v4.destination()) + ":" + port;
            case Ipv6Header v6 -> "[" + (source ? AddressFormat.ipv6(v6.sourceHigh(), v6.sourceLow())
                    : AddressFormat.ipv6(v6.destinationHigh(), v6.destinationLow())) + "]:" + port;
        };
    }

    private static boolean lessThan(long a, long b) {
        return (int) (a - b) < 0;
    }

    @Override
    public void write(StringBuilder out) {
        out.append('\n').append(SEPARATOR);
        out.append("Follow: tcp,").append(mode.name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        out.append("Filter: tcp.stream eq ").append(stream).append('\n');
        out.append("Node 0: ").append(client == null ? ":0" : client).append('\n');
        out.append("Node 1: ").append(server == null ? ":0" : server).append('\n');
        long[] position = new long[2];
        long number = 0;
        for (Chunk c : chunks) {
            number++;
            int side = c.server ? 1 : 0;
            if (number < firstChunk || number > lastChunk) {
                position[side] += c.data.length;
                continue;
            }
            switch (mode) {
                case ASCII -> {
                    out.append(c.server ? "\t" : "").append(c.data.length).append('\n');
                    for (byte b : c.data) {
                        char ch = (char) (b & 0xff);
                        out.append(ch == '\r' || ch == '\n' || ch >= 0x20 && ch < 0x7f ? ch : '.');
                    }
                    out.append('\n');
                }
                case HEX -> {
                    hex(out, c.server ? "\t" : "", position[side], c.data);
                    position[side] += c.data.length;
                }
                case RAW -> {
                    if (c.server) {
                        out.append('\t');
                    }
                    for (byte b : c.data) {
                        out.append(HEX_DIGITS[(b >> 4) & 0xf]).append(HEX_DIGITS[b & 0xf]);
                    }
                    out.append('\n');
                }
            }
        }
        out.append(SEPARATOR);
    }

    /** tshark's follow_print_hex: offset in upper-case hex, 16 bytes, an extra space after 8. */
    private static void hex(StringBuilder out, String prefix, long offset, byte[] data) {
        for (int line = 0; line < data.length; line += 16) {
            int n = Math.min(16, data.length - line);
            out.append(prefix);
            String at = Long.toHexString((offset + line) & 0xffffffffL).toUpperCase(java.util.Locale.ROOT);
            for (int i = at.length(); i < 8; i++) {
                out.append('0');
            }
            out.append(at).append("  ");
            StringBuilder ascii = new StringBuilder(17);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    int b = data[line + i] & 0xff;
                    out.append(HEX_DIGITS[b >> 4]).append(HEX_DIGITS[b & 0xf]).append(' ');
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == 7) {
                    out.append(' ');
                    if (i < n) {
                        ascii.append(' ');
                    }
                }
            }
            out.append(' ');
            // tshark drops the column-8 space when the line ends right after it.
            if (ascii.length() > 0 && ascii.charAt(ascii.length() - 1) == ' ') {
                ascii.setLength(ascii.length() - 1);
            }
            out.append(ascii).append('\n');
        }
    }
}
