package org.mptcpinspect.endpoint;

/**
 * One direction of a connection's data stream as seen by an endpoint: how many bytes, their
 * SHA-256 (lower-case hex) and, for the sending side, the payload seed that regenerates them
 * (see {@link Payload}); null seed for received data.
 */
public record StreamSummary(long bytes, String sha256, Long seed) {
}
