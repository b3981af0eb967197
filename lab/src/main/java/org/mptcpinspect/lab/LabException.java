package org.mptcpinspect.lab;

import java.io.IOException;

/** A lab step that failed: the message says which command or wait, and why, in one line. */
public final class LabException extends IOException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
