package org.mptcpinspect.dissector.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file (version 2.4) with microsecond or nanosecond timestamps, in
 * either byte order: for {@code live -w}, for tests, and for tools that build captures from
 * hand-made bytes.
 */
public final class PcapWriter implements AutoCloseable {

    /** tcpdump's default and the largest frame readers accept. */
    public static final int DEFAULT_SNAP_LENGTH = PcapRecordParser.MAX_CAPTURED_LENGTH;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final OutputStream out;
    private final int snapLength;
    private final boolean nanoseconds;
    private final ByteBuffer header;

    /** Little-endian, default snaplen. */
    public PcapWriter(OutputStream out, int linkType, TimestampResolution resolution) throws IOException {
        this(out, linkType, DEFAULT_SNAP_LENGTH, resolution, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes the file header at once.
     *
     * @param resolution {@link TimestampResolution#MICROSECONDS} or {@link TimestampResolution#NANOSECONDS}
     */
    public PcapWriter(OutputStream out, int linkType, int snapLength, TimestampResolution resolution,
                      ByteOrder order) throws IOException {
        if (!resolution.equals(TimestampResolution.MICROSECONDS) && !resolution.equals(TimestampResolution.NANOSECONDS)) {
            throw new IllegalArgumentException("pcap stores microseconds or nanoseconds, not " + resolution);
        }
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snapLength);
        }
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.snapLength = snapLength;
        this.nanoseconds = resolution.equals(TimestampResolution.NANOSECONDS);
        this.header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanoseconds ? PcapRecordParser.MAGIC_NANOSECONDS : PcapRecordParser.MAGIC_MICROSECONDS)
            .putShort((short) 2).putShort((short) 4)
            .putInt(0).putInt(0)                 // thiszone, sigfigs: always 0 in practice
            .putInt(snapLength).putInt(linkType);
        this.out.write(header.array(), 0, 24);
    }

    /** Creates (or replaces) {@code file}, little-endian with the default snaplen. */
    public static PcapWriter create(Path file, int linkType, TimestampResolution resolution) throws IOException {
        return new PcapWriter(Files.newOutputStream(file), linkType, resolution);
    }

    /** Writes a frame with its timestamp, original length and bytes (its number, interface and link type are not stored). */
    public void write(RawFrame frame) throws IOException {
        write(frame.timestampNanos(), frame.originalLength(), frame.data(), 0, frame.data().length);
    }

    public void write(long timestampNanos, int originalLength, byte[] data) throws IOException {
        write(timestampNanos, originalLength, data, 0, data.length);
    }

    /**
     * Writes one record.
     *
     * @throws IllegalArgumentException when the time is before 1970 or after 2106 (pcap's range),
     *                                  or the data exceeds the snaplen or the original length
     */
    public void write(long timestampNanos, int originalLength, byte[] data, int offset, int length) throws IOException {
        long seconds = Math.floorDiv(timestampNanos, NANOS_PER_SECOND);
        long fraction = Math.floorMod(timestampNanos, NANOS_PER_SECOND);
        if (seconds < 0 || seconds > 0xffff_ffffL) {
            throw new IllegalArgumentException("pcap cannot store the time " + timestampNanos + " ns");
        }
        if (length > snapLength || length > originalLength) {
            throw new IllegalArgumentException("captured length " + length + " exceeds snaplen " + snapLength
                + " or original length " + originalLength);
        }
        header.clear();
        header.putInt((int) seconds).putInt((int) (nanoseconds ? fraction : fraction / 1000))
            .putInt(length).putInt(originalLength);
        out.write(header.array(), 0, 16);
        out.write(data, offset, length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
