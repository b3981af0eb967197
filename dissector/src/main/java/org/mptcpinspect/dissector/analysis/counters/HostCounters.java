package org.mptcpinspect.dissector.analysis.counters;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The counters of one host, as its kernel would have counted them from the packets in a capture.
 *
 * @param addresses  the host's addresses (sorted), linked through the MPTCP connections they share
 * @param values     the counter values; only {@link #reported} counters are meaningful
 * @param determined the counters the capture determines for this host: a counter that only
 *                   partial connections or subflows touch, and that needs their start, is not
 *                   ({@link CounterTracker#determined})
 */
public record HostCounters(List<HostAddress> addresses, CounterValues values, Set<MptcpCounter> determined) {
    public HostCounters {
        addresses = List.copyOf(addresses);
        determined = determined.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(determined));
    }

    /** A host whose every counter a capture can determine is determined (no partial connection). */
    public HostCounters(List<HostAddress> addresses, CounterValues values) {
        this(addresses, values, EnumSet.allOf(MptcpCounter.class));
    }

    /** Whether the value of {@code counter} is known for this host: printed, as measured or estimated. */
    public boolean reported(MptcpCounter counter) {
        return counter.derivation().reported() && determined.contains(counter);
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
