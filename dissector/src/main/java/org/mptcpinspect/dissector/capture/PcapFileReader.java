package org.mptcpinspect.dissector.capture;

import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads pcap and pcapng captures in pure Java, from a file (memory-mapped a window at a time)
 * or a stream (standard input); per frame it allocates only the frame's bytes and its record.
 *
 * <p>pcap: both byte orders, microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magic. pcapng:
 * sections in either byte order, several interfaces with their own link type, if_tsresol
 * (powers of 10 and of 2) and if_tsoffset; enhanced, simple and obsolete packet blocks; other
 * blocks are skipped. Timestamps follow Wireshark (truncated to nanoseconds; simple packet
 * blocks have none, so 0).
 *
 * <p>Errors are one line starting with the capture's name. When the file is cut short, every
 * complete frame before the cut is returned first, then {@link #next()} throws (and keeps
 * throwing) the error.
 *
 * <p>Use {@link CaptureFiles#open(String)} to open a path or "-" with friendly errors.
 */
public final class PcapFileReader implements CaptureReader {

    private final CaptureInput input;
    private final CaptureFormat format;
    private final FrameParser parser;
    private long framesRead;
    private CaptureException failure;

    /**
     * Starts reading a capture from {@code channel} (which this reader closes) and checks its
     * header.
     *
     * @param name how errors name the capture, usually its path
     * @throws CaptureException when the input is empty, not a capture, or its header is damaged
     */
    public PcapFileReader(ReadableByteChannel channel, String name) throws CaptureException {
        this(channel, name, CaptureInput.MAPPED_WINDOW);
    }

    /** With a chosen mapping window, so tests can make every record straddle windows. */
    PcapFileReader(ReadableByteChannel channel, String name, int mappedWindow) throws CaptureException {
        input = new CaptureInput(channel, name, mappedWindow);
        try {
            input.order(ByteOrder.BIG_ENDIAN);
            if (!input.request(4)) {
                throw input.available() == 0 ? input.failure("empty file, not a capture")
                    : input.failure("only " + input.available() + " bytes long, not a capture");
            }
            int magic = input.int32(0);
            switch (magic) {
                case PcapRecordParser.MAGIC_MICROSECONDS, PcapRecordParser.MAGIC_NANOSECONDS,
                     PcapRecordParser.MAGIC_MICROSECONDS_SWAPPED, PcapRecordParser.MAGIC_NANOSECONDS_SWAPPED -> {
                    format = CaptureFormat.PCAP;
                    parser = new PcapRecordParser(input, magic);
                }
                case PcapngBlockParser.SECTION_HEADER -> {
                    format = CaptureFormat.PCAPNG;
                    parser = new PcapngBlockParser(input);
                }
                case PcapRecordParser.MAGIC_MODIFIED, PcapRecordParser.MAGIC_MODIFIED_SWAPPED ->
                    throw input.failure("modified (Kuznetzov) pcap format is not supported; "
                        + "convert it with: editcap -F pcap IN OUT");
                default -> throw input.failure("not a pcap or pcapng capture (it starts with "
                    + hex(magic) + ")");
            }
        } catch (CaptureException e) {
            input.close();
            throw e;
        }
    }

    public CaptureFormat format() {
        return format;
    }

    /** How many frames {@link #next()} has returned. */
    public long framesRead() {
        return framesRead;
    }

    @Override
    public RawFrame next() throws CaptureException {
        if (failure != null) {
            throw failure;
        }
        try {
            RawFrame frame = parser.next(framesRead + 1);
            if (frame != null) {
                framesRead++;
            }
            return frame;
        } catch (CaptureException e) {
            failure = e;
            throw e;
        } catch (InternalError e) {
            // A mapped file that shrinks under us faults (SIGBUS), which Java reports so.
            failure = input.failure("the file shrank while being read (after frame " + framesRead + ")");
            throw failure;
        }
    }

    @Override
    public void close() {
        input.close();
    }

    private static String hex(int magic) {
        return String.format("%02x %02x %02x %02x", magic >>> 24, (magic >>> 16) & 0xff, (magic >>> 8) & 0xff,
            magic & 0xff);
    }
}
