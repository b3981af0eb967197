package org.mptcpinspect.plot;

import java.util.Arrays;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;

/**
 * The points of one connection's subflow timeline, as the connection tracker reported them per
 * packet: data segments at their (relative) data sequence number, DATA_ACKs at the data
 * sequence number they acknowledge. Nothing is derived here; the arrays only keep the tracker's
 * numbers compactly (about 30 bytes a point), so a million-packet capture stays small.
 *
 * <p>Only the tracker's thread adds points; {@link #frozen()} hands a view of the points so far to
 * another thread (a live capture's snapshot) without copying: points are only ever appended, so
 * the view's range of the arrays never changes, and a longer capture moves to new arrays.
 */
public final class TimelineData {
    /** Point flags. */
    public static final byte CLIENT_TO_SERVER = 1;
    public static final byte DATA_ACK = 2;
    public static final byte RETRANSMISSION = 4;
    public static final byte REINJECTION = 8;

    private long[] time = new long[64];
    private long[] dsn = new long[64];
    private long[] frame = new long[64];
    private int[] length = new int[64];
    private byte[] subflow = new byte[64];
    private byte[] flags = new byte[64];
    private int size;
    /** A view of another instance's points: it takes no more. */
    private final boolean frozen;

    public TimelineData() {
        frozen = false;
    }

    private TimelineData(TimelineData points) {
        time = points.time;
        dsn = points.dsn;
        frame = points.frame;
        length = points.length;
        subflow = points.subflow;
        flags = points.flags;
        size = points.size;
        frozen = true;
    }

    /** The points so far, unchanging (this one goes on taking points). */
    public TimelineData frozen() {
        return frozen ? this : new TimelineData(this);
    }

    /**
     * Records what the tracker said about one packet of this connection. The DSNs are the
     * tracker's, relative to the sender's IDSN (a DATA_ACK: to the IDSN of the side it acknowledges).
     */
    public void add(MptcpTracker tracker, MptcpPacketAnalysis a, TcpSegment segment, int payload, long frameNumber,
            long relativeNanos) {
        if (a.mapped() && payload > 0 && tracker.relativeDsnKnown(a.connection(), a.fromClient())) {
            byte f = a.fromClient() ? CLIENT_TO_SERVER : 0;
            if (segment != null && (segment.analysis() & TcpSegment.RETRANSMISSION) != 0) {
                f |= RETRANSMISSION;
            }
            if (!a.reinjectionOf().isEmpty()) {
                f |= REINJECTION;
            }
            append(relativeNanos, a.relativeDsn(), payload, a.subflow(), f, frameNumber);
        }
        if (a.hasDataAck() && tracker.idsnKnown(a.connection(), !a.fromClient())) {
            // The DATA_ACK belongs to the other direction's data: the receiver of this packet sent it.
            long relative = a.dataAck() - tracker.idsn(a.connection(), !a.fromClient());
            append(relativeNanos, relative, 0, a.subflow(), (byte) (DATA_ACK | (a.fromClient() ? 0 : CLIENT_TO_SERVER)),
                    frameNumber);
        }
    }

    private void append(long t, long d, int len, int sf, byte f, long fr) {
        if (frozen) {
            throw new IllegalStateException("a frozen timeline takes no points");
        }
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            dsn = Arrays.copyOf(dsn, n);
            frame = Arrays.copyOf(frame, n);
            length = Arrays.copyOf(length, n);
            subflow = Arrays.copyOf(subflow, n);
            flags = Arrays.copyOf(flags, n);
        }
        time[size] = t;
        dsn[size] = d;
        length[size] = len;
        subflow[size] = (byte) Math.min(sf, 127);
        flags[size] = f;
        frame[size] = fr;
        size++;
    }

    public int size() {
        return size;
    }

    /** Nanoseconds since the capture's first frame. */
    public long time(int i) {
        return time[i];
    }

    public long dsn(int i) {
        return dsn[i];
    }

    public int length(int i) {
        return length[i];
    }

    public int subflow(int i) {
        return subflow[i];
    }

    public long frame(int i) {
        return frame[i];
    }

    public boolean is(int i, byte flag) {
        return (flags[i] & flag) != 0;
    }

    public boolean clientToServer(int i) {
        return (flags[i] & CLIENT_TO_SERVER) != 0;
    }

    /** Bytes held, for the memory budget. */
    public long bytes() {
        return (long) time.length * (8 + 8 + 8 + 4 + 1 + 1);
    }
}
