package org.mptcpinspect.lab.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.mptcpinspect.dissector.analysis.counters.CounterValues;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionEvent;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;
import org.mptcpinspect.dissector.analysis.mptcp.SubflowReport;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.FlowKey;
import org.mptcpinspect.endpoint.ConnectionResult;
import org.mptcpinspect.endpoint.KernelView;
import org.mptcpinspect.endpoint.SubflowInfo;
import org.mptcpinspect.lab.Lab;
import org.mptcpinspect.lab.LabException;
import org.mptcpinspect.lab.LiveAnalysisCapture;
import org.mptcpinspect.lab.Scenario;
import org.mptcpinspect.lab.Topology;
import org.mptcpinspect.lab.Truth;

/**
 * Checks an analysis of a scenario's traffic against its truth: per connection, each direction's
 * data-level SHA-256 and length against what the sending endpoint wrote, the tokens against each
 * side's MPTCP_INFO, the final data sequence numbers against MPTCP_INFO's write_seq, snd_una and
 * rcv_nxt, the subflows against MPTCP_FULL_INFO's; per host, the counters against nstat's deltas.
 * The one implementation behind {@code verify} (live) and the tests on the recorded captures.
 *
 * <p>Data sequence numbers (RFC 8684 section 3.3; Linux net/mptcp): the first data byte of a
 * direction has DSN IDSN+1, so after N bytes the next is IDSN+1+N. DATA_FIN occupies one octet of
 * data sequence space (section 3.3.3): Linux's shutdown adds 1 to write_seq, and the receiver adds
 * 1 to rcv_nxt (its ack_seq) when the DATA_FIN is in sequence. So, per side X sending to Y:
 * <ul>
 * <li>write_seq(X) = IDSN(X) + 1 + bytes X sent + 1 if the capture shows X's DATA_FIN;</li>
 * <li>rcv_nxt(X) = IDSN(Y) + 1 + bytes Y sent + 1 if the capture shows Y's DATA_FIN before X's
 *     snapshot (either, when it was captured within the time it may take to arrive);</li>
 * <li>IDSN(X) + 1 &lt;= snd_una(X) &lt;= the highest DATA_ACK Y sent: the kernel's snapshot is taken
 *     before close, when acknowledgements may still be on their way, and it cannot have seen an
 *     acknowledgement the capture did not (the capture is on the client's interfaces, which every
 *     packet between the hosts crosses).</li>
 * </ul>
 * All compared in 64 bits; shown relative to the sender's IDSN. The kernel's view is its last
 * snapshot: just before close(), else when the endpoint's sending was done (then without DATA_FIN).
 */
public final class Verification {
    /**
     * How long after its capture a DATA_FIN may still be missing from the receiver's rcv_nxt: a
     * client's crosses the lab's tbf queues (up to 100 ms) to reach the server, and Linux moves
     * ack_seq past any DATA_FIN in the MPTCP socket's worker (net/mptcp: mptcp_schedule_work),
     * which a loaded machine runs late: one run at load 5.5 missed a DATA_FIN captured more than
     * a millisecond before the snapshot.
     */
    private static final long DATA_FIN_LATENCY_NANOS = 200_000_000L;

    /** How far inside a subflow's captured lifetime a snapshot must fall to be sure to list it. */
    private static final long LISTING_SLACK_NANOS = 20_000_000L;

    /** The peer's DATA_FIN against a snapshot: none captured, surely before, around it, or surely after. */
    private enum DataFinTiming { NONE, BEFORE, AROUND, AFTER }

    private Verification() {
    }

    /**
     * One scenario's outcome.
     *
     * @param scenario the scenario name
     * @param checks   every comparison made
     * @param frames   frames analysed
     * @param millis   how long the run took
     */
    public record Outcome(String scenario, List<Check> checks, long frames, long millis) {
        public Outcome {
            checks = List.copyOf(checks);
        }

        public List<Check> failures() {
            return checks.stream().filter(c -> !c.ok()).toList();
        }
    }

    /**
     * Runs the scenario in the lab with the analysis reading the client host's traffic live, then
     * checks the analysis against the run's truth. A failed run (e.g. an endpoint that did not end)
     * is one failing check, not an exception.
     *
     * @param alter applied to every frame before analysis (identity but in tests)
     */
    public static Outcome live(Scenario scenario, UnaryOperator<RawFrame> alter, Consumer<String> log) {
        return live(scenario, alter, log, null);
    }

