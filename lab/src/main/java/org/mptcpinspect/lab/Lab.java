package org.mptcpinspect.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mptcpinspect.endpoint.ConnectionResult;
import org.mptcpinspect.endpoint.EndpointLauncher;
import org.mptcpinspect.endpoint.EndpointResult;
import org.mptcpinspect.endpoint.Family;
import org.mptcpinspect.endpoint.ResultJson;
import org.mptcpinspect.endpoint.SockAddr;
import org.mptcpinspect.endpoint.StatusLine;

/**
 * Runs a scenario for real: builds its topology, starts the capture (a {@link CaptureStep}: the
 * recorder writing NAME.pcap and NAME.pcapng, or verify's live analysis), runs the reference
 * endpoint on both hosts, carries out the actions during the transfer, collects the ground truth
 * and tears it all down.
 */
public final class Lab {
    private static final Duration SERVER_START = Duration.ofSeconds(20);
    private static final Duration FIRST_CONNECTION = Duration.ofSeconds(20);
    private static final Duration TRANSFER_END = Duration.ofSeconds(90);
    private static final long CONNECTION_TIMEOUT_MS = 60_000;
    /** After both endpoints exit: time for the last FIN/ACK/RST segments to be captured. */
    private static final long SETTLE_MS = 300;
    /** After the wire fell silent: more than libpcap's 250 ms block timeout for dumpcap. */
    private static final long CAPTURE_DRAIN_MS = 600;

    private Lab() {
    }

    public static LabResult run(Scenario scenario, Path outDir) throws IOException {
        return run(scenario, outDir, line -> { });
    }

