package org.mptcpinspect.dissector.capture;

/**
 * libpcap rejected a capture (BPF) filter: a mistake in what the user asked for rather than a
 * failure of the capture, so commands can report it as a usage error.
 */
public final class CaptureFilterException extends CaptureException {
    public CaptureFilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