    /**
     * As {@link #live(Scenario, UnaryOperator, Consumer)}, keeping the run in {@code saveDir}
     * (NAME.pcap, NAME.pcapng as captured, NAME.truth.json) when it is not null.
     */
    public static Outcome live(Scenario scenario, UnaryOperator<RawFrame> alter, Consumer<String> log,
                               Path saveDir) {
        long start = System.currentTimeMillis();
        TrafficAnalyzer analyzer = new TrafficAnalyzer(alter);
        SavedRun saved = saveDir == null ? null : new SavedRun(saveDir, scenario.name());
        Consumer<RawFrame> frames = saved == null ? analyzer : frame -> {
            saved.accept(frame);
            analyzer.accept(frame);
        };
        LiveAnalysisCapture capture = new LiveAnalysisCapture(frames);
        Truth truth;
        try {
            truth = Lab.run(scenario, capture, log);
        } catch (IOException e) {
            List<Check> failed = new ArrayList<>();
            failed.add(new Check(scenario.name(), "-", "lab run", "completes", e.getMessage(), false));
            if (saved != null) {
                failed.add(saved.finish(null));
            }
            return new Outcome(scenario.name(), failed, 0, System.currentTimeMillis() - start);
        }
        TrafficAnalysis analysis = analyzer.finish();
        List<Check> checks = new ArrayList<>();
        if (saved != null) {
            checks.add(saved.finish(truth));
        }
        LiveCapture.Statistics stats = capture.statistics();
        checks.add(new Check(scenario.name(), "-", "frames dropped by libpcap", "0",
                stats.dropped() + stats.interfaceDropped() + " of " + stats.received(),
                stats.dropped() == 0 && stats.interfaceDropped() == 0));
        checks.addAll(check(truth, analysis));
        return new Outcome(scenario.name(), checks, analysis.frames(), System.currentTimeMillis() - start);
    }

