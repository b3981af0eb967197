package org.mptcpinspect.dissector.capture;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng: a sequence of blocks (type, total length, body, total length again). Section header
 * blocks set the byte order and start a new list of interfaces; interface description blocks
 * give each interface its link type, snaplen and timestamp unit; enhanced, simple and obsolete
 * packet blocks carry frames. Every other block (name resolution, statistics, decryption
 * secrets, custom, unknown) is skipped.
 *
 * <p>A frame's interface id is its index within its own section, as tshark 4.0 prints
 * frame.interface_id (so two sections both have an interface 0).
 */
final class PcapngBlockParser implements FrameParser {

    static final int SECTION_HEADER = 0x0a0d0d0a;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1a2b3c4d;

    static final int OPTION_END = 0;
    static final int OPTION_IF_TSRESOL = 9;
    static final int OPTION_IF_TSOFFSET = 14;

    /** libpcap's limit; real blocks are a frame plus a few options. */
    private static final int MAX_BLOCK_LENGTH = 16 << 20;
    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int BLOCK_TRAILER_LENGTH = 4;
    private static final int MIN_SECTION_HEADER_LENGTH = 28;
    private static final int MIN_INTERFACE_LENGTH = 20;
    private static final int MIN_TIMESTAMPED_PACKET_LENGTH = 32;
    private static final int TIMESTAMPED_PACKET_DATA = 28;
    private static final int MIN_SIMPLE_PACKET_LENGTH = 16;
    private static final int SIMPLE_PACKET_DATA = 12;

    private record Interface(int linkType, int snapLength, TimestampResolution resolution, long offsetNanos) {
    }

    private final CaptureInput input;
    /** The current section's interfaces. */
    private final List<Interface> interfaces = new ArrayList<>();

    /** Checks the first section header's byte-order magic, so a damaged file fails at once. */
    PcapngBlockParser(CaptureInput input) throws CaptureException {
        this.input = input;
        readByteOrder(1);
    }

    @Override
    public RawFrame next(long number) throws CaptureException {
        while (true) {
            if (!input.request(BLOCK_HEADER_LENGTH)) {
                if (input.available() == 0) {
                    return null;
                }
                throw input.failure("cut short after frame " + (number - 1) + ", in the middle of a block header ("
                    + input.available() + " of " + BLOCK_HEADER_LENGTH + " bytes)");
            }
            int type = input.int32(0);
            if (type == SECTION_HEADER) {
                readByteOrder(number);
            }
            long length = input.uint32(4);
            if (length < BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
                throw damaged(blockName(type) + " claims a length of " + length + " bytes");
            }
            int blockLength = (int) length;
            if (!input.request(blockLength)) {
                throw cutShort(number, type, blockLength);
            }
            if (input.uint32(blockLength - BLOCK_TRAILER_LENGTH) != length) {
                throw damaged(blockName(type) + " ends with a length of "
                    + input.uint32(blockLength - BLOCK_TRAILER_LENGTH) + " instead of " + length);
            }
            RawFrame frame = switch (type) {
                case ENHANCED_PACKET -> timestampedPacket(number, blockLength, input.uint32(8));
                case OBSOLETE_PACKET -> timestampedPacket(number, blockLength, input.uint16(8));
                case SIMPLE_PACKET -> simplePacket(number, blockLength);
                case INTERFACE_DESCRIPTION -> {
                    addInterface(number, blockLength);
                    yield null;
                }
                case SECTION_HEADER -> {
                    startSection(number, blockLength);
                    yield null;
                }
                default -> null;
            };
            input.advance(blockLength);
            if (frame != null) {
                return frame;
            }
        }
    }

    /** A section header's byte-order magic decides how to read everything up to the next one. */
    private void readByteOrder(long number) throws CaptureException {
        if (!input.request(12)) {
            throw cutShort(number, SECTION_HEADER, 12);
        }
        int magic = input.int32(8);
        if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            input.order(input.order() == ByteOrder.BIG_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        } else if (magic != BYTE_ORDER_MAGIC) {
            throw damaged("a section header block has no byte-order magic");
        }
    }

    private void startSection(long number, int blockLength) throws CaptureException {
        if (blockLength < MIN_SECTION_HEADER_LENGTH) {
            throw damaged("a section header block is only " + blockLength + " bytes long");
        }
        int major = input.uint16(12);
        if (major != 1) {
            throw damaged("a section header block has unsupported pcapng version "
                + major + "." + input.uint16(14));
        }
        interfaces.clear();
    }

