package org.mptcpinspect.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionEvent;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.DsnRange;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.mptcp.StreamReport;
import org.mptcpinspect.dissector.analysis.mptcp.SubflowReport;
import org.mptcpinspect.dissector.decode.FlowKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mptcp-inspect connections}: every MPTCP connection of a capture, its subflows and data-level streams. */
@Command(name = "connections", header = "Rebuilds each connection: tokens, subflows, data-level streams.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Rebuilds each MPTCP connection of a capture: keys and tokens, subflows and how they"
            + " lived, fallback, and the SHA-256 and completeness of each direction's data-level stream."
            + " Times are seconds since the capture's first frame.",
        sortOptions = false)
final class ConnectionsCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final PrintStream err;

    @Parameters(paramLabel = "FILE", description = "Capture file (pcap or pcapng; \"-\" reads standard input).")
    private String file;

    @Option(names = "--json", description = "Write a JSON document instead of the table.")
    private boolean json;

    @Option(names = "--events", description = "With the table: list each connection's timeline too.")
    private boolean events;

    ConnectionsCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    @Override
    public Integer call() {
        MptcpAnalysisRun run = MptcpAnalysisRun.of(file, new MptcpTracker(), err);
        if (run.reports() == null) {
            err.println("mptcp-inspect: " + run.error());
            return Main.FAILED;
        }
        try {
            OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
            if (json) {
                writeJson(run, out);
            } else {
                writeTable(run, events, out);
            }
            out.flush();
        } catch (IOException e) {
            String m = e.getMessage();
            if (m == null || !m.contains("Broken pipe")) {
                err.println("mptcp-inspect: cannot write the output: " + Main.oneLine(e));
            }
            return Main.FAILED;
        }
        if (run.error() != null) {
            err.println("mptcp-inspect: " + run.error());
            return Main.FAILED;
        }
        return Main.OK;
    }

    static String hex8(Long token) {
        return token == null ? null : String.format("%08x", token & 0xffff_ffffL);
    }

    static String hex16(Long key) {
        return key == null ? null : String.format("%016x", key);
    }

    private static String seconds(long nanos, long first) {
        return String.format(Locale.ROOT, "%.6f", (nanos - first) / 1e9);
    }

    /** The subflow's endpoint on the connection's client host, then the one on the server host. */
    private static String[] ends(SubflowReport s) {
        FlowKey f = s.flow();
        return s.initiatedByClient() ? new String[] {f.sourceEndpoint(), f.destinationEndpoint()}
                : new String[] {f.destinationEndpoint(), f.sourceEndpoint()};
    }

    private void writeJson(MptcpAnalysisRun run, OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.writeStartObject();
        g.writeArrayFieldStart("connections");
        for (ConnectionReport c : run.reports()) {
            g.writeStartObject();
            g.writeNumberField("index", c.index());
            if (c.version() < 0) {
                g.writeNullField("version"); // no MP_CAPABLE captured: DSS reads the same in v0 and v1
            } else {
                g.writeNumberField("version", c.version());
            }
            g.writeStringField("client", c.initialFlow().sourceEndpoint());
            g.writeStringField("server", c.initialFlow().destinationEndpoint());
            g.writeStringField("client_key", hex16(c.clientKey()));
            g.writeStringField("server_key", hex16(c.serverKey()));
            g.writeStringField("client_token", hex8(c.clientToken()));
            g.writeStringField("server_token", hex8(c.serverToken()));
            g.writeStringField("client_idsn", c.clientIdsn() == null ? null : Long.toUnsignedString(c.clientIdsn()));
            g.writeStringField("server_idsn", c.serverIdsn() == null ? null : Long.toUnsignedString(c.serverIdsn()));
            g.writeBooleanField("checksums", c.checksums());
            g.writeBooleanField("fallback", c.fallback());
            g.writeStringField("fallback_reason", c.fallbackReason());
            g.writeStringField("state", c.state());
            // A capture started after the handshake: why keys and tokens are null.
            g.writeBooleanField("partial", c.partial());
            if (c.partial()) {
                g.writeStringField("start", startsInHandshake(c) ? "handshake" : "mid-connection");
                g.writeBooleanField("client_guessed", c.clientGuessed());
            }
            g.writeArrayFieldStart("subflows");
            for (SubflowReport s : c.subflows()) {
                writeSubflow(g, s, run.firstNanos());
            }
            g.writeEndArray();
            writeStream(g, "c2s", c.c2s());
            writeStream(g, "s2c", c.s2c());
            g.writeArrayFieldStart("events");
            for (ConnectionEvent e : c.events()) {
                g.writeStartObject();
                g.writeNumberField("frame", e.frame());
                g.writeFieldName("time");
                g.writeNumber(seconds(e.timeNanos(), run.firstNanos()));
                g.writeNumberField("subflow", e.subflow());
                g.writeStringField("from", e.fromClient() ? "client" : "server");
                g.writeStringField("type", e.type().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("value", e.value());
                g.writeStringField("detail", e.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private static void writeSubflow(JsonGenerator g, SubflowReport s, long first) throws IOException {
        String[] ends = ends(s);
        boolean byClient = s.initiatedByClient();
        g.writeStartObject();
        // The number events name: listed by first packet, a subflow linked late keeps its higher number.
        g.writeNumberField("index", s.index());
        g.writeStringField("client", ends[0]);
        g.writeStringField("server", ends[1]);
        g.writeNumberField("tcp_stream", s.tcpStream());
        if (s.join() || s.initial()) {
            g.writeBooleanField("join", s.join());
        } else {
            g.writeNullField("join"); // first seen after its handshake: initial or joined is unknown
        }
        g.writeBooleanField("partial", s.partial());
        g.writeBooleanField("established", s.established());
        g.writeStringField("initiator", byClient ? "client" : "server");
        g.writeNumberField("client_address_id", byClient ? s.initiatorAddressId() : s.responderAddressId());
        g.writeNumberField("server_address_id", byClient ? s.responderAddressId() : s.initiatorAddressId());
        g.writeBooleanField("backup", s.backup());
        g.writeArrayFieldStart("priority_changes");
        for (ConnectionEvent e : s.priorityChanges()) {
            g.writeStartObject();
            g.writeNumberField("frame", e.frame());
            g.writeFieldName("time");
            g.writeNumber(seconds(e.timeNanos(), first));
            g.writeStringField("from", e.fromClient() ? "client" : "server");
            g.writeBooleanField("backup", e.value() == 1);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("packets", s.packetsFromInitiator() + s.packetsFromResponder());
        g.writeNumberField("bytes", s.bytesFromInitiator() + s.bytesFromResponder());
        g.writeNumberField("packets_c2s", byClient ? s.packetsFromInitiator() : s.packetsFromResponder());
        g.writeNumberField("packets_s2c", byClient ? s.packetsFromResponder() : s.packetsFromInitiator());
        g.writeNumberField("bytes_c2s", byClient ? s.bytesFromInitiator() : s.bytesFromResponder());
        g.writeNumberField("bytes_s2c", byClient ? s.bytesFromResponder() : s.bytesFromInitiator());
        g.writeNumberField("retransmissions", s.retransmissions());
        g.writeFieldName("start");
        g.writeNumber(seconds(s.firstNanos(), first));
        g.writeFieldName("end");
        g.writeNumber(seconds(s.lastNanos(), first));
        g.writeStringField("end_reason", s.endReason());
        if (s.resetReason() >= 0) {
            g.writeNumberField("reset_reason", s.resetReason());
        }
        writeRanges(g, "c2s_ranges", s.c2sRanges());
        writeRanges(g, "s2c_ranges", s.s2cRanges());
        g.writeEndObject();
    }

    private static void writeStream(JsonGenerator g, String name, StreamReport s) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("bytes", s.bytes());
        g.writeStringField("sha256", s.sha256());
        g.writeBooleanField("complete", s.complete());
        g.writeBooleanField("data_fin", s.dataFin());
        writeRanges(g, "missing", s.missing());
        g.writeNumberField("missing_bytes", s.missingBytes());
        g.writeNumberField("not_captured_bytes", s.notCapturedBytes());
        g.writeNumberField("duplicate_bytes", s.duplicateBytes());
        g.writeNumberField("reinjected_bytes", s.reinjectedBytes());
        g.writeNumberField("different_overlaps", s.differentOverlaps());
        g.writeStringField("first_dsn", Long.toUnsignedString(s.firstDsn()));
        g.writeNumberField("before_start_bytes", s.beforeStartBytes());
        g.writeNumberField("unplaced_bytes", s.unplacedBytes());
        g.writeEndObject();
    }

    private static void writeRanges(JsonGenerator g, String name, List<DsnRange> ranges) throws IOException {
        g.writeArrayFieldStart(name);
        for (DsnRange r : ranges) {
            g.writeStartArray();
            g.writeNumber(r.start());
            g.writeNumber(r.end());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** The connections table (also live's summary); {@code events} adds each connection's timeline. */
    static void writeTable(MptcpAnalysisRun run, boolean events, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-3s %-26s %-26s %-8s %-8s %-8s %-11s %-21s %-21s%n", "#", "Ver", "Client",
                "Server", "C-token", "S-token", "Subflows", "State", "C2S", "S2C"));
        for (ConnectionReport c : run.reports()) {
            sb.append(String.format("%-4d %-3s %-26s %-26s %-8s %-8s %-8d %-11s %-21s %-21s%n", c.index(),
                    c.version() < 0 ? "-" : String.valueOf(c.version()), c.initialFlow().sourceEndpoint(), c.initialFlow().destinationEndpoint(),
                    orDash(hex8(c.clientToken())), orDash(hex8(c.serverToken())), c.subflows().size(),
                    c.state() + (c.fallback() ? "*" : ""), streamCell(c.c2s()), streamCell(c.s2c())));
            if (c.fallback()) {
                sb.append("     * fallback to TCP: ").append(c.fallbackReason()).append('\n');
            }
            if (c.partial()) {
                sb.append("     ~ partial: ").append(partialNote(c)).append('\n');
            }
            for (SubflowReport s : c.subflows()) {
                String[] ends = ends(s);
                sb.append(String.format("     %-2d %-4s %-26s %-26s ids %s/%s %s%s pkts %d bytes %d %s-%s s %s%n",
                        s.index(), s.join() ? "join" : s.initial() ? "init" : "?", ends[0], ends[1],
                        s.initiatedByClient() ? s.initiatorAddressId() : s.responderAddressId(),
                        s.initiatedByClient() ? s.responderAddressId() : s.initiatorAddressId(),
                        s.backup() ? "backup " : "", "tcp.stream " + s.tcpStream(),
                        s.packetsFromInitiator() + s.packetsFromResponder(),
                        s.bytesFromInitiator() + s.bytesFromResponder(), seconds(s.firstNanos(), run.firstNanos()),
                        seconds(s.lastNanos(), run.firstNanos()),
                        s.endReason() + (s.resetReason() >= 0 ? " (reason " + s.resetReason() + ")" : "")));
            }
            if (events) {
                for (ConnectionEvent e : c.events()) {
                    sb.append(String.format("     %s frame %d subflow %d %s: %s%n",
                            seconds(e.timeNanos(), run.firstNanos()), e.frame(), e.subflow(),
                            e.fromClient() ? "client" : "server", e.detail()));
                }
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A partial connection whose capture starts at its MP_CAPABLE SYN/ACK or third ACK (its initial subflow is known). */
    static boolean startsInHandshake(ConnectionReport c) {
        return !c.subflows().isEmpty() && c.subflows().getFirst().initial();
    }

    /**
     * What a partial connection (its SYN not captured) lacks: only what is really unknown. A
     * capture starting at the MP_CAPABLE SYN/ACK or third ACK knows the server's key, or both.
     */
    static String partialNote(ConnectionReport c) {
        StringBuilder sb = new StringBuilder(startsInHandshake(c) ? "the capture starts inside the MP_CAPABLE handshake, after the SYN"
                : "the capture starts mid-connection");
        boolean client = c.clientKey() != null;
        boolean server = c.serverKey() != null;
        List<String> notes = new ArrayList<>();
        if (!client && !server) {
            notes.add("no keys or tokens; streams from the first DSN captured");
        } else if (!client || !server) {
            String side = client ? "server" : "client";
            notes.add("no " + side + " key or token; " + (client ? "s2c" : "c2s") + " from the first DSN captured");
        }
        if (c.clientGuessed()) {
            notes.add("client guessed by port");
        }
        long unplaced = c.c2s().unplacedBytes() + c.s2c().unplacedBytes();
        if (unplaced > 0) {
            notes.add(unplaced + " bytes not placed: their subflow's ISN never showed");
        }
        if (!notes.isEmpty()) {
            sb.append(" (").append(String.join("; ", notes)).append(')');
        }
        return sb.toString();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String streamCell(StreamReport s) {
        return s.bytes() + (s.complete() ? (s.dataFin() ? " complete" : " open") : " MISSING " + s.missingBytes());
    }
}