    /**
     * Checks a recorded scenario: {@code capture} (its .pcap or .pcapng, or another capture of
     * the same run) against NAME.truth.json.
     */
    public static Outcome recorded(Path truthFile, Path capture, UnaryOperator<RawFrame> alter)
            throws IOException, CaptureException {
        long start = System.currentTimeMillis();
        Truth truth = Truth.read(truthFile);
        TrafficAnalyzer analyzer = new TrafficAnalyzer(alter);
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (RawFrame f = reader.next(); f != null; f = reader.next()) {
                analyzer.accept(f);
            }
        }
        TrafficAnalysis analysis = analyzer.finish();
        return new Outcome(truth.name(), check(truth, analysis), analysis.frames(), System.currentTimeMillis() - start);
    }

    /** Every check of {@code analysis} against {@code truth}. */
    public static List<Check> check(Truth truth, TrafficAnalysis analysis) {
        String name = truth.name();
        List<Check> checks = new ArrayList<>();
        List<String> problems = Lab.runProblems(truth);
        checks.add(new Check(name, "-", "lab run as planned", "no problems",
                problems.isEmpty() ? "no problems" : String.join("; ", problems), problems.isEmpty()));
        checks.add(new Check(name, "-", "MPTCP connections", Integer.toString(truth.connections().size()),
                Integer.toString(analysis.connections().size()),
                truth.connections().size() == analysis.connections().size()));
        for (Truth.ConnectionPair pair : truth.connections()) {
            new ConnectionChecks(name, truth, pair, analysis, checks).run();
        }
        counters(name, "client", addresses(truth, true), truth.counters().client(), analysis, checks);
        counters(name, "server", addresses(truth, false), truth.counters().server(), analysis, checks);
        return checks;
    }

    /** The checks of one connection. */
    private record ConnectionChecks(String scenario, Truth truth, Truth.ConnectionPair pair, TrafficAnalysis analysis,
                                    List<Check> checks) {
        void run() {
            ConnectionResult client = truth.client().connections().get(pair.client());
            ConnectionResult server = truth.server().connections().get(pair.server());
            ConnectionReport ours = find();
            if (ours == null) {
                add("found in the traffic", pair.clientAddress() + " -> " + pair.serverAddress(), "absent", false);
                return;
            }
            stream("c2s", client, ours.c2s());
            stream("s2c", server, ours.s2c());
            add("fallback", Boolean.toString(client.fallback()), Boolean.toString(ours.fallback()),
                    client.fallback() == ours.fallback());
            if (!client.fallback()) {
                token("client token", client, ours.clientToken());
                token("server token", server, ours.serverToken());
                sequenceNumbers("client", client, ours, true);
                sequenceNumbers("server", server, ours, false);
            }
            subflows(client, server, ours);
        }

        private ConnectionReport find() {
            for (ConnectionReport r : analysis.connections()) {
                FlowKey f = r.initialFlow();
                if (f.sourceEndpoint().equals(pair.clientAddress().toString())
                        && f.destinationEndpoint().equals(pair.serverAddress().toString())) {
                    return r;
                }
            }
            return null;
        }

        private void add(String check, String expected, String observed, boolean ok) {
            checks.add(new Check(scenario, pair.clientAddress().toString(), check, expected, observed, ok));
        }

        /** The data-level stream one way against what its sender wrote. */
        private void stream(String direction, ConnectionResult sender, StreamReport s) {
            String expected = sender.sent().sha256() + " " + sender.sent().bytes() + " B";
            String observed = s.sha256() != null ? s.sha256() + " " + s.bytes() + " B"
                    : "incomplete: " + s.bytes() + " B, " + s.missingBytes() + " B missing";
            add(direction + " data SHA-256", expected, observed, s.complete() && expected.equals(observed));
        }

        /**
         * The token as MPTCP_INFO gave it while the connection was alive: the first snapshot with a
         * token. After an MP_FASTCLOSE the kernel has dropped the token and reports 0; when that
         * came before both snapshots there is nothing to compare with.
         */
        private void token(String check, ConnectionResult side, Long ours) {
            String observed = ours == null ? "unknown" : String.format("%08x", ours);
            for (KernelView view : new KernelView[] {side.beforeShutdown(), side.atClose()}) {
                if (view != null && view.info() != null && view.info().token() != 0) {
                    String expected = String.format("%08x", view.info().token());
                    add(check, expected, observed, expected.equals(observed));
                    return;
                }
            }
            boolean fastclose = analysisSawFastclose();
            checks.add(new Check(scenario, pair.clientAddress().toString(), check,
                    fastclose ? "none (MPTCP_INFO token 0 after MP_FASTCLOSE)" : "MPTCP_INFO token", observed,
                    fastclose ? Check.Result.SKIP : Check.Result.FAIL));
        }

        private boolean analysisSawFastclose() {
            ConnectionReport r = find();
            return r != null && r.subflows().stream().anyMatch(s -> "fastclose".equals(s.endReason()));
        }

        /** write_seq, rcv_nxt and snd_una of one side (see the class comment for the rules). */
        private void sequenceNumbers(String sideName, ConnectionResult side, ConnectionReport ours, boolean client) {
            KernelView view = lastInfo(side);
            Long ownIdsn = client ? ours.clientIdsn() : ours.serverIdsn();
            Long peerIdsn = client ? ours.serverIdsn() : ours.clientIdsn();
            if (view == null && analysisSawFastclose()) {
                // The peer's MP_FASTCLOSE can reset this side before it took any snapshot.
                checks.add(new Check(scenario, pair.clientAddress().toString(), sideName + " data sequence numbers",
                        "none (no MPTCP_INFO snapshot before MP_FASTCLOSE)", "no MPTCP_INFO", Check.Result.SKIP));
                return;
            }
            if (view == null || ownIdsn == null || peerIdsn == null) {
                add(sideName + " data sequence numbers", "MPTCP_INFO and both IDSNs",
                        (view == null ? "no MPTCP_INFO" : "an IDSN unknown"), false);
                return;
            }
            boolean closed = view == side.atClose();
            StreamReport out = client ? ours.c2s() : ours.s2c();
            StreamReport in = client ? ours.s2c() : ours.c2s();
            long writeSeq = ownIdsn + 1 + out.bytes() + (closed && out.dataFin() ? 1 : 0);
            long rcvNxt = peerIdsn + 1 + in.bytes();
            String when = closed ? " (at close)" : " (sending done)";
            // Linux takes the DATA_FIN's octet at shutdown, sent or not: a side reset after its
            // shutdown may never have sent the DATA_FIN the capture would show.
            boolean finUnsent = closed && !out.dataFin() && !side.aborted() && side.beforeShutdown() != null
                    && side.error() != null;
            long kernelWriteSeq = view.info().writeSeq();
            add(sideName + " write_seq" + when, rel(kernelWriteSeq, ownIdsn),
                    rel(writeSeq, ownIdsn) + (finUnsent ? " or +1 (shut down, then reset: no DATA_FIN captured)" : ""),
                    kernelWriteSeq == writeSeq || finUnsent && kernelWriteSeq == writeSeq + 1);
            long kernelRcvNxt = view.info().rcvNxt();
            // A side that closed cleanly had read the peer's end of stream before its snapshot.
            boolean readEnd = closed && !side.aborted() && side.error() == null;
            DataFinTiming fin = peerDataFin(ours, !client, readEnd, view.takenAtMs());
            String expected = switch (fin) {
                case NONE -> rel(rcvNxt, peerIdsn);
                case BEFORE -> rel(rcvNxt + 1, peerIdsn);
                case AROUND -> rel(rcvNxt, peerIdsn) + " or +1 (DATA_FIN around the snapshot)";
                case AFTER -> rel(rcvNxt, peerIdsn) + " (DATA_FIN after the snapshot)";
            };
            boolean rcvOk = kernelRcvNxt == rcvNxt + (fin == DataFinTiming.BEFORE ? 1 : 0)
                    || fin == DataFinTiming.AROUND && kernelRcvNxt == rcvNxt + 1;
            add(sideName + " rcv_nxt" + when, rel(kernelRcvNxt, peerIdsn), expected, rcvOk);
            Long peerAck = analysis.dataAck(ours.index(), !client);
            long sndUna = view.info().sndUna();
            boolean ok = peerAck != null && sndUna - (ownIdsn + 1) >= 0 && peerAck - sndUna >= 0;
            add(sideName + " snd_una" + when + " <= DATA_ACK seen", rel(sndUna, ownIdsn),
                    peerAck == null ? "no DATA_ACK" : rel(peerAck, ownIdsn), ok);
        }

        /**
         * When the capture shows the peer's DATA_FIN relative to a side's MPTCP_INFO snapshot. A
         * side that read the peer's end of stream had it; an aborting side snapshots right after
         * its hold, which the peer's DATA_FIN (sent after the peer's own hold) may precede or follow,
         * and the kernel counts it only once processed, up to {@link #DATA_FIN_LATENCY_NANOS} after
         * its capture. Snapshot times have millisecond resolution.
         */
        private static DataFinTiming peerDataFin(ConnectionReport ours, boolean peerIsClient, boolean readEnd,
                                                 long snapshotMs) {
            StreamReport peerStream = peerIsClient ? ours.c2s() : ours.s2c();
            if (!peerStream.dataFin()) {
                return DataFinTiming.NONE;
            }
            if (readEnd) {
                return DataFinTiming.BEFORE;
            }
            long finNanos = ours.events().stream()
                    .filter(e -> e.type() == ConnectionEvent.Type.DATA_FIN && e.fromClient() == peerIsClient)
                    .mapToLong(ConnectionEvent::timeNanos).min().orElse(Long.MIN_VALUE);
            long snapshotNanos = snapshotMs * 1_000_000L;
            if (finNanos >= snapshotNanos + 1_000_000L) {
                return DataFinTiming.AFTER;
            }
            return finNanos < snapshotNanos - DATA_FIN_LATENCY_NANOS ? DataFinTiming.BEFORE : DataFinTiming.AROUND;
        }

        private void subflows(ConnectionResult client, ConnectionResult server, ConnectionReport ours) {
            Set<String> kernel = kernelSubflows(client, server);
            Set<String> seen = new TreeSet<>();
            Set<String> unlisted = new TreeSet<>();
            for (SubflowReport s : ours.subflows()) {
                if (s.established()) {
                    FlowKey f = s.flow();
                    String ends = s.initiatedByClient() ? f.sourceEndpoint() + " " + f.destinationEndpoint()
                            : f.destinationEndpoint() + " " + f.sourceEndpoint();
                    seen.add(ends);
                    if (!kernel.contains(ends) && !aliveAtASnapshot(s, client, server)) {
                        unlisted.add(ends);
                    }
                }
            }
            Set<String> expected = new TreeSet<>(kernel);
            expected.addAll(unlisted);
            add("subflows (count, addresses)", describe(kernel) + (unlisted.isEmpty() ? ""
                    : " + " + unlisted.size() + " set up and closed between snapshots"), describe(seen),
                    expected.equals(seen));
        }

        /**
         * Whether some snapshot of either side was taken while the subflow lived: then
         * MPTCP_FULL_INFO lists it. One set up after a snapshot and closed before the next (the
         * path manager runs late on a loaded machine) is in no list; {@link #LISTING_SLACK_NANOS}
         * at each end covers the kernel adding and removing it around its packets.
         */
        private static boolean aliveAtASnapshot(SubflowReport s, ConnectionResult client, ConnectionResult server) {
            for (ConnectionResult side : List.of(client, server)) {
                for (KernelView view : new KernelView[] {side.beforeShutdown(), side.atClose()}) {
                    long at = view == null ? Long.MIN_VALUE : view.takenAtMs() * 1_000_000L;
                    if (view != null && at > s.firstNanos() + LISTING_SLACK_NANOS
                            && at < s.lastNanos() - LISTING_SLACK_NANOS) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static String describe(Set<String> subflows) {
            return subflows.size() + ": " + String.join(", ", subflows);
        }
    }

    /**
     * Subflows (client end, server end) either kernel listed in MPTCP_FULL_INFO; closed ones show
     * as 0.0.0.0 or port 0 and are left out. Without a list (fallback) the initial subflow only.
     */
    static Set<String> kernelSubflows(ConnectionResult client, ConnectionResult server) {
        Set<String> out = new TreeSet<>();
        for (ConnectionResult side : List.of(client, server)) {
            for (KernelView view : new KernelView[] {side.beforeShutdown(), side.atClose()}) {
                if (view == null) {
                    continue;
                }
                for (SubflowInfo sf : view.subflows()) {
                    if (sf.local().port() == 0 || sf.remote().port() == 0 || sf.local().address().equals("0.0.0.0")) {
                        continue;
                    }
                    out.add(side == client ? sf.local() + " " + sf.remote() : sf.remote() + " " + sf.local());
                }
            }
        }
        if (out.isEmpty()) {
            out.add(client.local() + " " + client.remote());
        }
        return out;
    }

    /** The side's last snapshot with MPTCP_INFO: at close, else when sending was done; null if none. */
    static KernelView lastInfo(ConnectionResult side) {
        if (side.atClose() != null && side.atClose().info() != null) {
            return side.atClose();
        }
        return side.beforeShutdown() != null && side.beforeShutdown().info() != null ? side.beforeShutdown() : null;
    }

    /** A 64-bit data sequence number relative to the sender's IDSN (the first data byte is 1). */
    private static String rel(long dsn, long idsn) {
        return "IDSN+" + Long.toUnsignedString(dsn - idsn);
    }

    private static List<HostAddress> addresses(Truth truth, boolean client) {
        List<HostAddress> out = new ArrayList<>();
        for (Topology.PathInfo p : truth.paths()) {
            for (String a : client ? new String[] {p.clientIpv4(), p.clientIpv6()}
                    : new String[] {p.serverIpv4(), p.serverIpv6()}) {
                if (a != null) {
                    out.add(HostAddress.parse(a));
                }
            }
        }
        return out;
    }

    /**
     * Every counter a capture determines against the kernel's delta for the host: the non-zero
     * ones and disagreements one row each, the agreeing zeros as one row.
     */
    private static void counters(String scenario, String host, List<HostAddress> addresses, Map<String, Long> kernel,
                                 TrafficAnalysis analysis, List<Check> checks) {
        CounterValues ours = analysis.counters().host(addresses, -1).values();
        int zeros = 0;
        for (MptcpCounter c : MptcpCounter.values()) {
            if (!c.derivation().reported()) {
                continue;
            }
            Long expected = kernel.get(c.kernelName());
            long v = ours.get(c);
            if (expected == null) {
                checks.add(new Check(scenario, host, c.nstatName(), "kernel counter", Long.toString(v), false));
            } else if (expected != 0 || v != 0 || !c.agrees(expected, v)) {
                String what = c.nstatName() + (c.upperBound() ? " (capture >= kernel)" : "");
                checks.add(new Check(scenario, host, what, Long.toString(expected), Long.toString(v),
                        c.agrees(expected, v)));
            } else {
                zeros++;
            }
        }
        checks.add(new Check(scenario, host, "other MPTcpExt counters", zeros + " x 0", zeros + " x 0", true));
    }
}
