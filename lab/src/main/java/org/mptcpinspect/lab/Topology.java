package org.mptcpinspect.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.mptcpinspect.endpoint.Family;

/**
 * Two network namespaces (client, server) joined by one veth pair per path, configured from a
 * {@link Scenario}. Path i is interface {@code p<i>} on both hosts, subnet i of the
 * documentation ranges: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (client .1, server .2)
 * and 2001:db8:(i+1)::/64 (client ::1, server ::2). The client routes by source address
 * (each of its addresses leaves through its own path, like a multi-homed host), the server by
 * destination. Closing deletes both namespaces, which removes everything else with them.
 */
public final class Topology implements AutoCloseable {
    public static final int MAX_PATHS = 3;
    private static final String[] IPV4_SUBNETS = {"192.0.2", "198.51.100", "203.0.113"};
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Scenario scenario;
    private final String clientNamespace;
    private final String serverNamespace;
    private final List<String> created = new ArrayList<>();
    /** Cleans up if the JVM is stopped (Ctrl-C) while the topology exists. */
    private final Thread cleanupOnExit = new Thread(this::close, "lab-cleanup");

    private Topology(Scenario scenario, String prefix) {
        this.scenario = scenario;
        this.clientNamespace = prefix + "-" + Side.CLIENT.suffix;
        this.serverNamespace = prefix + "-" + Side.SERVER.suffix;
    }

    /** Namespace names of this JVM's runs start with this; {@code lab clean} removes stale ones. */
    static String namePrefix(long pid) {
        return "mpi-" + pid + "-";
    }

