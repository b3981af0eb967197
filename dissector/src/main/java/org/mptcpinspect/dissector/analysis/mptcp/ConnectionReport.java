package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.List;
import org.mptcpinspect.dissector.decode.FlowKey;

/**
 * One MPTCP connection as the capture showed it. Keys and tokens are null when the capture
 * does not show them (fallback before the keys were exchanged, v1 client key when the third
 * ACK is missing).
 *
 * @param index          mptcp.stream
 * @param version        negotiated MPTCP version (0 or 1)
 * @param initialFlow    the initial subflow, client to server
 * @param clientKey      the client's key
 * @param serverKey      the server's key
 * @param clientToken    token of the client's key (the one the server's MP_JOINs name), or when the key
 *                       was not seen the token an MP_JOIN SYN to the client named on a subflow linked here
 * @param serverToken    token of the server's key, or learned the same way
 * @param clientIdsn     IDSN of the client's key
 * @param serverIdsn     IDSN of the server's key
 * @param checksums      whether DSS checksums were negotiated
 * @param fallback       whether the connection fell back to TCP
 * @param fallbackReason why, or null
 * @param state          established, closed, reset, syn_sent, or fallback states the same way
 * @param subflows       in order of their first packet (their SYN when captured), also a subflow
 *                       first seen after its SYNs that a later packet linked: its {@link SubflowReport#index}
 *                       is then higher than that of subflows listed after it
 * @param c2s            client-to-server data-level stream
 * @param s2c            server-to-client data-level stream
 * @param events         the timeline, in capture order
 * @param partial        the connection's SYN was not captured (the capture started later): keys,
 *                       tokens and IDSNs are null unless an MP_CAPABLE SYN/ACK (the server's) or
 *                       third ACK (both) showed them, version -1 unless an MP_CAPABLE showed it,
 *                       and a stream whose sender's IDSN is unknown starts at the first data
 *                       sequence number captured
 * @param clientGuessed  which side is the client was guessed from the ports (higher port: client);
 *                       false when an MP_CAPABLE SYN/ACK or third ACK showed it
 */
public record ConnectionReport(int index, int version, FlowKey initialFlow, Long clientKey, Long serverKey,
                               Long clientToken, Long serverToken, Long clientIdsn, Long serverIdsn,
                               boolean checksums, boolean fallback, String fallbackReason, String state,
                               List<SubflowReport> subflows, StreamReport c2s, StreamReport s2c,
                               List<ConnectionEvent> events, boolean partial, boolean clientGuessed) {
}
