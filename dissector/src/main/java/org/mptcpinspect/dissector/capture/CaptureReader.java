package org.mptcpinspect.dissector.capture;

/**
 * A source of captured frames: a pcap/pcapng file or a live interface.
 * Frames come in capture order, numbered from 1.
 */
public interface CaptureReader extends AutoCloseable {

    /** The next frame, or {@code null} at the end of the capture. */
    RawFrame next() throws CaptureException;

    @Override
    void close();
}
