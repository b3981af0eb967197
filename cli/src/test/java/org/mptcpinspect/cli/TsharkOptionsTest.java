package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.cli.ReadCommandTest.Result;
import org.mptcpinspect.dissector.fields.Preferences;

/**
 * read's and live's -o, -O, -x, -P, -n: usage errors (one line, exit 2) and how they combine with
 * -q and each other, on a kernel capture and against tshark where it is installed
 * (TsharkOptionsOracleTest compares the outputs on every capture).
 */
class TsharkOptionsTest {
    private static final String CAPTURE = TsharkFieldsOracleTest.projectRoot()
            .resolve("testdata/pcaps/join-subflow.pcap").toString();

    private static void assertUsage(String command, String message, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        if (command.equals("read")) {
            all.add(CAPTURE);
        } else {
            all.add("lo");
        }
        all.addAll(List.of(args));
        Result r = ReadCommandTest.run(all.toArray(String[]::new));
        assertEquals("mptcp-inspect " + command + ": " + message + "\n", r.err());
        assertEquals(Main.USAGE, r.code());
        assertEquals("", r.out());
    }

    @Test
    void unknownPreferenceBadValueAndMissingValueAreUsageErrors() {
        String supported = "(supported: mptcp.analyze_mptcp, mptcp.analyze_mappings, mptcp.intersubflows_retransmission,"
                + " tcp.relative_sequence_numbers, mptcp.relative_sequence_numbers)";
        for (String command : List.of("read", "live")) {
            assertUsage(command, "-o flag \"mptcp.bogus:TRUE\" names an unsupported preference " + supported,
                    "-o", "mptcp.bogus:TRUE");
            // As in tshark, only the module name is case-insensitive.
            assertUsage(command, "-o flag \"mptcp.Analyze_Mptcp:TRUE\" names an unsupported preference " + supported,
                    "-o", "mptcp.Analyze_Mptcp:TRUE");
            assertUsage(command, "-o flag \"mptcp.analyze_mptcp:yes\": mptcp.analyze_mptcp takes TRUE or FALSE,"
                    + " not \"yes\"", "-o", "mptcp.analyze_mptcp:yes");
            assertUsage(command, "invalid -o flag \"mptcp.analyze_mptcp\" (use NAME:VALUE, e.g."
                    + " mptcp.analyze_mappings:TRUE)", "-o", "mptcp.analyze_mptcp");
        }
    }

