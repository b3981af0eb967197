package org.mptcpinspect.dissector.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over a capture's bytes. Parsers ask for the next n bytes, read fields at
 * offsets relative to the window start, copy frame data out and advance. Offsets in the file
 * are longs, so files larger than 2 GiB need nothing special.
 *
 * <p>A regular file is memory-mapped a window at a time (saving the copy read(2) makes, and
 * unmapping each window when done so memory stays flat); a pipe is read in large chunks into
 * one direct buffer.
 */
final class CaptureInput implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 4 << 20;
    static final int MAPPED_WINDOW = 64 << 20;

    private final ReadableByteChannel channel;
    /** The channel when it is a regular file that can be mapped, else null. */
    private final FileChannel file;
    private final String name;
    private final int mappedWindow;
    private ByteBuffer window;
    /** Owns the mapping behind {@link #window} when the file is mapped. */
    private Arena mapping;
    /** File offset of the window's index 0. */
    private long windowOffset;
    private boolean endOfInput;

    /** @param mappedWindow how much of a regular file to map at a time (tests make it tiny) */
    CaptureInput(ReadableByteChannel channel, String name, int mappedWindow) {
        this.channel = channel;
        this.name = name;
        this.mappedWindow = mappedWindow;
        this.file = mappable(channel);
        if (file == null) {
            window = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
        } else {
            window = ByteBuffer.allocate(0);
            try {
                windowOffset = file.position();
            } catch (IOException e) {
                windowOffset = 0;
            }
        }
        window.limit(0);
    }

    /** Pipes and character devices report size 0 and cannot be mapped. */
    private static FileChannel mappable(ReadableByteChannel channel) {
        try {
            return channel instanceof FileChannel fileChannel && fileChannel.size() > 0 ? fileChannel : null;
        } catch (IOException e) {
            return null;
        }
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
        if (file != null) {
            return remap(count);
        }
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

    /**
     * Maps the next window of the file, starting at the first unread byte. The size is
     * checked each time, so a file that is still growing is read to its current end.
     */
    private boolean remap(int count) throws CaptureException {
        long start = windowOffset + window.position();
        try {
            long length = Math.min(file.size() - start, Math.max(mappedWindow, count));
            if (length <= window.remaining()) {
                return false;
            }
            Arena next = Arena.ofShared();
            ByteBuffer view;
            try {
                view = file.map(FileChannel.MapMode.READ_ONLY, start, length, next).asByteBuffer();
            } catch (IOException | RuntimeException e) {
                next.close();
                throw e;
            }
            view.order(window.order());
            unmap();
            mapping = next;
            window = view;
            windowOffset = start;
            return length >= count;
        } catch (IOException e) {
            throw new CaptureException(name + ": read error at byte " + start + ": " + e.getMessage(), e);
        }
    }

    private void unmap() {
        if (mapping != null) {
            mapping.close();
            mapping = null;
        }
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
        unmap();
        window = ByteBuffer.allocate(0);
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written; a failing close of a read-only channel loses nothing.
        }
    }
}
