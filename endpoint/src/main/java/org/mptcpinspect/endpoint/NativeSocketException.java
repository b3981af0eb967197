package org.mptcpinspect.endpoint;

import java.io.IOException;

/** A failed socket call, with the call, its target and the kernel's errno in one line. */
public final class NativeSocketException extends IOException {
    private final int errno;

    NativeSocketException(String call, int errno) {
        super(call + ": " + Libc.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
