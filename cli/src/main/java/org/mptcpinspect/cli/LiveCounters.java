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
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.fields.PacketEmitter;

/**
 * {@code live --counters}: the MPTcpExt counters fed packet by packet from live's walk (the
 * emitter's MPTCP tracker), printed every interval as nstat prints its deltas: "#kernel", then
 * NAME, the increment since the last report and RATE (the increment per second). Deltas are
 * snapshots subtracted address by address, so a host whose addresses a new MP_JOIN links later
 * is not counted twice; the reports of a run add up to {@code counters} on its -w file: the last
 * one ({@link #lastReport()}) runs the end-of-capture step that {@code counters} runs at the end
 * of the file.
 */
final class LiveCounters implements PacketPipeline.FrameListener {
    private final List<HostAddress> host;
    private final NstatFormat format;
    private final OutputStream out;
    private CounterTracker counters;
    /** The emitter's tracker the counters read; finished with them when the capture ends. */
    private MptcpTracker tracker;
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
            tracker = packets.mptcpTracker();
            counters = new CounterTracker(tracker);
        }
        counters.accept(packets.packet(), packets.segment(), packets.mptcpPacketAnalysis());
    }

    /**
     * The report when the capture has ended (-c, -a, Ctrl-C, an error): first the decisions that
     * wait for a reply the capture will never hold (a subflow still waiting for its connection,
     * an MP_JOIN SYN/ACK or third ACK not answered: taken as accepted, as {@code counters} does at
     * the end of a file), then the increments since the last report. No frame may follow.
     */
    void lastReport() throws IOException {
        synchronized (this) {
            if (counters != null) {
                tracker.finish(); // first: its waiting subflows link or stand alone, handing their packets over
                counters.finish();
            }
        }
        report();
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
