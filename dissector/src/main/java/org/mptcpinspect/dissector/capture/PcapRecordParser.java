package org.mptcpinspect.dissector.capture;

import java.nio.ByteOrder;

/**
 * Classic pcap: a 24-byte file header, then records of a 16-byte header (seconds, micro- or
 * nanoseconds, captured length, original length) followed by the captured bytes. The
 * header's snaplen is not applied: like Wireshark, every captured byte is delivered.
 */
final class PcapRecordParser implements FrameParser {

    static final int MAGIC_MICROSECONDS = 0xa1b2c3d4;
    static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
    static final int MAGIC_MICROSECONDS_SWAPPED = 0xd4c3b2a1;
    static final int MAGIC_NANOSECONDS_SWAPPED = 0x4d3cb2a1;
    /** Alexey Kuznetzov's modified pcap, which libpcap reads but Wireshark no longer writes. */
    static final int MAGIC_MODIFIED = 0xa1b2cd34;
    static final int MAGIC_MODIFIED_SWAPPED = 0x34cdb2a1;
    /** Wireshark's and libpcap's limit for every link type we decode. */
    static final int MAX_CAPTURED_LENGTH = 262_144;

    private static final int FILE_HEADER_LENGTH = 24;
    private static final int RECORD_HEADER_LENGTH = 16;
    // libpcap keeps FCS information in the top bits of the link type field.
    private static final int LINK_TYPE_MASK = 0x03ff_ffff;

    private final CaptureInput input;
    private final long nanosPerFraction;
    private final int linkType;

    /** Reads the file header; {@code magic} is the first 4 bytes read big-endian. */
    PcapRecordParser(CaptureInput input, int magic) throws CaptureException {
        this.input = input;
        boolean swapped = magic == MAGIC_MICROSECONDS_SWAPPED || magic == MAGIC_NANOSECONDS_SWAPPED;
        input.order(swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean nanoseconds = magic == MAGIC_NANOSECONDS || magic == MAGIC_NANOSECONDS_SWAPPED;
        nanosPerFraction = nanoseconds ? 1 : 1000;
        if (!input.request(FILE_HEADER_LENGTH)) {
            throw input.failure("cut short in the pcap file header (" + input.available() + " of "
                + FILE_HEADER_LENGTH + " bytes)");
        }
        int major = input.uint16(4);
        int minor = input.uint16(6);
        if (major != 2) {
            throw input.failure("unsupported pcap version " + major + "." + minor);
        }
        linkType = input.int32(20) & LINK_TYPE_MASK;
        input.advance(FILE_HEADER_LENGTH);
    }

    @Override
    public RawFrame next(long number) throws CaptureException {
        if (!input.request(RECORD_HEADER_LENGTH)) {
            if (input.available() == 0) {
                return null;
            }
            throw cutShort(number, RECORD_HEADER_LENGTH);
        }
        long seconds = input.uint32(0);
        long fraction = input.uint32(4);
        int capturedLength = input.int32(8);
        int originalLength = input.int32(12);
        if (capturedLength < 0 || capturedLength > MAX_CAPTURED_LENGTH) {
            throw input.failure("frame " + number + " claims " + Integer.toUnsignedString(capturedLength)
                + " captured bytes (at most " + MAX_CAPTURED_LENGTH + " allowed): the file is damaged");
        }
        if (originalLength < 0) {
            throw input.failure("frame " + number + " claims " + Integer.toUnsignedString(originalLength)
                + " bytes on the wire: the file is damaged");
        }
        int recordLength = RECORD_HEADER_LENGTH + capturedLength;
        if (!input.request(recordLength)) {
            throw cutShort(number, recordLength);
        }
        byte[] data = input.copy(RECORD_HEADER_LENGTH, capturedLength);
        input.advance(recordLength);
        return new RawFrame(number, seconds * 1_000_000_000L + fraction * nanosPerFraction, 0, linkType,
            originalLength, data);
    }

    private CaptureException cutShort(long number, int needed) {
        return input.failure("cut short in the middle of frame " + number + " (" + input.available()
            + " of its " + needed + " bytes)");
    }
}
