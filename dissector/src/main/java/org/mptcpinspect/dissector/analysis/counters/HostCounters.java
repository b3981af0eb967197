package org.mptcpinspect.dissector.analysis.counters;

import java.util.List;

/**
 * The counters of one host, as its kernel would have counted them from the packets in a capture.
 *
 * @param addresses the host's addresses (sorted), linked through the MPTCP connections they share
 * @param values    the counter values; only {@link Derivation#reported()} counters are meaningful
 */
public record HostCounters(List<HostAddress> addresses, CounterValues values) {
    public HostCounters {
        addresses = List.copyOf(addresses);
    }

    /** The addresses joined by commas, e.g. "192.0.2.1,198.51.100.1". */
    public String addressList() {
        StringBuilder sb = new StringBuilder();
        for (HostAddress a : addresses) {
            sb.append(sb.isEmpty() ? "" : ",").append(a);
        }
        return sb.toString();
    }
}
