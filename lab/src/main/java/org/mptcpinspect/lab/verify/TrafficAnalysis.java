package org.mptcpinspect.lab.verify;

import java.util.List;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;

/**
 * What the analysis of a scenario's traffic found.
 *
 * @param connections the MPTCP connections (mptcp.stream order)
 * @param counters    the finished counter tracker, to ask per host
 * @param dataAcks    per connection, the highest 64-bit DATA_ACK the client sent and the server's
 *                    (null where the capture shows none)
 * @param frames      frames analysed
 */
public record TrafficAnalysis(List<ConnectionReport> connections, CounterTracker counters, List<Long[]> dataAcks,
                              long frames) {

    /** The highest DATA_ACK one side of a connection sent, or null. */
    public Long dataAck(int connection, boolean fromClient) {
        return connection < dataAcks.size() ? dataAcks.get(connection)[fromClient ? 0 : 1] : null;
    }
}
