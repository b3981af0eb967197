package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mptcpinspect.cli.ReadCommandTest.Result;

/**
 * read -z against tshark 4.0's -z on every kernel capture in testdata/pcaps, byte for byte: the
 * whole standard output of {@code read FILE -q -z ...} equals {@code tshark -r FILE -q -z ...}.
 * Each variant runs both tools with the same options; ours also gets {@link #TSHARK_DEFAULTS}
 * (tshark's default MPTCP preferences, which read does not share: testdata/pcaps/README.md).
 *
 * <p>Where tshark is installed every comparison runs against its fresh output and records its
 * SHA-256 in {@link #DIGESTS}; where it is not, our output's digest is compared with the record.
 */
class TsharkStatisticsOracleTest {
    private static final Path ROOT = TsharkFieldsOracleTest.projectRoot();
    private static final Path DIGESTS = ROOT.resolve("cli/src/test/resources/oracle/tshark-statistics.sha256");

    /** tshark's default mptcp.analyze_mappings and intersubflows_retransmission (read's are TRUE). */
    private static final List<String> TSHARK_DEFAULTS = List.of("-o", "mptcp.analyze_mappings:FALSE", "-o",
            "mptcp.intersubflows_retransmission:FALSE");

    /** The options of each comparison, after -r FILE. */
    static final List<List<String>> VARIANTS = List.of(
            List.of("-q", "-z", "expert"),
            List.of("-q", "-z", "expert,warn"),
            List.of("-q", "-z", "expert,note,tcp.stream==1"),
            List.of("-q", "-z", "expert,Chat,tcp.len > 0"),
            // A display filter makes tshark build trees: "4 NOP in a row" appears.
            List.of("-q", "-Y", "tcp.stream==0", "-z", "expert"),
            List.of("-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-z", "expert", "-z", "conv,tcp"),
            List.of("-q", "-z", "conv,eth"), List.of("-q", "-z", "conv,ip"), List.of("-q", "-z", "conv,ipv6"),
            List.of("-q", "-z", "conv,tcp"), List.of("-q", "-z", "conv,udp"),
            List.of("-q", "-z", "endpoints,eth"), List.of("-q", "-z", "endpoints,ip"),
            List.of("-q", "-z", "endpoints,ipv6"), List.of("-q", "-z", "endpoints,tcp"),
            List.of("-q", "-z", "endpoints,udp"),
            List.of("-q", "-z", "conv,tcp,tcp.srcport==8000"),
            List.of("-q", "-z", "endpoints,ip,frame.len>100"),
            List.of("-q", "-c", "50", "-z", "conv,ip", "-z", "expert,note", "-z", "endpoints,tcp"),
            // tshark's MPTCP conversations: one per direction of each connection (testdata/pcaps/README.md).
            List.of("-q", "-z", "conv,mptcp"), List.of("-q", "-z", "conv,mptcp,tcp.len > 0"),
            List.of("-q", "-z", "follow,tcp,ascii,0"), List.of("-q", "-z", "follow,tcp,ascii,1"),
            List.of("-q", "-z", "follow,tcp,hex,0"), List.of("-q", "-z", "follow,tcp,hex,1"),
            List.of("-q", "-z", "follow,tcp,raw,0"), List.of("-q", "-z", "follow,tcp,raw,1"),
            List.of("-q", "-z", "follow,tcp,hex,1,2-4", "-z", "follow,tcp,ascii,2,3"),
            // Following a stream is a filtered tap: tshark builds trees, "4 NOP in a row" counts.
            List.of("-q", "-z", "follow,tcp,raw,0", "-z", "expert,warn"),
            // The protocol hierarchy needs trees: expert then counts "4 NOP in a row" too.
            List.of("-q", "-z", "io,phs"), List.of("-q", "-z", "io,phs,tcp.len > 0", "-z", "expert"),
            // tshark's expert level is one per run: the last level given counts for every -z expert.
            List.of("-q", "-z", "expert,warn", "-z", "expert"),
            // -2 -R: only the kept frames reach the statistics (-R alone builds no trees).
            List.of("-2", "-R", "tcp.len > 0 or arp", "-q", "-z", "conv,tcp", "-z", "io,phs"),
            List.of("-2", "-R", "tcp.stream == 1", "-q", "-z", "endpoints,ip", "-z", "conv,ip"),
            List.of("-2", "-R", "mptcp", "-q", "-z", "follow,tcp,hex,1"));

    private static OracleRecording recording;
    private static int compared;

    @BeforeAll
    static void setUp() throws Exception {
        recording = new OracleRecording(DIGESTS);
    }

    @AfterAll
    static void saveDigests() throws Exception {
        recording.save("tshark statistics oracle: " + compared + " outputs identical");
    }

    @TestFactory
    Stream<DynamicTest> statistics() throws Exception {
        return TsharkFieldsOracleTest.labCaptureFiles().stream().flatMap(capture -> VARIANTS.stream().map(v ->
                DynamicTest.dynamicTest(capture.getFileName() + " " + String.join(" ", v), () -> compare(capture, v))));
    }

    static void compare(Path capture, List<String> variant) throws Exception {
        List<String> ours = new ArrayList<>(List.of("read", capture.toString()));
        ours.addAll(TSHARK_DEFAULTS);
        ours.addAll(variant);
        Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        List<String> tshark = new ArrayList<>(List.of("-r", capture.toString()));
        tshark.addAll(variant);
        recording.check(capture.getFileName() + " " + String.join(" ", variant), tshark, out -> out, r.out());
        compared++;
    }
}
