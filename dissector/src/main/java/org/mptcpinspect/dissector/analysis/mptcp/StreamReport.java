package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.List;

/**
 * One direction of a connection's data-level stream at the end of the capture.
 *
 * @param bytes            bytes delivered to the sink (missing bytes not counted)
 * @param sha256           SHA-256 of the stream when it is complete and the sink digests, else null
 * @param complete         no byte is missing from the first data byte to the DATA_FIN (or to the
 *                         highest data sequence number the capture shows)
 * @param dataFin          whether a DATA_FIN (or, after fallback, a FIN) ended the stream
 * @param missing          missing ranges (stream offsets), merged, at most {@link #MAX_LISTED}
 * @param missingBytes     total missing bytes, not-captured bytes included
 * @param notCapturedBytes bytes sent but cut by the snap length
 * @param duplicateBytes   bytes seen again after they were first seen
 * @param reinjectedBytes  of those, bytes seen again on another subflow
 * @param differentOverlaps resent ranges whose bytes differed from the first copy
 * @param firstDsn         64-bit data sequence number of the stream's first byte (IDSN + 1; in a
 *                         capture started mid-connection, the first one captured)
 * @param beforeStartBytes bytes seen below {@code firstDsn} (sent before the capture started), not
 *                         part of the stream
 * @param unplacedBytes    payload of subflows first seen after their SYNs whose ISN, hence whose
 *                         place in the data sequence, the capture never showed (not in the stream)
 */
public record StreamReport(long bytes, String sha256, boolean complete, boolean dataFin, List<DsnRange> missing,
                           long missingBytes, long notCapturedBytes, long duplicateBytes, long reinjectedBytes,
                           long differentOverlaps, long firstDsn, long beforeStartBytes,
                           long unplacedBytes) {
    public static final int MAX_LISTED = 1000;
}