    /** Builds the topology; on failure removes whatever was already created. */
    public static Topology create(Scenario scenario) throws LabException {
        Topology topology = new Topology(scenario,
                namePrefix(ProcessHandle.current().pid()) + RUNS.incrementAndGet());
        Runtime.getRuntime().addShutdownHook(topology.cleanupOnExit);
        try {
            topology.build();
            return topology;
        } catch (LabException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    public String namespace(Side side) {
        return side == Side.CLIENT ? clientNamespace : serverNamespace;
    }

    public static String interfaceName(int path) {
        return "p" + path;
    }

    /** The address a host has on a path. */
    public static String address(Side side, int path, Family family) {
        if (path < 0 || path >= MAX_PATHS) {
            throw new IllegalArgumentException("no path " + path);
        }
        String host = side == Side.CLIENT ? "1" : "2";
        return family == Family.IPV4
                ? IPV4_SUBNETS[path] + "." + host
                : "2001:db8:" + (path + 1) + "::" + host;
    }

    private void build() throws LabException {
        for (Side side : Side.values()) {
            String ns = namespace(side);
            Shell.run("ip", "netns", "add", ns);
            created.add(ns);
            Shell.run("ip", "-n", ns, "link", "set", "lo", "up");
            sysctl(ns, "net.mptcp.enabled", "1");
            sysctl(ns, "net.ipv4.conf.all.rp_filter", "0");
            sysctl(ns, "net.ipv4.conf.default.rp_filter", "0");
            if (scenario.ipv6()) {
                // Quiet links: no duplicate address detection delay, no router solicitations.
                sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
                sysctl(ns, "net.ipv6.conf.default.router_solicitations", "0");
            } else {
                // IPv4-only scenarios keep IPv6 chatter (MLD, ND) out of the capture.
                sysctl(ns, "net.ipv6.conf.all.disable_ipv6", "1");
                sysctl(ns, "net.ipv6.conf.default.disable_ipv6", "1");
            }
        }
        for (int path = 0; path < scenario.paths().size(); path++) {
            buildPath(path, scenario.paths().get(path));
        }
        for (Side side : Side.values()) {
            Scenario.HostSpec host = side == Side.CLIENT ? scenario.client() : scenario.server();
            configureHost(side, host);
        }
    }

    private void buildPath(int path, Scenario.PathSpec spec) throws LabException {
        String dev = interfaceName(path);
        Shell.run("ip", "link", "add", dev, "netns", clientNamespace, "type", "veth",
                "peer", "name", dev, "netns", serverNamespace);
        for (Side side : Side.values()) {
            String ns = namespace(side);
            // Real-link packets: no segmentation/coalescing offloads, checksums computed.
            Shell.run(Shell.inNamespace(ns, List.of("ethtool", "-K", dev, "tso", "off", "gso", "off",
                    "gro", "off", "tx", "off")));
            Shell.run("ip", "-n", ns, "addr", "add", address(side, path, Family.IPV4) + "/24", "dev", dev);
            if (scenario.ipv6()) {
                Shell.run("ip", "-n", ns, "-6", "addr", "add", address(side, path, Family.IPV6) + "/64",
                        "dev", dev, "nodad");
            }
            Shell.run("ip", "-n", ns, "link", "set", dev, "up");
            if (spec.rate() != null) {
                Shell.run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "root", "tbf",
                        "rate", spec.rate(), "burst", "16kb", "latency", "100ms");
            }
        }
        if (spec.loss() > 0) {
            // Drop at the server: client->server packets after the client capture saw them,
            // server->client packets before they reach the wire, as a lossy link would.
            // Handshake segments (SYN set) are spared so that subflows come up on time and a
            // recording does not depend on a lucky draw.
            String p = Double.toString(spec.loss());
            for (String tool : scenario.ipv6() ? List.of("iptables", "ip6tables") : List.of("iptables")) {
                for (String direction : List.of("INPUT -i", "OUTPUT -o")) {
                    String[] chainAndDev = direction.split(" ");
                    Shell.run("ip", "netns", "exec", serverNamespace, tool, "-A", chainAndDev[0], chainAndDev[1], dev,
                            "-p", "tcp", "--tcp-flags", "SYN", "NONE",
                            "-m", "statistic", "--mode", "random", "--probability", p, "-j", "DROP");
                }
            }
        }
        String table = Integer.toString(100 + path);
        Shell.run("ip", "-n", clientNamespace, "rule", "add", "from", address(Side.CLIENT, path, Family.IPV4),
                "table", table);
        Shell.run("ip", "-n", clientNamespace, "route", "add", "default", "via",
                address(Side.SERVER, path, Family.IPV4), "dev", dev, "table", table);
        if (scenario.ipv6()) {
            Shell.run("ip", "-n", clientNamespace, "-6", "rule", "add", "from",
                    address(Side.CLIENT, path, Family.IPV6), "table", table);
            Shell.run("ip", "-n", clientNamespace, "-6", "route", "add", "default", "via",
                    address(Side.SERVER, path, Family.IPV6), "dev", dev, "table", table);
        }
    }

    private void configureHost(Side side, Scenario.HostSpec host) throws LabException {
        String ns = namespace(side);
        for (Map.Entry<String, String> sysctl : host.sysctls().entrySet()) {
            sysctl(ns, sysctl.getKey(), sysctl.getValue());
        }
        if (host.limits() != null) {
            Shell.run("ip", "-n", ns, "mptcp", "limits", "set",
                    "subflows", Integer.toString(host.limits().subflows()),
                    "add_addr_accepted", Integer.toString(host.limits().addAddrAccepted()));
        }
        for (Scenario.EndpointSpec endpoint : host.endpoints()) {
            List<String> command = new ArrayList<>(List.of("ip", "-n", ns, "mptcp", "endpoint", "add",
                    address(side, endpoint.path(), endpoint.family()), "dev", interfaceName(endpoint.path())));
            if (endpoint.id() != null) {
                command.addAll(List.of("id", endpoint.id().toString()));
            }
            if (endpoint.port() != null) {
                command.addAll(List.of("port", endpoint.port().toString()));
            }
            command.addAll(endpoint.flags());
            Shell.run(command);
        }
    }

    /** The commands that carry out an action, in order. */
    public List<List<String>> actionCommands(Scenario.Action action) {
        String ns = namespace(action.side());
        return switch (action.op()) {
            case ENDPOINT_DELETE -> List.of(List.of("ip", "-n", ns, "mptcp", "endpoint", "delete", "id",
                    action.endpointId().toString()));
            case ENDPOINT_BACKUP -> List.of(List.of("ip", "-n", ns, "mptcp", "endpoint", "change", "id",
                    action.endpointId().toString(), "backup"));
            case ENDPOINT_NOBACKUP -> List.of(List.of("ip", "-n", ns, "mptcp", "endpoint", "change", "id",
                    action.endpointId().toString(), "nobackup"));
            case LINK_DOWN -> List.of(List.of("ip", "-n", ns, "link", "set", "dev", interfaceName(action.path()), "down"));
            case LINK_UP -> List.of(List.of("ip", "-n", ns, "link", "set", "dev", interfaceName(action.path()), "up"));
            case PATH_BLACKHOLE -> blackhole(ns, interfaceName(action.path()));
        };
    }

    /**
     * Stops all packets from leaving either host (iptables OUTPUT DROP). The lab does this at
     * the end so both captures can stop at the same last packet even when the kernel still
     * retransmits on an orphaned subflow.
     */
    public void freezeWire() throws LabException {
        for (Side side : Side.values()) {
            for (String tool : scenario.ipv6() ? List.of("iptables", "ip6tables") : List.of("iptables")) {
                Shell.run("ip", "netns", "exec", namespace(side), tool, "-I", "OUTPUT", "-j", "DROP");
            }
        }
    }

    private List<List<String>> blackhole(String ns, String dev) {
        List<List<String>> commands = new ArrayList<>();
        for (String tool : scenario.ipv6() ? List.of("iptables", "ip6tables") : List.of("iptables")) {
            commands.add(List.of("ip", "netns", "exec", ns, tool, "-I", "INPUT", "-i", dev, "-p", "tcp", "-j", "DROP"));
            commands.add(List.of("ip", "netns", "exec", ns, tool, "-I", "OUTPUT", "-o", dev, "-p", "tcp", "-j", "DROP"));
        }
        return commands;
    }

    /** The addressing of every path, for the ground truth. */
    public List<PathInfo> paths() {
        List<PathInfo> paths = new ArrayList<>();
        for (int i = 0; i < scenario.paths().size(); i++) {
            paths.add(new PathInfo(i, interfaceName(i),
                    address(Side.CLIENT, i, Family.IPV4), address(Side.SERVER, i, Family.IPV4),
                    scenario.ipv6() ? address(Side.CLIENT, i, Family.IPV6) : null,
                    scenario.ipv6() ? address(Side.SERVER, i, Family.IPV6) : null));
        }
        return paths;
    }

    /** One path's interface name (same on both hosts) and addresses (IPv6 null when unused). */
    public record PathInfo(int index, String interfaceName, String clientIpv4, String serverIpv4,
                           String clientIpv6, String serverIpv6) {
    }

    private static void sysctl(String ns, String key, String value) throws LabException {
        Shell.run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", key + "=" + value);
    }

    /**
     * Stops any process still inside the namespaces, then deletes them (and with them links,
     * addresses, endpoints, rules).
     */
    @Override
    public synchronized void close() {
        for (String ns : created.reversed()) {
            try {
                for (String pid : Shell.run("ip", "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isEmpty()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                Shell.run("ip", "netns", "del", ns);
            } catch (LabException e) {
                System.err.println("lab: cleanup: " + e.getMessage());
            }
        }
        created.clear();
        if (Thread.currentThread() != cleanupOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or ran
            }
        }
    }
}
