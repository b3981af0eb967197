package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.counters.CounterValues;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.analysis.counters.HostCounters;
import org.mptcpinspect.dissector.analysis.counters.MptcpCounter;

/** {@code counters}: nstat's layout, hosts, --host, --connection, --json, --explain, errors. */
class CountersCommandTest {
    private static final String FASTCLOSE = lab("fastclose.pcap");
    private static final String ADD_ADDR_PORT = lab("add-addr-port.pcapng");

    private static String lab(String name) {
        return TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps").resolve(name).toString();
    }

    private static ReadCommandTest.Result run(String... args) {
        return ReadCommandTest.run(args);
    }

    @Test
    void oneReportPerHostInNstatLayout() {
        ReadCommandTest.Result r = run("counters", FASTCLOSE);
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                #host 192.0.2.1
                #kernel
                MPTcpExtMPCapableSYNTX          1                  0.0
                MPTcpExtMPCapableSYNACKRX       1                  0.0
                MPTcpExtMPFastcloseTx           1                  0.0
                MPTcpExtMPRstTx                 1                  0.0
                #host 192.0.2.2
                #kernel
                MPTcpExtMPCapableSYNRX          1                  0.0
                MPTcpExtMPCapableACKRX          1                  0.0
                MPTcpExtMPFastcloseRx           1                  0.0
                MPTcpExtMPRstRx                 1                  0.0
                """, r.out());
    }

    @Test
    void hostByAnyOfItsAddressesPrintsExactlyNstatsOutput() {
        ReadCommandTest.Result r = run("counters", ADD_ADDR_PORT, "--host", "198.51.100.2");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                #kernel
                MPTcpExtMPCapableSYNRX          1                  0.0
                MPTcpExtMPCapableACKRX          1                  0.0
                MPTcpExtMPJoinSynRx             1                  0.0
                MPTcpExtMPJoinAckRx             1                  0.0
                MPTcpExtAddAddrTx               1                  0.0
                MPTcpExtEchoAdd                 1                  0.0
                MPTcpExtPortAdd                 1                  0.0
                MPTcpExtMPJoinPortSynRx         1                  0.0
                MPTcpExtMPJoinPortAckRx         1                  0.0
                """, r.out());
    }

    @Test
    void zerosShowEveryReportedCounterAndNeverTheOthers() {
        ReadCommandTest.Result r = run("counters", FASTCLOSE, "--host", "192.0.2.1", "-z", "-a");
        assertEquals(0, r.code(), r.err());
        List<String> names = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.startsWith("#")) {
                names.add(line.substring(0, line.indexOf(' ')));
            }
        }
        List<String> reported = new ArrayList<>();
        for (MptcpCounter c : MptcpCounter.values()) {
            if (c.derivation().reported()) {
                reported.add(c.nstatName());
            }
        }
        assertEquals(reported, names);
        assertTrue(!r.out().contains("MPTcpExtOFOQueue") && !r.out().contains("MPTcpExtRcvWndShared"), r.out());
    }

    @Test
    void jsonIsOneObjectPerHost() {
        ReadCommandTest.Result r = run("counters", FASTCLOSE, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                {"host": ["192.0.2.1"], "counters": {"MPTcpExtMPCapableSYNTX": 1, "MPTcpExtMPCapableSYNACKRX": 1, \
                "MPTcpExtMPFastcloseTx": 1, "MPTcpExtMPRstTx": 1}}
                {"host": ["192.0.2.2"], "counters": {"MPTcpExtMPCapableSYNRX": 1, "MPTcpExtMPCapableACKRX": 1, \
                "MPTcpExtMPFastcloseRx": 1, "MPTcpExtMPRstRx": 1}}
                """, r.out());
    }

    @Test
    void oneConnectionOfMany() {
        ReadCommandTest.Result all = run("counters", lab("many-connections.pcap"), "--host", "192.0.2.1");
        ReadCommandTest.Result one = run("counters", lab("many-connections.pcap"), "--host", "192.0.2.1",
                "--connection", "7");
        assertEquals(0, one.code(), one.err());
        assertTrue(all.out().contains("MPTcpExtMPCapableSYNTX          20 "), all.out());
        assertEquals("""
                #kernel
                MPTcpExtMPCapableSYNTX          1                  0.0
                MPTcpExtMPCapableSYNACKRX       1                  0.0
                """, one.out());
        ReadCommandTest.Result none = run("counters", lab("many-connections.pcap"), "--connection", "20");
        assertEquals(Main.FAILED, none.code());
        assertEquals("mptcp-inspect counters: no MPTCP connection 20 in " + lab("many-connections.pcap")
                + " (it has 20)\n", none.err());
    }

    @Test
    void explainListsEveryKernelCounter() {
        ReadCommandTest.Result r = run("counters", "--explain");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(MptcpCounter.count() + 1, lines.length);
        for (MptcpCounter c : MptcpCounter.values()) {
            String line = lines[c.ordinal() + 1];
            assertTrue(line.startsWith(c.nstatName() + " ") && line.contains(c.derivation().label()), line);
            // Which counters a capture started mid-connection still counts, and why the others not.
            assertEquals(NstatFormat.partialLabel(c), line.substring(48, 64).strip(), line);
            assertTrue(line.endsWith(c.partialExplanation()), line);
        }
    }

    /** The README's table says what --explain says, counter by counter. */
    @Test
    void readmeTableIsTheExplanation() throws IOException {
        String readme = java.nio.file.Files.readString(TsharkFieldsOracleTest.projectRoot().resolve("README.md"));
        for (MptcpCounter c : MptcpCounter.values()) {
            String row = "| `" + c.nstatName() + "` | " + c.derivation().label() + " | " + NstatFormat.partialLabel(c)
                    + " | " + c.explanation() + NstatFormat.partialWhy(c) + " |\n";
            assertTrue(readme.contains(row), "README lacks: " + row);
        }
    }

    @Test
    void badInputIsOneLine() {
        ReadCommandTest.Result missing = run("counters", "/nonexistent.pcap");
        assertEquals(Main.FAILED, missing.code());
        assertEquals("mptcp-inspect: /nonexistent.pcap: no such file\n", missing.err());
        ReadCommandTest.Result badHost = run("counters", FASTCLOSE, "--host", "192.0.2.300");
        assertEquals(Main.USAGE, badHost.code());
        assertEquals("mptcp-inspect counters: --host: not an IPv4 or IPv6 address: '192.0.2.300'\n", badHost.err());
        ReadCommandTest.Result noFile = run("counters");
        assertEquals(Main.USAGE, noFile.code());
    }

    /** Our counter lines are byte for byte what the real nstat prints for the same name and value. */
    @Test
    void counterLinesAreNstats() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("nstat", "-asz").redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("nstat is not installed");
            return;
        }
        String nstat = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        Assumptions.assumeTrue(nstat.contains("MPTcpExt"), "this kernel has no MPTcpExt counters");
        assertTrue(nstat.startsWith("#kernel\n"), nstat);
        int compared = 0;
        for (String line : nstat.split("\n")) {
            MptcpCounter c = line.startsWith(MptcpCounter.NSTAT_PREFIX)
                    ? MptcpCounter.byName(line.substring(0, line.indexOf(' '))) : null;
            if (c == null || !c.derivation().reported()) {
                continue;
            }
            long[] values = new long[MptcpCounter.count()];
            values[c.ordinal()] = Long.parseLong(line.substring(32, 48).strip());
            StringBuilder ours = new StringBuilder();
            HostCounters host = new HostCounters(List.of(HostAddress.parse("192.0.2.1")), CounterValues.of(values));
            new NstatFormat(true).appendLines(ours, host, host.values(), 0.0);
            String expected = line + "\n";
            assertTrue(ours.toString().contains(expected), "nstat: " + line);
            compared++;
        }
        assertTrue(compared > 30, "compared " + compared + " lines");
        StringBuilder block = new StringBuilder();
        new NstatFormat(false).appendText(block, new HostCounters(List.of(HostAddress.parse("192.0.2.1")),
                CounterValues.zero()), false);
        assertEquals("#kernel\n", block.toString());
    }
}
