package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;
import org.mptcpinspect.dissector.analysis.counters.PartialRule;

/**
 * {@code counters} on captures cut with {@code editcap} where our own {@code read -Y} finds an
 * ADD_ADDR, a REMOVE_ADDR, an MP_PRIO, an MP_FASTCLOSE, a reinjection, and at thirds: the counters
 * of the part before the cut plus those of the part after it (its connections begun before the
 * cut are partial) equal the whole capture's, host by host, for every counter counted on partial
 * connections; the whole capture's are the kernel's (CounterTrackerTruthTest). The part after the
 * cut prints no value for the counters its partial connections cannot determine (absent, not 0,
 * with -z), and says on standard error which counters each rule left out, for how many.
 */
class PartialCountersCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A capture, the display filter whose first matching frame the cut follows, and a label. */
    static Stream<Arguments> cuts() {
        return Stream.of(
                Arguments.of("add-addr-signal", "tcp.options.mptcp.subtype == 3", "ADD_ADDR"),
                Arguments.of("remove-addr", "tcp.options.mptcp.subtype == 4", "REMOVE_ADDR"),
                Arguments.of("backup-mp-prio", "tcp.options.mptcp.subtype == 5", "MP_PRIO"),
                // The fast close is the capture's last frame: cut before it, it is the part after.
                Arguments.of("fastclose", "tcp.options.mptcp.subtype == 7", "before MP_FASTCLOSE"),
                Arguments.of("loss-reinjection", "mptcp.reinjection_of", "reinjection"),
                Arguments.of("add-addr-port", "tcp.options.mptcp.subtype == 3", "ADD_ADDR with a port"),
                Arguments.of("fullmesh", "frame.number == 0", "a third"),
                Arguments.of("checksum", "frame.number == 0", "a third"),
                Arguments.of("ipv6", "frame.number == 0", "a third"),
                Arguments.of("join-subflow", "frame.number == 0", "two thirds"));
    }

    /** The frames {@code read -Y FILTER} lists. */
    static List<Long> frames(Path capture, String filter) {
        ReadCommandTest.Result r = ReadCommandTest.run("read", "-r", capture.toString(), "-Y", filter, "-T", "fields",
                "-e", "frame.number");
        assertEquals(0, r.code(), r.err());
        return r.out().lines().map(Long::parseLong).toList();
    }

    /** Host (its addresses joined) -> counter name -> value, from {@code counters --json -z}. */
    static Map<String, Map<String, Long>> counters(Path capture, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("counters", capture.toString(), "--json", "-z"));
        args.addAll(List.of(options));
        ReadCommandTest.Result r = ReadCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String line : r.out().lines().toList()) {
            JsonNode host = JSON.readTree(line);
            List<String> addresses = new ArrayList<>();
            host.get("host").forEach(a -> addresses.add(a.asText()));
            Map<String, Long> values = new LinkedHashMap<>();
            host.get("counters").properties().forEach(e -> values.put(e.getKey(), e.getValue().asLong()));
            out.put(String.join(",", addresses), values);
        }
        return out;
    }

    /** The whole capture's host whose addresses include all of {@code part}'s. */
    static String wholeHost(Map<String, Map<String, Long>> whole, String part) {
        for (String host : whole.keySet()) {
            if (Set.of(host.split(",")).containsAll(Set.of(part.split(",")))) {
                return host;
            }
        }
        throw new AssertionError("host " + part + " is none of the whole capture's " + whole.keySet());
    }

    @ParameterizedTest(name = "{0} cut after {2}")
    @MethodSource("cuts")
    void partsAddUpToTheWhole(String name, String filter, String label, @TempDir Path dir) throws Exception {
        Path full = MidstreamCaptureTest.LAB.resolve(name + ".pcap");
        int count = MidstreamCaptureTest.frameCount(name);
        List<Long> matching = frames(full, filter);
        long last = switch (label) {
            case "a third" -> count / 3;
            case "two thirds" -> count * 2 / 3;
            case "before MP_FASTCLOSE" -> matching.getFirst() - 1;
            default -> matching.getFirst();
        };
        assertTrue(last >= 1 && last < count, name + ": cut after frame " + last + " of " + count);
        Path before = MidstreamCaptureTest.editcap(dir.resolve("before.pcap"), "-r", full.toString(),
                dir.resolve("before.pcap").toString(), "1-" + last);
        Path after = MidstreamCaptureTest.cutFrom(name, last + 1, "after", dir);
        Map<String, Map<String, Long>> whole = counters(full);
        Map<String, Map<String, Long>> sum = new LinkedHashMap<>();
        for (Path part : List.of(before, after)) {
            counters(part).forEach((host, values) -> values.forEach((counter, v) -> sum
                    .computeIfAbsent(wholeHost(whole, host), h -> new LinkedHashMap<>()).merge(counter, v, Long::sum)));
        }
        int compared = 0;
        for (MptcpCounter c : MptcpCounter.values()) {
            if (!c.derivation().reported() || c.partialRule() != PartialRule.COUNTED) {
                continue;
            }
            for (String host : whole.keySet()) {
                Long v = whole.get(host).get(c.nstatName());
                assertNotNull(v, c.nstatName() + " missing for " + host);
                assertEquals(v, sum.getOrDefault(host, Map.of()).getOrDefault(c.nstatName(), 0L),
                        name + " cut after frame " + last + ": " + c.nstatName() + " of " + host);
                compared++;
            }
        }
        assertTrue(compared >= 2 * 20, "compared " + compared);
        // Said on standard error: the connections begun before the cut (or, where the part after
        // the cut is a lone reset, its subflow) and what was not counted for them.
        ReadCommandTest.Result r = ReadCommandTest.run("counters", after.toString());
        assertTrue(r.err().contains(" MPTCP connections started before the capture (no MP_CAPABLE SYN): not counted "
                + "for them: MPCapableSYNRX, ") || r.err().equals("mptcp-inspect counters: 1 subflow started before"
                + " the capture (no SYN; linked by DSN, or of those connections): not counted for them: MPJoinSynRx,"
                + " MPJoinSynBackupRx, MPJoinSynAckHMacFailure, MPJoinAckHMacFailure, DataCsumErr, MPJoinPortSynRx,"
                + " MismatchPortSynRx, RmSubflow (counters --explain says why)\n"), r.err());
    }

    /**
     * The part of remove-addr after its first third: one connection begun before, three subflows
     * first seen after their SYNs. Its hosts show the counters its packets determine and none of
     * the others, not even as 0 with -z; --connection 0 says so of that connection alone.
     */
    @Test
    void countersAPartialConnectionCannotDetermineAreAbsent(@TempDir Path dir) throws Exception {
        String name = "remove-addr";
        Path after = MidstreamCaptureTest.cutFrom(name, MidstreamCaptureTest.frameCount(name) / 3, "third", dir);
        ReadCommandTest.Result r = ReadCommandTest.run("counters", after.toString(), "-z", "--connection", "0");
        assertEquals(0, r.code(), r.err());
        Set<String> printed = new HashSet<>();
        for (String line : r.out().lines().toList()) {
            if (!line.startsWith("#")) {
                printed.add(line.substring(0, line.indexOf(' ')));
            }
        }
        assertFalse(printed.isEmpty(), r.out());
        for (MptcpCounter c : MptcpCounter.values()) {
            boolean expected = c.derivation().reported() && !c.partialRule().needsConnectionStart()
                    && !c.partialRule().needsSubflowStart();
            assertEquals(expected, printed.contains(c.nstatName()), c.nstatName() + " in\n" + r.out());
        }
        assertTrue(r.out().contains("MPTcpExtRmAddrTx                1 "), r.out());
        assertEquals(List.of("mptcp-inspect counters: 1 of 1 MPTCP connections started before the capture (no"
                + " MP_CAPABLE SYN): not counted for them: MPCapableSYNRX, MPCapableSYNTX, MPCapableSYNACKRX,"
                + " MPCapableACKRX, MPCapableFallbackACK, MPCapableFallbackSYNACK, MPCapableSYNTXDrop, MPTCPRetrans,"
                + " MPJoinNoTokenFound, MPJoinSynAckHMacFailure, MPJoinAckHMacFailure, DataCsumErr, DuplicateData,"
                + " MPJoinPortSynRx, MPJoinPortSynAckRx, MPJoinPortAckRx, MismatchPortSynRx, RmSubflow, MPCurrEstab"
                + " (counters --explain says why)",
                "mptcp-inspect counters: 3 subflows started before the capture (no SYN; linked by DSN, or of those"
                + " connections): not counted for them: MPJoinSynRx, MPJoinSynBackupRx, MPJoinSynAckHMacFailure,"
                + " MPJoinAckHMacFailure, DataCsumErr, MPJoinPortSynRx, MismatchPortSynRx, RmSubflow"
                + " (counters --explain says why)"), r.err().lines().toList());
        Map<String, Map<String, Long>> hosts = counters(after);
        assertEquals(2, hosts.size(), hosts.toString());
        for (Map<String, Long> values : hosts.values()) {
            assertFalse(values.containsKey("MPTcpExtMPCapableSYNRX"), values.toString());
            assertTrue(values.containsKey("MPTcpExtRmAddr"), values.toString());
        }
        assertTrue(counters(MidstreamCaptureTest.LAB.resolve(name + ".pcap")).values().iterator().next()
                .containsKey("MPTcpExtMPCapableSYNRX"));
    }
}
