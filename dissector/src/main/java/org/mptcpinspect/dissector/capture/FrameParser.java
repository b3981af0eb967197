package org.mptcpinspect.dissector.capture;

/** Turns one capture file format's records into frames. */
interface FrameParser {

    /**
     * The next frame, numbered {@code number}, or null at a clean end of the input.
     *
     * @throws CaptureException when the input is cut short or damaged
     */
    RawFrame next(long number) throws CaptureException;
}