    @Test
    void unknownFormatAndFieldsWithoutFieldOutputAreUsageErrors() throws Exception {
        for (String command : List.of("read", "live")) {
            assertUsage(command, "invalid -T parameter \"xml\"; it must be one of: " + OutputOptions.Format.NAMES,
                    "-T", "xml");
            assertUsage(command, OutputOptions.FIELDS_NEED_FORMAT, "-e", "frame.number");
            assertUsage(command, OutputOptions.FIELDS_NEED_FORMAT, "-T", "jsonraw", "-e", "frame.number");
        }
        if (Tshark.available()) {
            ProcessBuilder pb = new ProcessBuilder("tshark", "-r", CAPTURE, "-e", "frame.number");
            Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes());
            p.waitFor();
            assertTrue(err.contains("tshark: " + OutputOptions.FIELDS_NEED_FORMAT + "\n"), err);
        }
    }

    @Test
    void hexDumpNeedsTextOutput() throws Exception {
        for (String command : List.of("read", "live")) {
            assertUsage(command, OutputOptions.HEX_NEEDS_TEXT, "-x", "-T", "fields", "-e", "frame.number");
            assertUsage(command, OutputOptions.HEX_NEEDS_TEXT, "-x", "-T", "pdml");
            assertUsage(command, OutputOptions.HEX_NEEDS_TEXT, "-x", "-T", "psml");
        }
        if (Tshark.available()) {
            // tshark's message on its standard error, after its "running as root" warning.
            ProcessBuilder pb = new ProcessBuilder("tshark", "-r", CAPTURE, "-x", "-T", "fields", "-e", "frame.number");
            Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes());
            assertNotEquals(0, p.waitFor());
            assertTrue(err.contains("tshark: " + OutputOptions.HEX_NEEDS_TEXT + "\n"), err);
        }
    }

    @Test
    void preferenceNamesAndValuesAreReadAsTsharkReadsThem() {
        Result off = ReadCommandTest.run("read", CAPTURE, "-o", "mptcp.analyze_mptcp:FALSE", "-T", "fields",
                "-e", "mptcp.stream", "-e", "tcp.seq");
        assertEquals(Main.OK, off.code(), off.err());
        for (String spelling : List.of("MPTCP.analyze_mptcp:false", "mptcp.analyze_mptcp: FaLsE")) {
            Result r = ReadCommandTest.run("read", CAPTURE, "-o", spelling, "-T", "fields", "-e", "mptcp.stream",
                    "-e", "tcp.seq");
            assertEquals(off.out(), r.out(), spelling);
        }
        Result on = ReadCommandTest.run("read", CAPTURE, "-o", "mptcp.analyze_mptcp:true", "-T", "fields",
                "-e", "mptcp.stream", "-e", "tcp.seq");
        assertEquals(ReadCommandTest.run("read", CAPTURE, "-T", "fields", "-e", "mptcp.stream", "-e", "tcp.seq").out(),
                on.out());
        assertNotEquals(on.out(), off.out());
        // The last setting of a preference wins, as in tshark.
        Result last = ReadCommandTest.run("read", CAPTURE, "-o", "mptcp.analyze_mptcp:FALSE", "-o",
                "mptcp.analyze_mptcp:TRUE", "-T", "fields", "-e", "mptcp.stream", "-e", "tcp.seq");
        assertEquals(on.out(), last.out());
        assertEquals(5, Preferences.NAMES.size());
    }

    /** -q leaves summary lines out, but -V, -T fields, -x and -P still print, as in tshark. */
    @Test
    void quietStillDumpsAndPrintsAskedSummaries() throws Exception {
        Result quiet = ReadCommandTest.run("read", CAPTURE, "-q", "-c", "3");
        assertEquals("", quiet.out());
        Result hex = ReadCommandTest.run("read", CAPTURE, "-c", "3", "-x");
        Result quietHex = ReadCommandTest.run("read", CAPTURE, "-c", "3", "-q", "-x");
        assertEquals(hex.out(), quietHex.out());
        assertTrue(hex.out().startsWith("0000  "), hex.out());
        Result summary = ReadCommandTest.run("read", CAPTURE, "-c", "3");
        Result quietSummary = ReadCommandTest.run("read", CAPTURE, "-c", "3", "-q", "-P");
        assertEquals(summary.out(), quietSummary.out());
        Result both = ReadCommandTest.run("read", CAPTURE, "-c", "3", "-q", "-P", "-x");
        String first = summary.out().lines().findFirst().orElseThrow();
        assertTrue(both.out().startsWith(first + "\n\n0000  "), both.out());
        for (List<String> asked : List.of(List.of("-V"), List.of("-T", "fields", "-e", "frame.number", "-e", "tcp.seq"))) {
            List<String> plain = new java.util.ArrayList<>(List.of("read", CAPTURE, "-c", "3"));
            plain.addAll(asked);
            List<String> quietly = new java.util.ArrayList<>(plain);
            quietly.add("-q");
            String expected = ReadCommandTest.run(plain.toArray(String[]::new)).out();
            assertFalse(expected.isEmpty());
            assertEquals(expected, ReadCommandTest.run(quietly.toArray(String[]::new)).out(), "-q with " + asked);
        }
        if (Tshark.available()) {
            String tshark = Tshark.run(List.of("-r", CAPTURE, "-c", "3", "-q", "-x"));
            assertEquals(tshark, quietHex.out());
            assertEquals(Tshark.run(List.of("-r", CAPTURE, "-c", "3", "-q", "-T", "fields", "-e", "frame.number",
                    "-e", "tcp.seq")), ReadCommandTest.run("read", CAPTURE, "-c", "3", "-q", "-T", "fields", "-e",
                    "frame.number", "-e", "tcp.seq").out());
        }
    }

    /** -P with -V: the summary line, then the tree (no empty line between). */
    @Test
    void summaryLineBeforeTheTree() {
        Result r = ReadCommandTest.run("read", CAPTURE, "-c", "1", "-P", "-V");
        String summary = ReadCommandTest.run("read", CAPTURE, "-c", "1").out();
        String tree = ReadCommandTest.run("read", CAPTURE, "-c", "1", "-V").out();
        assertEquals(summary + tree, r.out());
        // -O names no protocol tshark has: every layer is its top line alone.
        Result none = ReadCommandTest.run("read", CAPTURE, "-c", "1", "-O", "nosuch");
        assertEquals(List.of("Frame 1: 48 bytes on wire (384 bits), 48 bytes captured (384 bits)",
                "Linux cooked capture v2", "Address Resolution Protocol (request)", ""), none.out().lines().toList());
        // The last -O counts, as in tshark.
        assertEquals(ReadCommandTest.run("read", CAPTURE, "-c", "1", "-O", "frame").out(),
                ReadCommandTest.run("read", CAPTURE, "-c", "1", "-O", "sll", "-O", "frame").out());
    }

    @Test
    void helpNamesTheNewOptions() {
        Result r = ReadCommandTest.run("read", "--help");
        for (String option : List.of("-o=NAME:VALUE", "-O=PROTO[,PROTO...]", "  -x ", "  -P ", "  -n ",
                "mptcp.intersubflows_retransmission", "tcp.relative_sequence_numbers",
                "mptcp.relative_sequence_numbers")) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
        assertTrue(ReadCommandTest.run("live", "--help").out().contains("-o=NAME:VALUE"));
    }
}
