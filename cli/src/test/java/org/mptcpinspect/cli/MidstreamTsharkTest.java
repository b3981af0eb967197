package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.cli.MidstreamCaptureTest.Stage;

/**
 * The MPTCP analysis fields of {@code read} on captures started mid-connection (see
 * {@link MidstreamCaptureTest} for the cuts) against tshark 4.0 with the same preferences as
 * {@link TsharkFieldsOracleTest}: every field is equal on every packet, except differences listed
 * in testdata/pcaps/README.md and checked here. Without the keys tshark's base DSN stays 0, so on
 * a connection first seen after its handshake its mptcp.dss.dsn and mptcp.ack, labelled relative,
 * are the raw 64-bit (or 32-bit) values; we show none, as a DSN relative to the IDSN (RFC 8684
 * sections 3.1 and 3.3.1: the IDSN is derived from the key) cannot be known there. Cuts inside
 * the MP_CAPABLE handshake have tshark differ from itself on the whole capture (see
 * {@link #handshakeCutsAgreeWithTshark}).
 */
class MidstreamTsharkTest {
    private static final List<String> FIELDS = List.of("frame.number", "tcp.stream", "tcp.flags.syn",
            "tcp.flags.ack", "tcp.options.mptcp.recvtok", "mptcp.stream", "mptcp.master",
            "mptcp.analysis.subflows", "mptcp.dsn", "mptcp.rawdsn64", "mptcp.related_mapping",
            "mptcp.reinjection_of", "mptcp.expected_token", "mptcp.ack", "mptcp.dss.dsn",
            "tcp.options.mptcp.rawdataseqno", "tcp.options.mptcp.rawdataack",
            "tcp.options.mptcp.dseqnpresent.flag", "tcp.options.mptcp.dataack8.flag");
    private static final int STREAM = FIELDS.indexOf("mptcp.stream");
    private static final int TCP_STREAM = FIELDS.indexOf("tcp.stream");
    private static final int DSN_PRESENT = FIELDS.indexOf("tcp.options.mptcp.dseqnpresent.flag");
    private static final int ACK8 = FIELDS.indexOf("tcp.options.mptcp.dataack8.flag");
    /** Our MPTCP analysis fields (the tracker's). */
    private static final List<Integer> ANALYSIS = java.util.stream.Stream.of("mptcp.stream", "mptcp.master",
            "mptcp.analysis.subflows", "mptcp.dsn", "mptcp.rawdsn64", "mptcp.related_mapping", "mptcp.reinjection_of",
            "mptcp.ack", "mptcp.dss.dsn").map(FIELDS::indexOf).toList();
    private static final int SYN = FIELDS.indexOf("tcp.flags.syn");
    private static final int ACK_FLAG = FIELDS.indexOf("tcp.flags.ack");
    private static final int RECEIVER_TOKEN = FIELDS.indexOf("tcp.options.mptcp.recvtok");
    private static final int ACK = FIELDS.indexOf("mptcp.ack");
    private static final int DSS_DSN = FIELDS.indexOf("mptcp.dss.dsn");
    private static final int DSN = FIELDS.indexOf("mptcp.dsn");
    private static final int RAWDSN64 = FIELDS.indexOf("mptcp.rawdsn64");
    private static final int RAW_DSN = FIELDS.indexOf("tcp.options.mptcp.rawdataseqno");
    private static final int RAW_ACK = FIELDS.indexOf("tcp.options.mptcp.rawdataack");
    private static final int MASTER = FIELDS.indexOf("mptcp.master");
    private static final int SUBFLOWS = FIELDS.indexOf("mptcp.analysis.subflows");
    private static final int RELATED = FIELDS.indexOf("mptcp.related_mapping");
    private static final int REINJECTION_OF = FIELDS.indexOf("mptcp.reinjection_of");
    /** Relative to an IDSN: what tshark gets wrong when it attributes a key to the wrong host. */
    private static final Set<Integer> KEYED = Set.of(ACK, DSS_DSN, DSN, RAWDSN64);

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cuts() {
        return MidstreamCaptureTest.cuts();
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> handshakeCuts() {
        return MidstreamCaptureTest.handshakeCuts();
    }

    /**
     * The cuts at a third and two thirds. One listed difference besides the raw values above:
     * tshark makes each subflow first seen after its SYNs an MPTCP connection of its own, while we
     * link it to the connection whose data sequence space its 64-bit DSNs and DATA_ACKs lie in
     * (RFC 8684 section 3.3: each direction of a connection has one data sequence space, which
     * all its subflows carry; section 3.1: the IDSNs come from random 64-bit keys, so unrelated
     * connections' spaces are far apart). So mptcp.stream differs: each of tshark's connections is
     * exactly one of ours, and ours put together exactly the subflows the full capture's tokens
     * put together ({@link #linkedAsInTheFullCapture}). A packet before its subflow's first 64-bit
     * DSN or DATA_ACK shows no MPTCP analysis at all (its connection is not known yet in one pass).
     */
    @ParameterizedTest(name = "{0} from {1}/3")
    @MethodSource("cuts")
    void analysisFieldsAgreeWithTshark(String name, int thirds, @TempDir Path dir) throws Exception {
        Tshark.assume();
        Path cut = MidstreamCaptureTest.cut(name, thirds, dir);
        List<String[]> theirs = tshark(cut);
        List<String[]> mine = ours(cut);
        assertEquals(theirs.size(), mine.size(), name);
        int partialPackets = 0;
        int rawShown = 0;
        Map<String, String> ourStream = new HashMap<>();
        int held = heldPackets(name, theirs, mine);
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i);
            String[] o = mine.get(i);
            if (o[STREAM].isEmpty() && !t[STREAM].isEmpty()) {
                continue; // held (heldPackets)
            }
            // A packet of a partial connection: in an MPTCP connection with no subflow seen by its SYN.
            boolean partial = !t[MASTER].isEmpty() && t[SUBFLOWS].isEmpty();
            for (int k = 0; k < FIELDS.size(); k++) {
                if (k == STREAM && !t[k].isEmpty()) {
                    String before = ourStream.putIfAbsent(t[k], o[k]);
                    assertEquals(before == null ? o[k] : before, o[k], name + " frame " + t[0]
                            + ": tshark's mptcp.stream " + t[k] + " is two of ours");
                    continue;
                }
                if (partial && (k == ACK || k == DSS_DSN)) {
                    assertEquals("", o[k], name + " frame " + t[0] + " " + FIELDS.get(k));
                    if (!t[k].isEmpty()) {
                        rawShown++;
                        String raw = k == ACK ? t[RAW_ACK] : t[RAW_DSN];
                        assertEquals(raw, t[k], name + " frame " + t[0] + ": tshark's " + FIELDS.get(k)
                                + " is not the raw value");
                    }
                    continue;
                }
                assertEquals(t[k], o[k], name + " frame " + t[0] + " " + FIELDS.get(k));
            }
            partialPackets += partial ? 1 : 0;
        }
        assertTrue(partialPackets > 0, name + ": no packet of a partial connection");
        assertTrue(rawShown > 0, name + ": tshark showed no raw value as relative (the difference is gone?)");
        Path full = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps/" + name + ".pcap");
        int merged = linkedAsInTheFullCapture(name, cut, full, theirs, ourStream);
        System.out.printf("%s from %d/3: %d frames, tshark's %d MPTCP connections are our %d, %d packets held%n",
                name, thirds, theirs.size(), ourStream.size(), ourStream.size() - merged, held);
    }

    /**
     * Packets we show in no connection where tshark shows one: those of a subflow first seen after
     * its SYNs before its first DSS with a 64-bit DSN or DATA_ACK (or any DSN mapping), which
     * carry none; no analysis field of ours is shown there. Returns their number.
     */
    private static int heldPackets(String name, List<String[]> theirs, List<String[]> mine) {
        Map<String, Boolean> linked = new HashMap<>();
        int held = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i);
            String[] o = mine.get(i);
            if (!o[STREAM].isEmpty()) {
                linked.put(o[TCP_STREAM], true);
            }
            if (!o[STREAM].isEmpty() || t[STREAM].isEmpty()) {
                continue;
            }
            String where = name + " frame " + t[0] + ": ";
            assertFalse(linked.containsKey(o[TCP_STREAM]), where + "in no connection after its subflow was linked");
            assertFalse(o[DSN_PRESENT].equals("1") || o[ACK8].equals("1"), where + "carries a DSN or 64-bit DATA_ACK");
            for (int k : ANALYSIS) {
                assertEquals("", o[k], where + FIELDS.get(k));
            }
            held++;
        }
        return held;
    }

    /**
     * Checks that our connections group tshark's (one subflow each, in a cut) as the full capture
     * groups their subflows (by token, in {@code connections --json}; checked against the kernel
     * in ConnectionsTruthTest): two of tshark's are one of ours exactly when their subflows are
     * one connection in the full capture. Returns how many of tshark's were merged into others.
     */
    static int linkedAsInTheFullCapture(String name, Path cut, Path full, List<String[]> theirs,
                                        Map<String, String> ourStream) throws Exception {
        Map<Integer, String> pairOfTcpStream = new HashMap<>();
        for (JsonNode c : MidstreamCaptureTest.connections(cut)) {
            for (JsonNode s : c.get("subflows")) {
                pairOfTcpStream.put(s.get("tcp_stream").asInt(), pair(s));
            }
        }
        Map<String, Integer> fullOfPair = new HashMap<>();
        for (JsonNode c : MidstreamCaptureTest.connections(full)) {
            for (JsonNode s : c.get("subflows")) {
                fullOfPair.put(pair(s), c.get("index").asInt());
            }
        }
        Map<String, Integer> fullOf = new HashMap<>();
        for (String[] t : theirs) {
            if (!t[STREAM].isEmpty() && ourStream.containsKey(t[STREAM])) {
                Integer f = fullOfPair.get(pairOfTcpStream.get(Integer.parseInt(t[TCP_STREAM])));
                assertNotNull(f, name + " frame " + t[0] + ": its subflow is in no full connection");
                Integer before = fullOf.putIfAbsent(t[STREAM], f);
                assertEquals(before == null ? f : before, f, name + ": tshark's connection " + t[STREAM]
                        + " spans two full connections");
            }
        }
        for (String a : fullOf.keySet()) {
            for (String b : fullOf.keySet()) {
                assertEquals(fullOf.get(a).equals(fullOf.get(b)), ourStream.get(a).equals(ourStream.get(b)),
                        name + ": tshark's connections " + a + " and " + b + " (full capture's " + fullOf.get(a)
                                + " and " + fullOf.get(b) + ") are our " + ourStream.get(a) + " and "
                                + ourStream.get(b));
            }
        }
        return fullOf.size() - (int) ourStream.values().stream().distinct().count();
    }

    /** A subflow's two endpoints, in either order. */
    private static String pair(JsonNode subflow) {
        String a = subflow.get("client").asText();
        String b = subflow.get("server").asText();
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    /**
     * Cuts at the first connection's MP_CAPABLE SYN/ACK or third ACK: tshark knows the connection
     * there too (master subflow, subflow list), and shows a direction's data-level analysis only
     * once it saw that direction's SYN or SYN/ACK, as we do. Wherever a field differs from
     * tshark's on the cut, ours is what we show on the whole capture (nothing lost), and either
     * tshark's is its own on the whole capture (a difference listed for the full captures, checked
     * by {@link TsharkFieldsOracleTest}) or it is one of two listed differences of these cuts:
     * <ul>
     * <li>from the third ACK on, tshark attributes each host's key to the other on the MP_JOIN
     * subflows: an MP_JOIN SYN names the token of its receiver (RFC 8684 section 3.2), yet its
     * mptcp.rawdsn64 is the receiver's IDSN, and that subflow's mptcp.ack, mptcp.dss.dsn,
     * mptcp.dsn and mptcp.rawdsn64 are relative to the wrong IDSN (ours are those of the whole
     * capture, tshark's there too but for its listed differences);</li>
     * <li>mptcp.reinjection_of naming data first sent on the initial subflow in a direction whose
     * SYN was not captured: tshark records no mapping of that direction, so it never finds the
     * first copy; the mappings place it (RFC 8684 section 3.3) as in the whole capture.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0} from its {1}")
    @MethodSource("handshakeCuts")
    void handshakeCutsAgreeWithTshark(String name, Stage stage, @TempDir Path dir) throws Exception {
        Tshark.assume();
        long first = MidstreamCaptureTest.handshakeFrame(name, stage);
        Path full = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps/" + name + ".pcap");
        Path cut = MidstreamCaptureTest.cutFrom(name, first, stage.name(), dir);
        List<String[]> theirs = tshark(cut);
        List<String[]> mine = ours(cut);
        List<String[]> theirsFull = tshark(full);
        List<String[]> mineFull = ours(full);
        assertEquals(theirs.size(), mine.size(), name);
        int offset = (int) first - 1;
        int wholeCapture = 0;
        int swapped = 0;
        int notMapped = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i);
            String[] o = mine.get(i);
            String where = name + " from frame " + first + ": frame " + t[0] + " ";
            if (i == 0) {
                assertEquals("1", t[MASTER], where + "tshark makes the cut's first subflow the master");
            }
            for (int k = 0; k < FIELDS.size(); k++) {
                if (t[k].equals(o[k])) {
                    continue;
                }
                String ourWhole = shifted(mineFull.get(i + offset)[k], k, offset);
                String theirWhole = shifted(theirsFull.get(i + offset)[k], k, offset);
                assertEquals(ourWhole, o[k], where + FIELDS.get(k) + ": not what we show on the whole capture");
                if (t[k].equals(theirWhole)) {
                    wholeCapture++;
                } else if (k == REINJECTION_OF) {
                    List<String> named = new ArrayList<>(Arrays.asList(o[k].split(",")));
                    named.removeAll(Arrays.asList(t[k].split(",")));
                    for (String frame : named) {
                        String[] original = theirs.get(Integer.parseInt(frame) - 1);
                        assertTrue(original[MASTER].equals("1") && original[DSN].isEmpty(),
                                where + "reinjection of frame " + frame + ", which tshark maps");
                    }
                    notMapped++;
                } else {
                    assertTrue(stage == Stage.THIRD_ACK && KEYED.contains(k) && t[MASTER].equals("0"),
                            where + FIELDS.get(k) + ": tshark " + t[k] + ", we " + o[k]);
                    swapped++;
                }
            }
        }
        int joinSyns = joinSynsShowSwappedKeys(name, cut, theirs, mine);
        assertTrue(stage == Stage.SYN_ACK || joinSyns == 0 || swapped > 0,
                name + ": tshark no longer swaps the keys on the joins (the difference is gone?)");
        System.out.printf("%s from its %s: %d frames, %d whole-capture differences, %d swapped-key values,"
                + " %d reinjections tshark cannot map, %d MP_JOIN SYNs%n", name, stage, theirs.size(), wholeCapture,
                swapped, notMapped, joinSyns);
    }

    /**
     * On each MP_JOIN SYN of a connection tshark opened at its third ACK: the SYN names its
     * receiver's token, so its sender is the other host and its mptcp.rawdsn64 that host's IDSN
     * (ours); tshark gives the receiver's. Returns the MP_JOIN SYNs checked.
     */
    private static int joinSynsShowSwappedKeys(String name, Path cut, List<String[]> theirs, List<String[]> mine)
            throws Exception {
        JsonNode connections = MidstreamCaptureTest.connections(cut);
        int n = 0;
        for (int i = 0; i < mine.size(); i++) {
            String[] o = mine.get(i);
            String[] t = theirs.get(i);
            if (!o[SYN].equals("1") || !o[ACK_FLAG].equals("0") || o[RECEIVER_TOKEN].isEmpty()
                    || o[STREAM].isEmpty()) {
                continue;
            }
            JsonNode c = connections.get(Integer.parseInt(o[STREAM]));
            long token = Long.decode(o[RECEIVER_TOKEN]);
            boolean toServer = token == Long.parseLong(c.get("server_token").asText(), 16);
            assertTrue(toServer || token == Long.parseLong(c.get("client_token").asText(), 16), name + " frame " + o[0]);
            String sender = c.get(toServer ? "client_idsn" : "server_idsn").asText();
            String receiver = c.get(toServer ? "server_idsn" : "client_idsn").asText();
            assertEquals(sender, o[RAWDSN64], name + " frame " + o[0] + ": our MP_JOIN SYN's IDSN");
            if (!t[RAWDSN64].equals(o[RAWDSN64])) {
                assertEquals(receiver, t[RAWDSN64], name + " frame " + o[0] + ": tshark's MP_JOIN SYN's IDSN");
                n++;
            }
        }
        return n;
    }

    /** A frame-number field of the whole capture, numbered as in the cut. */
    private static String shifted(String value, int k, int offset) {
        if ((k != RELATED && k != REINJECTION_OF) || value.isEmpty()) {
            return value;
        }
        StringBuilder sb = new StringBuilder();
        for (String frame : value.split(",")) {
            sb.append(sb.isEmpty() ? "" : ",").append(Long.parseLong(frame) - offset);
        }
        return sb.toString();
    }

    private static List<String[]> tshark(Path capture) throws Exception {
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-o", "mptcp.analyze_mappings:TRUE",
                "-o", "mptcp.intersubflows_retransmission:TRUE", "-T", "fields"));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        return rows(Tshark.run(args));
    }

    private static List<String[]> ours(Path capture) {
        List<String> args = new ArrayList<>(List.of("read", "-r", capture.toString(), "-T", "fields"));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        ReadCommandTest.Result r = ReadCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return rows(r.out());
    }

    private static List<String[]> rows(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] fields = line.split("\t", -1);
            assertEquals(FIELDS.size(), fields.length, line);
            rows.add(fields);
        }
        return rows;
    }
}
