package org.mptcpinspect.dissector.analysis.tcp;

/**
 * What Wireshark's sequence analysis found about one segment beyond its flags (its tcp_acked
 * record): the items of the "[SEQ/ACK analysis]" subtree. A segment has one only when Wireshark
 * would show that subtree: it acknowledges a segment, has data in flight, or has analysis flags.
 *
 * @param frameAcked        tcp.analysis.acks_frame: the frame whose segment this ACK ends exactly, or 0
 * @param ackRtt            tcp.analysis.ack_rtt in nanoseconds (shown when not 0, with an acked frame)
 * @param bytesInFlight     tcp.analysis.bytes_in_flight: unacknowledged bytes after this segment, 0 if not known
 * @param pushBytesSent     tcp.analysis.push_bytes_sent: bytes sent since the last PSH (shown with bytes in flight)
 * @param rto               tcp.analysis.rto in nanoseconds: since the earliest unacknowledged segment, for a
 *                          retransmission (shown when not 0)
 * @param rtoFrame          tcp.analysis.rto_frame: that segment's frame
 */
public record TcpAcked(long frameAcked, long ackRtt, long bytesInFlight, long pushBytesSent, long rto,
                       long rtoFrame) {
}
