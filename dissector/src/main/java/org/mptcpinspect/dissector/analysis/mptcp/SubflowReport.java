package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.List;
import org.mptcpinspect.dissector.decode.FlowKey;

/**
 * One subflow's life.
 *
 * @param index              number within the connection, given as it joined the connection (0 is the
 *                           initial subflow): the number events and per-packet analyses use
 * @param tcpStream          tcp.stream
 * @param flow               4-tuple from the host that sent the SYN to the host that answered
 * @param join               an MP_JOIN subflow (its MP_JOIN SYN, or when {@code partial} its third ACK, was seen)
 * @param initial            the connection's initial subflow (an MP_CAPABLE SYN, SYN/ACK or third ACK was
 *                           seen on it); neither this nor {@code join} when a partial subflow showed neither
 * @param initiatedByClient  whether the connection's client sent the SYN
 * @param established        whether the other end acknowledged the third ACK without a reset (RFC 8684
 *                           section 3.2: a join is usable only then; a refused join is not)
 * @param initiatorAddressId address ID of the SYN's sender (0 on the initial subflow), -1 unknown
 * @param responderAddressId address ID of the SYN/ACK's sender (0 on the initial subflow), -1 unknown
 * @param backup             backup flag at the end (from MP_JOIN, then every MP_PRIO)
 * @param priorityChanges    MP_PRIO changes in order
 * @param firstNanos         timestamp of its first packet
 * @param lastNanos          timestamp of its last packet
 * @param packetsFromInitiator packets the SYN's sender sent
 * @param packetsFromResponder packets the other end sent
 * @param bytesFromInitiator TCP payload bytes the SYN's sender sent
 * @param bytesFromResponder TCP payload bytes the other end sent
 * @param retransmissions    TCP retransmissions (Wireshark's rules) both ways
 * @param c2sRanges          data-level ranges (stream offsets) it carried client to server, adjacent ones merged
 * @param s2cRanges          the same server to client
 * @param endReason          fin, rst, mp_tcprst, fastclose, remove_addr or capture_end
 * @param resetReason        MP_TCPRST reason code, -1 without
 * @param partial            its SYN was not captured (the capture started later): packets before the
 *                           first captured one are not counted; {@code join} and {@code initial} say
 *                           what the handshake packets captured showed (an MP_CAPABLE SYN/ACK or
 *                           third ACK: initial, address IDs 0; an MP_JOIN SYN/ACK: join, the
 *                           responder's ID; an MP_JOIN third ACK: join, IDs -1; none: both false,
 *                           IDs -1, the client assumed its initiator)
 */
public record SubflowReport(int index, int tcpStream, FlowKey flow, boolean join, boolean initial,
                            boolean initiatedByClient,
                            boolean established,
                            int initiatorAddressId, int responderAddressId, boolean backup,
                            List<ConnectionEvent> priorityChanges, long firstNanos, long lastNanos,
                            long packetsFromInitiator, long packetsFromResponder, long bytesFromInitiator,
                            long bytesFromResponder, long retransmissions, List<DsnRange> c2sRanges,
                            List<DsnRange> s2cRanges, String endReason, int resetReason,
                            boolean partial) {
}
