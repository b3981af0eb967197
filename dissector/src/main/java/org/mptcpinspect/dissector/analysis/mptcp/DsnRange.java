package org.mptcpinspect.dissector.analysis.mptcp;

/**
 * A half-open range [start, end) of a data-level stream, as byte offsets from its first byte
 * (offset 0 is data sequence number IDSN + 1).
 */
public record DsnRange(long start, long end) {
    public long length() {
        return end - start;
    }
}
