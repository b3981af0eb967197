package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.List;

/**
 * What the MPTCP connection tracker learned from one packet. Packets of TCP connections that
 * are not MPTCP get {@link #NONE}.
 *
 * @param connection     index of the MPTCP connection (Wireshark's mptcp.stream), -1 for none
 * @param subflow        index of the subflow within the connection (0 is the initial subflow)
 * @param tcpStream      tcp.stream of the subflow
 * @param initialSubflow whether the subflow is the connection's initial one (Wireshark's mptcp.master)
 * @param fromClient     whether the connection's client sent the packet
 * @param senderIdsn     the sender's IDSN; 0 when unknown, and after a fallback to TCP before the connection
 *                       was established (its DSNs are then the implicit ones, numbered from 1)
 * @param mapped         whether a DSS mapping (or the fallback's implicit one) covers the payload
 * @param dsn            64-bit data sequence number of the payload's first byte (when {@link #mapped})
 * @param mappingDsn     64-bit DSN of the covering mapping (Wireshark's mptcp.rawdsn64 on the mapping packet)
 * @param mappingSsn     relative subflow sequence number where the mapping starts (64-bit)
 * @param mappingLength  the mapping's data-level length ({@link Long#MAX_VALUE} for an infinite mapping)
 * @param mappingFrame   the frame that carried the mapping (Wireshark's mptcp.related_mapping), 0 if none
 * @param hasDataAck     whether the packet's DSS carries a DATA_ACK
 * @param dataAck        the DATA_ACK widened to 64 bits
 * @param reinjectionOf  frames on other subflows that carried the same data first (mptcp.reinjection_of)
 * @param problems       bits of {@link MptcpProblem}; see {@link #has(MptcpProblem)}
 * @param fallback       whether the connection had fallen back to TCP when this packet was seen
 */
public record MptcpPacketAnalysis(int connection, int subflow, int tcpStream, boolean initialSubflow,
                                  boolean fromClient, long senderIdsn, boolean mapped, long dsn, long mappingDsn,
                                  long mappingSsn, long mappingLength, long mappingFrame, boolean hasDataAck,
                                  long dataAck, List<Long> reinjectionOf, int problems, boolean fallback) {

    /** The result for packets outside any MPTCP connection. */
    public static final MptcpPacketAnalysis NONE = new MptcpPacketAnalysis(-1, -1, -1, false, false, 0, false, 0, 0,
            0, 0, 0, false, 0, List.of(), 0, false);

    public boolean isMptcp() {
        return connection >= 0;
    }

    public boolean has(MptcpProblem problem) {
        return (problems & problem.bit()) != 0;
    }

    /** DSN relative to the sender's IDSN: the first data byte is 1 (as Wireshark's mptcp.dsn). */
    public long relativeDsn() {
        return dsn - senderIdsn;
    }
}
