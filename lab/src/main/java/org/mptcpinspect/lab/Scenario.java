package org.mptcpinspect.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mptcpinspect.endpoint.Family;
import org.mptcpinspect.endpoint.Protocol;

/**
 * A declarative lab run: the paths between client and server, each host's MPTCP settings, the
 * transfer the endpoints perform, actions to take during it, and display filters that must
 * (or must not) match in the resulting capture. Read from JSON (see scenarios/*.json).
 *
 * @param paths         one veth pair per path; path i uses the i-th test subnet
 * @param ipv6          also configure 2001:db8:i::/64 addresses on every path
 * @param pcapLinkType  tcpdump -y value for the -i any capture (null: tcpdump's default, LINUX_SLL2)
 * @param expect        display filters each matching at least one frame of the capture
 * @param expectAbsent  display filters no frame may match
 * @param expectCounters MPTcpExt counters that must increase during the run, per host
 */
public record Scenario(
        String name,
        String description,
        List<PathSpec> paths,
        boolean ipv6,
        HostSpec client,
        HostSpec server,
        TransferSpec transfer,
        List<Action> actions,
        String pcapLinkType,
        List<String> expect,
        List<String> expectAbsent,
        CounterExpectations expectCounters) {

    public Scenario {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("scenario name must be lower-case letters, digits and '-': " + name);
        }
        paths = paths == null || paths.isEmpty() ? List.of(new PathSpec(null, 0)) : List.copyOf(paths);
        if (paths.size() > Topology.MAX_PATHS) {
            throw new IllegalArgumentException(name + ": at most " + Topology.MAX_PATHS + " paths");
        }
        client = client == null ? HostSpec.DEFAULT : client;
        server = server == null ? HostSpec.DEFAULT : server;
        if (transfer == null) {
            throw new IllegalArgumentException(name + ": missing transfer");
        }
        actions = actions == null ? List.of() : List.copyOf(actions);
        expect = expect == null ? List.of() : List.copyOf(expect);
        expectAbsent = expectAbsent == null ? List.of() : List.copyOf(expectAbsent);
        expectCounters = expectCounters == null ? new CounterExpectations(null, null) : expectCounters;
        if (transfer.family() == Family.IPV6 && !ipv6) {
            throw new IllegalArgumentException(name + ": an IPv6 transfer needs \"ipv6\": true");
        }
        for (HostSpec host : List.of(client, server)) {
            for (EndpointSpec e : host.endpoints()) {
                if (e.path() < 0 || e.path() >= paths.size()) {
                    throw new IllegalArgumentException(name + ": endpoint on unknown path " + e.path());
                }
                if (e.family() == Family.IPV6 && !ipv6) {
                    throw new IllegalArgumentException(name + ": IPv6 endpoint needs \"ipv6\": true");
                }
            }
        }
    }

    /**
     * One path between the hosts. {@code rate}: tc tbf rate on both ends (e.g. "20mbit"), null
     * for none; {@code loss}: probability that a TCP packet without SYN is dropped (each
     * direction, at the server end of the path).
     */
    public record PathSpec(String rate, double loss) {
        public PathSpec {
            if (loss < 0 || loss >= 1) {
                throw new IllegalArgumentException("loss must be in [0, 1): " + loss);
            }
        }
    }

    /** One host's settings: sysctls (besides net.mptcp.enabled=1), PM limits and endpoints. */
    public record HostSpec(Map<String, String> sysctls, Limits limits, List<EndpointSpec> endpoints) {
        static final HostSpec DEFAULT = new HostSpec(Map.of(), null, List.of());

        public HostSpec {
            sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
            endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        }
    }

    /** Names of MPTcpExt counters (as in /proc/net/netstat) that must increase on each host. */
    public record CounterExpectations(List<String> client, List<String> server) {
        public CounterExpectations {
            client = client == null ? List.of() : List.copyOf(client);
            server = server == null ? List.of() : List.copyOf(server);
        }
    }

    /** {@code ip mptcp limits set subflows N add_addr_accepted M}. */
    public record Limits(int subflows, int addAddrAccepted) {
    }

    /**
     * {@code ip mptcp endpoint add ADDRESS dev IF [id ID] [port PORT] FLAGS...}, ADDRESS being
     * the host's address of that family on that path. Flags: signal, subflow, backup, fullmesh.
     */
    public record EndpointSpec(Integer id, int path, Family family, List<String> flags, Integer port) {
        private static final List<String> KNOWN_FLAGS = List.of("signal", "subflow", "backup", "fullmesh");

        public EndpointSpec {
            family = family == null ? Family.IPV4 : family;
            flags = flags == null ? List.of() : List.copyOf(flags);
            for (String flag : flags) {
                if (!KNOWN_FLAGS.contains(flag)) {
                    throw new IllegalArgumentException("unknown endpoint flag '" + flag + "', expected " + KNOWN_FLAGS);
                }
            }
        }
    }

    /**
     * The endpoints' work: the client connects {@code connections} times over path {@code path}
     * to the server's address of {@code family}; each side sends its byte count in chunks with
     * pauses, holds the connection open after its last chunk, and the client may abort
     * (SO_LINGER 0) instead of closing. The client starts sending {@code startDelayMs} after
     * the connection is up while the server starts at once: the server's data completes the
     * MPTCP handshake on both sides, so the path managers add their subflows before the
     * client's data flows.
     */
    public record TransferSpec(
            Family family,
            int path,
            Protocol clientProtocol,
            Protocol serverProtocol,
            int port,
            int connections,
            long clientSends,
            long serverSends,
            int chunk,
            long startDelayMs,
            long pauseMs,
            long holdMs,
            boolean abort) {
        public TransferSpec {
            family = family == null ? Family.IPV4 : family;
            clientProtocol = clientProtocol == null ? Protocol.MPTCP : clientProtocol;
            serverProtocol = serverProtocol == null ? Protocol.MPTCP : serverProtocol;
            port = port == 0 ? 8000 : port;
            connections = connections == 0 ? 1 : connections;
            chunk = chunk == 0 ? 16384 : chunk;
        }
    }

    /** Something done to one host {@code atMs} after the client's first connection is up. */
    public record Action(long atMs, Side side, Op op, Integer endpointId, Integer path) {
        public Action {
            if (side == null || op == null) {
                throw new IllegalArgumentException("an action needs a side and an op");
            }
            if ((op == Op.ENDPOINT_DELETE || op == Op.ENDPOINT_BACKUP || op == Op.ENDPOINT_NOBACKUP)
                    && endpointId == null) {
                throw new IllegalArgumentException(op + " needs an endpointId");
            }
            if ((op == Op.LINK_DOWN || op == Op.LINK_UP || op == Op.PATH_BLACKHOLE) && path == null) {
                throw new IllegalArgumentException(op + " needs a path");
            }
        }
    }

    /** What an action does. */
    public enum Op {
        /** ip mptcp endpoint delete id N: REMOVE_ADDR, and the subflows using it close. */
        ENDPOINT_DELETE,
        /** ip mptcp endpoint change id N backup: MP_PRIO on the subflows using it. */
        ENDPOINT_BACKUP,
        /** ip mptcp endpoint change id N nobackup. */
        ENDPOINT_NOBACKUP,
        /** ip link set dev pN down on that host. */
        LINK_DOWN,
        /** ip link set dev pN up on that host. */
        LINK_UP,
        /**
         * From now on that host drops every TCP packet in and out of pN (iptables): the path
         * fails silently, as when a middlebox or radio link dies. At the server end the client
         * capture still shows the client's retransmissions on the dead path.
         */
        PATH_BLACKHOLE
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads a scenario file; one-line IOException on bad JSON or values. */
    public static Scenario read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** A scenario shipped with the lab, by name (see {@link #builtInNames()}). */
    public static Scenario builtIn(String name) throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".json")) {
            if (in == null) {
                throw new IOException("no built-in scenario '" + name + "' (known: " + builtInNames() + ")");
            }
            return parse(in, name);
        }
    }

    /** Names of the built-in scenarios, in the order of scenarios/index.txt. */
    public static List<String> builtInNames() throws IOException {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/index.txt")) {
            if (in == null) {
                throw new IOException("scenarios/index.txt missing from the lab's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static Scenario parse(InputStream in, String origin) throws IOException {
        try {
            return JSON.readValue(in, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new IOException("bad scenario " + origin + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
    }
}
