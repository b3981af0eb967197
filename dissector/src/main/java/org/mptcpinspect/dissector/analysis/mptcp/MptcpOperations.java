package org.mptcpinspect.dissector.analysis.mptcp;

import java.util.Arrays;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.AddAddr;
import org.mptcpinspect.dissector.mptcp.MpPrio;
import org.mptcpinspect.dissector.mptcp.RemoveAddr;

/**
 * Wireshark 4.0's count of address and priority signals (ADD_ADDR, REMOVE_ADDR, MP_PRIO) per
 * MPTCP connection. Its TCP analysis does not call a repeated ACK a duplicate when such a
 * signal went by on the connection since the sender's previous segment: RFC 8684 section 4
 * lets these options ride on otherwise identical ACKs. Fed after the tracker, per packet.
 */
public final class MptcpOperations {
    /** Per tcp.stream, its connection's index + 1 (0: no MPTCP connection known). */
    private int[] connectionOfStream = new int[64];
    private long[] operations = new long[16];

    /** Takes the tracker's result for a packet into account. */
    public void record(DecodedPacket packet, MptcpPacketAnalysis analysis) {
        if (!analysis.isMptcp() || analysis.tcpStream() < 0) {
            return;
        }
        int stream = analysis.tcpStream();
        if (stream >= connectionOfStream.length) {
            connectionOfStream = Arrays.copyOf(connectionOfStream, Math.max(stream + 1, connectionOfStream.length * 2));
        }
        int connection = analysis.connection();
        connectionOfStream[stream] = connection + 1;
        if (connection >= operations.length) {
            operations = Arrays.copyOf(operations, Math.max(connection + 1, operations.length * 2));
        }
        TcpHeader tcp = packet.tcp();
        for (TcpOption o : tcp.options()) {
            if (o instanceof TcpOption.Mptcp m
                    && (m.option() instanceof AddAddr || m.option() instanceof RemoveAddr || m.option() instanceof MpPrio)) {
                operations[connection]++;
            }
        }
    }

    /** The signals counted so far on the connection of {@code tcpStream}, or -1 if it has none. */
    public long of(int tcpStream) {
        if (tcpStream >= connectionOfStream.length || connectionOfStream[tcpStream] == 0) {
            return -1;
        }
        return operations[connectionOfStream[tcpStream] - 1];
    }
}
