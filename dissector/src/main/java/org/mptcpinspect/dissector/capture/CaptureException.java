package org.mptcpinspect.dissector.capture;

/**
 * A capture could not be read any further. The message is one line meant for the user
 * (e.g. "capture.pcap: cut short in the middle of frame 42"), never a stack trace.
 */
public class CaptureException extends Exception {
    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