    private void addInterface(long number, int blockLength) throws CaptureException {
        if (blockLength < MIN_INTERFACE_LENGTH) {
            throw damaged("an interface description block is only " + blockLength + " bytes long");
        }
        int linkType = input.uint16(8);
        int snapLength = input.int32(12);
        int tsresol = 6;
        long offsetSeconds = 0;
        int end = blockLength - BLOCK_TRAILER_LENGTH;
        int at = 16;
        while (at + 4 <= end) {
            int code = input.uint16(at);
            int length = input.uint16(at + 2);
            if (code == OPTION_END) {
                break;
            }
            if (at + 4 + length > end) {
                throw damaged("an interface description block has an option running past its end");
            }
            if (code == OPTION_IF_TSRESOL && length >= 1) {
                tsresol = input.uint8(at + 4);
            } else if (code == OPTION_IF_TSOFFSET && length == 8) {
                offsetSeconds = input.int64(at + 4);
            }
            at += 4 + ((length + 3) & ~3);
        }
        TimestampResolution resolution;
        try {
            resolution = TimestampResolution.fromTsresol(tsresol);
        } catch (IllegalArgumentException e) {
            throw damaged("interface " + interfaces.size() + " has an " + e.getMessage());
        }
        interfaces.add(new Interface(linkType, snapLength, resolution, offsetSeconds * 1_000_000_000L));
    }

    /** Enhanced and obsolete packet blocks share the layout after the interface id. */
    private RawFrame timestampedPacket(long number, int blockLength, long localInterface) throws CaptureException {
        if (blockLength < MIN_TIMESTAMPED_PACKET_LENGTH) {
            throw damaged("the block of frame " + number + " is only " + blockLength + " bytes long");
        }
        Interface anInterface = sectionInterface(number, localInterface);
        long units = input.uint32(12) << 32 | input.uint32(16);
        int capturedLength = input.int32(20);
        int originalLength = input.int32(24);
        checkLengths(number, capturedLength, originalLength,
            blockLength - TIMESTAMPED_PACKET_DATA - BLOCK_TRAILER_LENGTH);
        long timestamp = anInterface.resolution().toNanos(units) + anInterface.offsetNanos();
        return new RawFrame(number, timestamp, (int) localInterface, anInterface.linkType(), originalLength,
            input.copy(TIMESTAMPED_PACKET_DATA, capturedLength));
    }

    /** No timestamp (Wireshark shows 0) and no captured length: the snaplen of interface 0 bounds it. */
    private RawFrame simplePacket(long number, int blockLength) throws CaptureException {
        if (blockLength < MIN_SIMPLE_PACKET_LENGTH) {
            throw damaged("the block of frame " + number + " is only " + blockLength + " bytes long");
        }
        Interface anInterface = sectionInterface(number, 0);
        int originalLength = input.int32(8);
        int snapLength = anInterface.snapLength();
        int capturedLength = snapLength > 0 && Integer.compareUnsigned(originalLength, snapLength) > 0
            ? snapLength : originalLength;
        checkLengths(number, capturedLength, originalLength,
            blockLength - SIMPLE_PACKET_DATA - BLOCK_TRAILER_LENGTH);
        return new RawFrame(number, 0, 0, anInterface.linkType(), originalLength,
            input.copy(SIMPLE_PACKET_DATA, capturedLength));
    }

    private Interface sectionInterface(long number, long localInterface) throws CaptureException {
        if (localInterface >= interfaces.size()) {
            throw damaged("frame " + number + " names interface " + localInterface + " but its section describes "
                + interfaces.size());
        }
        return interfaces.get((int) localInterface);
    }

    private void checkLengths(long number, int capturedLength, int originalLength, int room) throws CaptureException {
        if (capturedLength < 0 || capturedLength > PcapRecordParser.MAX_CAPTURED_LENGTH) {
            throw damaged("frame " + number + " claims " + Integer.toUnsignedString(capturedLength)
                + " captured bytes (at most " + PcapRecordParser.MAX_CAPTURED_LENGTH + " allowed)");
        }
        if (capturedLength > room) {
            throw damaged("frame " + number + " claims " + capturedLength
                + " captured bytes but its block holds " + room);
        }
        if (originalLength < 0) {
            throw damaged("frame " + number + " claims " + Integer.toUnsignedString(originalLength)
                + " bytes on the wire");
        }
    }

    private CaptureException cutShort(long number, int type, int needed) {
        String where = isPacket(type) ? "in the middle of frame " + number
            : "after frame " + (number - 1) + ", in the middle of " + blockName(type);
        return input.failure("cut short " + where + " (" + input.available() + " of its " + needed + " bytes)");
    }

    private CaptureException damaged(String problem) {
        return input.failure(problem + " (block at byte " + input.offset() + "): the file is damaged");
    }

    private static boolean isPacket(int type) {
        return type == ENHANCED_PACKET || type == OBSOLETE_PACKET || type == SIMPLE_PACKET;
    }

    private static String blockName(int type) {
        return switch (type) {
            case ENHANCED_PACKET, OBSOLETE_PACKET, SIMPLE_PACKET -> "a packet block";
            case SECTION_HEADER -> "a section header block";
            case INTERFACE_DESCRIPTION -> "an interface description block";
            default -> "a block of type 0x" + Integer.toHexString(type);
        };
    }
}
