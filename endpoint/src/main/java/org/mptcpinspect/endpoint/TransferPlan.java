package org.mptcpinspect.endpoint;

/**
 * What one side does on each connection: wait {@code startDelayMs} after the connection is up
 * (time for the path managers to add subflows before data flows), then send {@code sendBytes}
 * of its payload in chunks of {@code chunkSize}, waiting {@code pauseMs} after each chunk; after the last chunk keep the
 * connection open {@code holdMs}, then either shut down its sending half (orderly close once
 * the peer is done too) or, with {@code abort}, close with SO_LINGER 0. A connection still
 * running after {@code timeoutMs} is aborted and reported as an error.
 */
public record TransferPlan(long sendBytes, int chunkSize, long startDelayMs, long pauseMs, long holdMs,
                           boolean abort, long timeoutMs) {
    public TransferPlan {
        if (sendBytes < 0 || chunkSize <= 0 || startDelayMs < 0 || pauseMs < 0 || holdMs < 0 || timeoutMs <= 0) {
            throw new IllegalArgumentException("invalid transfer plan: " + sendBytes + " bytes, chunk "
                    + chunkSize + ", start delay " + startDelayMs + " ms, pause " + pauseMs + " ms, hold "
                    + holdMs + " ms, timeout " + timeoutMs + " ms");
        }
    }
}