    /**
     * Records the scenario: writes NAME.pcap, NAME.pcapng and NAME.truth.json into {@code outDir},
     * passing progress lines (for people) to {@code log}.
     */
    public static LabResult run(Scenario scenario, Path outDir, Consumer<String> log) throws IOException {
        String name = scenario.name();
        Files.createDirectories(outDir);
        Path work = Files.createTempDirectory("mptcp-lab-" + name + "-captures-");
        try {
            Path pcap = work.resolve(name + ".pcap");
            Path pcapng = work.resolve(name + ".pcapng");
            Truth truth = run(scenario, PacketCapture.recorder(pcap, pcapng, scenario.pcapLinkType()), log)
                    .withCaptures(pcap.getFileName().toString(), pcapng.getFileName().toString());
            Path finalPcap = Files.move(pcap, outDir.resolve(pcap.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Path finalPcapng = Files.move(pcapng, outDir.resolve(pcapng.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            Path truthFile = outDir.resolve(name + ".truth.json");
            truth.write(truthFile);
            log.accept("lab: " + name + ": wrote " + finalPcap + ", " + finalPcapng.getFileName() + ", "
                    + truthFile.getFileName());
            return new LabResult(finalPcap, finalPcapng, truthFile, truth, problems(truth));
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Runs the scenario with {@code capture} running on the client host for the whole transfer and
     * returns its ground truth (without capture file names: the capture step decides what it keeps).
     */
    public static Truth run(Scenario scenario, CaptureStep capture, Consumer<String> log) throws IOException {
        Preflight.require(capture.tools());
        Path work = Files.createTempDirectory("mptcp-lab-" + scenario.name() + "-");
        try {
            return runIn(scenario, capture, work, log);
        } finally {
            deleteTree(work);
        }
    }

    private static Truth runIn(Scenario scenario, CaptureStep captureStep, Path work, Consumer<String> log)
            throws IOException {
        String name = scenario.name();
        Path clientOut = work.resolve("client.json");
        Path serverOut = work.resolve("server.json");
        Scenario.TransferSpec transfer = scenario.transfer();
        List<Truth.ActionRecord> actions;
        Truth.Counters counters;
        List<Topology.PathInfo> paths;

        log.accept("lab: " + name + ": building topology");
        try (Topology topology = Topology.create(scenario)) {
            String clientNs = topology.namespace(Side.CLIENT);
            String serverNs = topology.namespace(Side.SERVER);
            paths = topology.paths();
            Map<String, Long> clientBefore = MptcpCounters.read(clientNs);
            Map<String, Long> serverBefore = MptcpCounters.read(serverNs);

            List<String> interfaces = paths.stream().map(Topology.PathInfo::interfaceName).toList();
            try (CaptureStep.Running capture = captureStep.start(clientNs, interfaces);
                 BackgroundProcess server = BackgroundProcess.start("server endpoint",
                         Shell.inNamespace(serverNs, EndpointLauncher.command(serverArgs(transfer, serverOut))))) {
                server.awaitLine(l -> l.startsWith(StatusLine.LISTENING), "listening line", SERVER_START);
                log.accept("lab: " + name + ": captures running, server listening; starting client");
                try (BackgroundProcess client = BackgroundProcess.start("client endpoint",
                        Shell.inNamespace(clientNs, EndpointLauncher.command(clientArgs(transfer, clientOut))))) {
                    long firstConnection = client.awaitLine(l -> l.startsWith(StatusLine.ESTABLISHED),
                            "established connection", FIRST_CONNECTION);
                    actions = carryOut(scenario.actions(), topology, firstConnection, log);
                    expectExit(client, "client endpoint");
                    expectExit(server, "server endpoint");
                }
                Pause.millis(SETTLE_MS);
                counters = new Truth.Counters(
                        MptcpCounters.delta(clientBefore, MptcpCounters.read(clientNs)),
                        MptcpCounters.delta(serverBefore, MptcpCounters.read(serverNs)));
                // dumpcap (unlike tcpdump) has no immediate mode: libpcap hands it packets in
                // blocks retired every 250 ms and drops an unretired block when it stops. So
                // silence the wire first and give it time to receive the last packets.
                topology.freezeWire();
                Pause.millis(CAPTURE_DRAIN_MS);
                capture.stop();
            }
        }

        EndpointResult clientResult = ResultJson.read(clientOut);
        EndpointResult serverResult = ResultJson.read(serverOut);
        return new Truth(Truth.FORMAT, name, kernelRelease(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                null, null, scenario, paths, clientResult, serverResult, pair(clientResult, serverResult), counters,
                actions);
    }

    private static List<String> serverArgs(Scenario.TransferSpec t, Path out) {
        String wildcard = t.family() == Family.IPV4 ? "0.0.0.0" : "::";
        List<String> args = new ArrayList<>(List.of("server",
                "--listen", new SockAddr(wildcard, t.port()).toString(),
                "--accept-timeout-ms", Long.toString(FIRST_CONNECTION.toMillis())));
        args.addAll(planArgs(t, t.serverProtocol().name(), t.serverSends(), 0, false, out));
        return args;
    }

    private static List<String> clientArgs(Scenario.TransferSpec t, Path out) {
        SockAddr server = new SockAddr(Topology.address(Side.SERVER, t.path(), t.family()), t.port());
        List<String> args = new ArrayList<>(List.of("client", "--connect", server.toString()));
        args.addAll(planArgs(t, t.clientProtocol().name(), t.clientSends(), t.startDelayMs(), t.abort(), out));
        return args;
    }

    private static List<String> planArgs(Scenario.TransferSpec t, String protocol, long send, long startDelayMs,
                                         boolean abort, Path out) {
        List<String> args = new ArrayList<>(List.of("--protocol", protocol,
                "--connections", Integer.toString(t.connections()),
                "--send", Long.toString(send), "--chunk", Integer.toString(t.chunk()),
                "--start-delay-ms", Long.toString(startDelayMs),
                "--pause-ms", Long.toString(t.pauseMs()), "--hold-ms", Long.toString(t.holdMs()),
                "--timeout-ms", Long.toString(CONNECTION_TIMEOUT_MS), "--out", out.toString()));
        if (abort) {
            args.add("--abort");
        }
        return args;
    }

    /** Runs the actions in time order at their offsets from the first connection. */
    private static List<Truth.ActionRecord> carryOut(List<Scenario.Action> actions, Topology topology,
                                                     long start, Consumer<String> log) {
        List<Truth.ActionRecord> done = new ArrayList<>();
        for (Scenario.Action action : actions.stream().sorted(Comparator.comparingLong(Scenario.Action::atMs)).toList()) {
            Pause.millis(start + action.atMs() - System.currentTimeMillis());
            long at = System.currentTimeMillis();
            List<String> lines = new ArrayList<>();
            String error = null;
            for (List<String> command : topology.actionCommands(action)) {
                lines.add(String.join(" ", command));
                try {
                    Shell.run(command);
                } catch (LabException e) {
                    error = e.getMessage();
                    break;
                }
            }
            String command = String.join("; ", lines);
            log.accept("lab: +" + (at - start) + " ms: " + command + (error == null ? "" : ": " + error));
            done.add(new Truth.ActionRecord(action, at, at - start, command, error));
        }
        return done;
    }

    private static void expectExit(BackgroundProcess endpoint, String name) throws LabException {
        int exit = endpoint.awaitExit(TRANSFER_END);
        if (exit != 0) {
            throw new LabException(name + " failed (exit " + exit + ")" + endpoint.stderrTail());
        }
    }

    /** Matches each client connection with the server connection of the same 4-tuple. */
    static List<Truth.ConnectionPair> pair(EndpointResult client, EndpointResult server) {
        List<Truth.ConnectionPair> pairs = new ArrayList<>();
        for (ConnectionResult c : client.connections()) {
            for (ConnectionResult s : server.connections()) {
                if (c.local() != null && c.local().equals(s.remote()) && c.remote().equals(s.local())) {
                    pairs.add(new Truth.ConnectionPair(c.index(), s.index(), c.local(), c.remote()));
                }
            }
        }
        return pairs;
    }

    /**
     * What went wrong that the scenario did not ask for. An aborting client's peer is expected
     * to fail; anything else must end cleanly with the data intact.
     */
    public static List<String> problems(Truth truth) {
        List<String> problems = runProblems(truth);
        Scenario.CounterExpectations wanted = truth.scenario().expectCounters();
        checkCounters("client", wanted.client(), truth.counters().client(), problems);
        checkCounters("server", wanted.server(), truth.counters().server(), problems);
        return problems;
    }

    /**
     * What went wrong in the run itself: endpoints, connections, data, actions. Unlike
     * {@link #problems} it leaves out whether the kernel counted what the scenario is recorded for
     * (with random loss, a run may not retransmit at the data level at all).
     */
    public static List<String> runProblems(Truth truth) {
        List<String> problems = new ArrayList<>();
        boolean abort = truth.scenario().transfer().abort();
        for (EndpointResult side : List.of(truth.client(), truth.server())) {
            if (side.error() != null) {
                problems.add(side.role() + ": " + side.error());
            }
            for (ConnectionResult c : side.connections()) {
                // Whatever the server was doing when the abort hit fails (recv: reset, or
                // shutdown/send: not connected); that is the point of the scenario.
                boolean expected = abort && side.role().equals("server");
                if (c.error() != null && !expected) {
                    problems.add(side.role() + " connection #" + c.index() + ": " + c.error());
                }
            }
        }
        int expectedConnections = truth.scenario().transfer().connections();
        if (truth.connections().size() != expectedConnections) {
            problems.add("matched " + truth.connections().size() + " of " + expectedConnections
                    + " connections between client and server");
        }
        for (Truth.ConnectionPair pair : truth.connections()) {
            ConnectionResult c = truth.client().connections().get(pair.client());
            ConnectionResult s = truth.server().connections().get(pair.server());
            if (!abort && !c.sent().sha256().equals(s.received().sha256())) {
                problems.add("connection " + pair.clientAddress() + ": server did not receive what the client sent");
            }
            if (!abort && !s.sent().sha256().equals(c.received().sha256())) {
                problems.add("connection " + pair.clientAddress() + ": client did not receive what the server sent");
            }
        }
        for (Truth.ActionRecord action : truth.actions()) {
            if (action.error() != null) {
                problems.add("action " + action.command() + ": " + action.error());
            }
        }
        return problems;
    }

    private static void checkCounters(String host, List<String> names, Map<String, Long> deltas, List<String> problems) {
        for (String name : names) {
            Long delta = deltas.get(name);
            if (delta == null) {
                problems.add(host + " kernel has no MPTcpExt counter " + name);
            } else if (delta <= 0) {
                problems.add(host + " counter " + name + " did not increase");
            }
        }
    }

    private static String kernelRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("lab: cannot remove " + dir + ": " + e.getMessage());
        }
    }
}
