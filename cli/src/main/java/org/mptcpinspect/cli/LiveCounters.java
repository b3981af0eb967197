package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.dissector.analysis.counters.CounterTracker;
import org.mptcpinspect.dissector.analysis.counters.CounterValues;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code live --counters}: the MPTcpExt counters fed packet by packet from live's walk (the
 * emitter's MPTCP tracker), printed every interval as nstat prints its deltas: "#kernel", then
 * NAME, the increment since the last report and RATE (the increment per second). Deltas are
 * snapshots subtracted address by address, so a host whose addresses a new MP_JOIN links later
 * is not counted twice; the reports of a run add up to {@code counters} on its -w file.
 */
final class LiveCounters implements PacketPipeline.FrameListener {
    private final List<HostAddress> host;
    private final NstatFormat format;
    private final OutputStream out;
    private CounterTracker counters;
    /** Each address's counters at the last report. */
    private final Map<HostAddress, CounterValues> reported = new HashMap<>();
    private long reportedNanos = System.nanoTime();

    /** @param host the host to report (empty: every host seen, each block after a "#host" line) */
    LiveCounters(List<HostAddress> host, boolean zeros, OutputStream out) {
        this.host = List.copyOf(host);
        this.format = new NstatFormat(zeros);
        this.out = out;
    }

    @Override
    public synchronized void frame(PacketEmitter packets) {
        if (counters == null) {
            counters = new CounterTracker(packets.mptcpTracker());
        }
        counters.accept(packets.packet(), packets.segment(), packets.mptcpPacketAnalysis());
    }

    /** Prints the increments since the last report (or the start) and starts a new interval. */
    void report() throws IOException {
        StringBuilder text = new StringBuilder();
        synchronized (this) {
            long now = System.nanoTime();
            double seconds = (now - reportedNanos) / 1e9;
            reportedNanos = now;
            List<HostCounters> hosts = counters == null ? List.of()
                    : host.isEmpty() ? counters.hosts(-1) : List.of(counters.host(host, -1));
            if (hosts.isEmpty() && !host.isEmpty()) {
                text.append("#kernel\n"); // nothing captured yet: nstat's empty report
            }
            for (HostCounters h : hosts) {
                CounterValues delta = CounterValues.zero();
                for (HostAddress a : h.addresses()) {
                    CounterValues current = counters.counters(List.of(a), -1);
                    delta = delta.plus(current.minus(reported.getOrDefault(a, CounterValues.zero())));
                    reported.put(a, current);
                }
                if (host.isEmpty()) {
                    if (delta.equals(CounterValues.zero())) {
                        continue; // nothing new for this host
                    }
                    text.append("#host ").append(h.addressList()).append('\n');
                }
                text.append("#kernel\n");
                format.appendLines(text, h, delta, seconds);
            }
        }
        synchronized (out) {
            out.write(NstatFormat.bytes(text.toString()));
            out.flush();
        }
    }
}
