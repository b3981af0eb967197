package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
            List.of("-q", "-z", "follow,tcp,raw,0", "-z", "expert,warn"));

    private static final Map<String, String> recorded = new TreeMap<>();
    private static final Map<String, String> fresh = new TreeMap<>();
    private static int compared;

    @BeforeAll
    static void setUp() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        if (Files.exists(DIGESTS)) {
            for (String line : Files.readAllLines(DIGESTS, StandardCharsets.UTF_8)) {
                String[] kv = line.split("\t");
                recorded.put(kv[0], kv[1]);
            }
        }
    }

    @AfterAll
    static void saveDigests() throws Exception {
        System.out.println("tshark statistics oracle: " + compared + " outputs identical");
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, String> all = new TreeMap<>(recorded);
        all.putAll(fresh);
        if (!all.equals(recorded)) {
            StringBuilder sb = new StringBuilder();
            all.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            Files.createDirectories(DIGESTS.getParent());
            Files.writeString(DIGESTS, sb.toString(), StandardCharsets.UTF_8);
        }
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
        String key = capture.getFileName() + " " + String.join(" ", variant);
        if (Tshark.available()) {
            String theirs = Tshark.run(tshark);
            fresh.put(key, sha256(theirs));
            assertSameText(key, theirs, r.out());
        } else {
            String digest = recorded.get(key);
            Assumptions.assumeTrue(digest != null, "tshark is not installed and " + key + " is not recorded");
            assertEquals(digest, sha256(r.out()), key + ": differs from tshark's recorded output (install tshark to see where)");
        }
        compared++;
    }

    /** Fails with the first line that differs and its neighbours. */
    static void assertSameText(String key, String theirs, String ours) {
        if (theirs.equals(ours)) {
            return;
        }
        String[] t = theirs.split("\n", -1);
        String[] o = ours.split("\n", -1);
        int i = 0;
        while (i < t.length && i < o.length && t[i].equals(o[i])) {
            i++;
        }
        int from = Math.max(0, i - 4);
        fail(key + ": line " + (i + 1) + " differs from tshark's\n--- tshark\n"
                + String.join("\n", Arrays.copyOfRange(t, from, Math.min(t.length, i + 4))) + "\n--- ours\n"
                + String.join("\n", Arrays.copyOfRange(o, from, Math.min(o.length, i + 4))));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
