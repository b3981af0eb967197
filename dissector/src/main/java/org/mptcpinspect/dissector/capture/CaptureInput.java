package org.mptcpinspect.dissector.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over a capture's bytes, read from a channel (a file or a pipe) in large
 * chunks into one direct buffer. Parsers ask for the next n bytes, read fields at offsets
 * relative to the window start, copy frame data out and advance. Offsets in the file are
 * longs, so files larger than 2 GiB need nothing special.
 */
final class CaptureInput implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 4 << 20;

    private final ReadableByteChannel channel;
    private final String name;
    private ByteBuffer window;
    /** File offset of the window's index 0. */
    private long windowOffset;
    private boolean endOfInput;

    CaptureInput(ReadableByteChannel channel, String name) {
        this.channel = channel;
        this.name = name;
        this.window = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        window.limit(0);
    }

    String name() {
        return name;
    }

    /** An error about this input: the message starts with its name, as users expect. */
    CaptureException failure(String message) {
        return new CaptureException(name + ": " + message);
    }

    /** The file offset of the next unread byte. */
    long offset() {
        return windowOffset + window.position();
    }

    void order(ByteOrder order) {
        window.order(order);
    }

    ByteOrder order() {
        return window.order();
    }

    /** How many unread bytes the window holds now. */
    int available() {
        return window.remaining();
    }

    /**
     * Makes at least {@code count} unread bytes available, reading more if needed.
     *
     * @return false when the input ends first (then {@link #available()} says how many there are)
     */
    boolean request(int count) throws CaptureException {
        return window.remaining() >= count || fill(count);
    }

    private boolean fill(int count) throws CaptureException {
        if (count > window.capacity()) {
            grow(count);
        }
        windowOffset += window.position();
        window.compact();
        try {
            while (window.position() < count && !endOfInput) {
                if (channel.read(window) < 0) {
                    endOfInput = true;
                }
            }
        } catch (IOException e) {
            throw new CaptureException(name + ": read error at byte " + (windowOffset + window.position())
                + ": " + e.getMessage(), e);
        } finally {
            window.flip();
        }
        return window.remaining() >= count;
    }

    private void grow(int count) {
        int capacity = window.capacity();
        while (capacity < count) {
            capacity = capacity > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE : capacity << 1;
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(window.order());
        windowOffset += window.position();
        bigger.put(window);
        bigger.flip();
        window = bigger;
    }

    int uint8(int at) {
        return window.get(window.position() + at) & 0xff;
    }

    int uint16(int at) {
        return window.getShort(window.position() + at) & 0xffff;
    }

    /** A 32-bit field; callers decide whether it is signed. */
    int int32(int at) {
        return window.getInt(window.position() + at);
    }

    long uint32(int at) {
        return window.getInt(window.position() + at) & 0xffffffffL;
    }

    long int64(int at) {
        return window.getLong(window.position() + at);
    }

    /** A copy of {@code length} unread bytes starting {@code at} bytes into the window. */
    byte[] copy(int at, int length) {
        byte[] bytes = new byte[length];
        window.get(window.position() + at, bytes);
        return bytes;
    }

    void advance(int count) {
        window.position(window.position() + count);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written; a failing close of a read-only channel loses nothing.
        }
    }
}
