package org.mptcpinspect.dissector.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pcapng: sections in either byte order, interfaces with their own link type, snaplen,
 * timestamp resolution and offset, and enhanced, simple or obsolete packet blocks. Any other
 * block (statistics, name resolution, custom, deliberately malformed) can be written raw, so
 * tests can build every case a reader meets.
 */
public final class PcapngWriter implements AutoCloseable {

    private record Interface(int snapLength, TimestampResolution resolution, long offsetSeconds) {
    }

    private static final int PACKET_HEADER_LENGTH = 28;

    private final OutputStream out;
    private final List<Interface> interfaces = new ArrayList<>();
    private ByteBuffer scratch;

    /** Starts a little-endian file. */
    public PcapngWriter(OutputStream out) throws IOException {
        this(out, ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the first section header block at once. */
    public PcapngWriter(OutputStream out, ByteOrder order) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        startSection(order);
    }

    /** Creates (or replaces) {@code file}, little-endian. */
    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(Files.newOutputStream(file));
    }

    /** Starts a new section; interfaces are numbered from 0 again. */
    public void startSection(ByteOrder order) throws IOException {
        scratch = ByteBuffer.allocate(64).order(order);
        interfaces.clear();
        scratch.putInt(PcapngBlockParser.SECTION_HEADER).putInt(28).putInt(PcapngBlockParser.BYTE_ORDER_MAGIC)
            .putShort((short) 1).putShort((short) 0)
            .putLong(-1)                     // section length: not known while streaming
            .putInt(28);
        out.write(scratch.array(), 0, 28);
    }

    /** Adds an interface with a 262144-byte snaplen and microsecond timestamps. */
    public int addInterface(int linkType) throws IOException {
        return addInterface(linkType, PcapWriter.DEFAULT_SNAP_LENGTH, TimestampResolution.MICROSECONDS, 0);
    }

    /**
     * Writes an interface description block.
     *
     * @param snapLength    0 means no limit
     * @param offsetSeconds if_tsoffset: added to every stored timestamp by readers
     * @return the interface's id within the current section
     */
    public int addInterface(int linkType, int snapLength, TimestampResolution resolution, long offsetSeconds)
            throws IOException {
        int length = 20 + (resolution.equals(TimestampResolution.MICROSECONDS) ? 0 : 8) + (offsetSeconds == 0 ? 0 : 12)
            + 4;
        scratch.clear();
        scratch.putInt(PcapngBlockParser.INTERFACE_DESCRIPTION).putInt(length)
            .putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (!resolution.equals(TimestampResolution.MICROSECONDS)) {
            scratch.putShort((short) PcapngBlockParser.OPTION_IF_TSRESOL).putShort((short) 1)
                .put((byte) resolution.tsresol()).put((byte) 0).putShort((short) 0);
        }
        if (offsetSeconds != 0) {
            scratch.putShort((short) PcapngBlockParser.OPTION_IF_TSOFFSET).putShort((short) 8).putLong(offsetSeconds);
        }
        scratch.putShort((short) PcapngBlockParser.OPTION_END).putShort((short) 0).putInt(length);
        out.write(scratch.array(), 0, length);
        interfaces.add(new Interface(snapLength, resolution, offsetSeconds));
        return interfaces.size() - 1;
    }

    /** Writes an enhanced packet block. */
    public void writePacket(int interfaceId, long timestampNanos, int originalLength, byte[] data) throws IOException {
        writeTimestampedPacket(PcapngBlockParser.ENHANCED_PACKET, interfaceId, timestampNanos, originalLength, data);
    }

    /** Writes an obsolete packet block (type 2, 16-bit interface id, drop count unknown). */
    public void writeObsoletePacket(int interfaceId, long timestampNanos, int originalLength, byte[] data)
            throws IOException {
        writeTimestampedPacket(PcapngBlockParser.OBSOLETE_PACKET, interfaceId, timestampNanos, originalLength, data);
    }

    /**
     * Writes a simple packet block for interface 0: no timestamp, and the captured bytes must
     * be exactly the original length cut to interface 0's snaplen.
     */
    public void writeSimplePacket(int originalLength, byte[] data) throws IOException {
        int snapLength = anInterface(0).snapLength();
        int expected = snapLength > 0 ? Math.min(originalLength, snapLength) : originalLength;
        if (data.length != expected) {
            throw new IllegalArgumentException("a simple packet block must hold " + expected + " bytes, not "
                + data.length);
        }
        int length = 12 + padded(data.length) + 4;
        scratch.clear();
        scratch.putInt(PcapngBlockParser.SIMPLE_PACKET).putInt(length).putInt(originalLength);
        out.write(scratch.array(), 0, 12);
        writeDataAndTrailer(data, length);
    }

    /**
     * Writes any block as given: {@code body} is everything between the length fields,
     * padded here to a multiple of 4.
     */
    public void writeBlock(int type, byte[] body) throws IOException {
        int length = 8 + padded(body.length) + 4;
        scratch.clear();
        scratch.putInt(type).putInt(length);
        out.write(scratch.array(), 0, 8);
        writeDataAndTrailer(body, length);
    }

    private void writeTimestampedPacket(int type, int interfaceId, long timestampNanos, int originalLength,
                                        byte[] data) throws IOException {
        Interface anInterface = anInterface(interfaceId);
        if (data.length > originalLength || (anInterface.snapLength() > 0 && data.length > anInterface.snapLength())) {
            throw new IllegalArgumentException("captured length " + data.length + " exceeds the original length "
                + originalLength + " or the snaplen " + anInterface.snapLength());
        }
        long units = anInterface.resolution().fromNanos(timestampNanos - anInterface.offsetSeconds() * 1_000_000_000L);
        int length = PACKET_HEADER_LENGTH + padded(data.length) + 4;
        scratch.clear();
        scratch.putInt(type).putInt(length);
        if (type == PcapngBlockParser.OBSOLETE_PACKET) {
            scratch.putShort((short) interfaceId).putShort((short) 0xffff);
        } else {
            scratch.putInt(interfaceId);
        }
        scratch.putInt((int) (units >>> 32)).putInt((int) units).putInt(data.length).putInt(originalLength);
        out.write(scratch.array(), 0, PACKET_HEADER_LENGTH);
        writeDataAndTrailer(data, length);
    }

    private void writeDataAndTrailer(byte[] data, int blockLength) throws IOException {
        out.write(data);
        scratch.clear();
        for (int i = data.length; i < padded(data.length); i++) {
            scratch.put((byte) 0);
        }
        scratch.putInt(blockLength);
        out.write(scratch.array(), 0, scratch.position());
    }

    private Interface anInterface(int interfaceId) {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new IllegalArgumentException("no interface " + interfaceId + " in this section");
        }
        return interfaces.get(interfaceId);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
