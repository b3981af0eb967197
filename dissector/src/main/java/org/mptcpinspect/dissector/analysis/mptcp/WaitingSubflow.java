package org.mptcpinspect.dissector.analysis.mptcp;

import org.mptcpinspect.dissector.decode.FlowKey;

/**
 * A subflow that no packet has linked to its connection yet: first seen after its SYNs, so no
 * token names it (only an MP_JOIN SYN does, RFC 8684 section 3.2), or opened by an MP_JOIN SYN
 * naming a token no connection has yet (that SYN is held too). Its packets are held until an
 * 8-octet data sequence number or DATA_ACK shows the connection, or a connection learns the
 * token ({@link MptcpTracker#waiting()}).
 *
 * @param tcpStream the TCP conversation's tcp.stream
 * @param flow      the direction of its first packet (which end opened it is not known yet)
 * @param packets   packets held, in both directions
 * @param bytes     TCP payload bytes held, in both directions
 */
public record WaitingSubflow(int tcpStream, FlowKey flow, long firstNanos, long lastNanos, int packets, long bytes) {
}
