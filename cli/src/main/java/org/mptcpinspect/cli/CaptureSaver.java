package org.mptcpinspect.cli;

import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.PcapngWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code live -w}: writes every captured frame (before the display filter, as tshark does) to a
 * pcap or pcapng file with nanosecond timestamps, while the capture is analysed.
 */
final class CaptureSaver implements PacketPipeline.FrameListener, Flushable, AutoCloseable {

    /** The file formats of tshark's -F that a live capture can be saved in. */
    enum Format {
        PCAP, PCAPNG;

        /** tshark's name for the format, as given to -F. */
        static Format of(String name) {
            return switch (name) {
                case "pcap" -> PCAP;
                case "pcapng" -> PCAPNG;
                default -> null;
            };
        }
    }

    private final CountingStream file;
    private final PcapWriter pcap;
    private final PcapngWriter pcapng;
    private final int interfaceId;

    private CaptureSaver(CountingStream file, PcapWriter pcap, PcapngWriter pcapng, int interfaceId) {
        this.file = file;
        this.pcap = pcap;
        this.pcapng = pcapng;
        this.interfaceId = interfaceId;
    }

    /** Creates (or replaces) {@code path} and writes its header for one interface. */
    static CaptureSaver create(Path path, Format format, int linkType, int snapLength) throws IOException {
        CountingStream file = new CountingStream(Files.newOutputStream(path));
        try {
            if (format == Format.PCAP) {
                return new CaptureSaver(file, new PcapWriter(file, linkType, snapLength,
                        TimestampResolution.NANOSECONDS, ByteOrder.nativeOrder()), null, 0);
            }
            PcapngWriter writer = new PcapngWriter(file, ByteOrder.nativeOrder());
            int id = writer.addInterface(linkType, snapLength, TimestampResolution.NANOSECONDS, 0);
            return new CaptureSaver(file, null, writer, id);
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public void frame(PacketEmitter packets) throws IOException {
        RawFrame frame = packets.frame();
        if (pcap != null) {
            pcap.write(frame);
        } else {
            pcapng.writePacket(interfaceId, frame.timestampNanos(), frame.originalLength(), frame.data());
        }
    }

    /** Bytes written to the file so far, headers included (for -a filesize). */
    long bytes() {
        return file.count;
    }

    @Override
    public void flush() throws IOException {
        file.flush();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /**
     * The file's buffer, counting what is written to it. Being a BufferedOutputStream, the
     * writers use it as it is (no buffer of their own), so flushing it reaches the file.
     */
    private static final class CountingStream extends BufferedOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            super.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }
    }
}
