package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MPTCP analysis fields of {@code read} on captures started mid-connection (see
 * {@link MidstreamCaptureTest} for the cuts) against tshark 4.0 with the same preferences as
 * {@link TsharkFieldsOracleTest}: every field is equal on every packet, except one difference
 * listed in testdata/pcaps/README.md. Without the keys tshark's base DSN stays 0, so on a
 * connection first seen after its handshake its mptcp.dss.dsn and mptcp.ack, labelled relative,
 * are the raw 64-bit (or 32-bit) values; we show none, as a DSN relative to the IDSN (RFC 8684
 * sections 3.1 and 3.3.1: the IDSN is derived from the key) cannot be known there. This test
 * checks that tshark's values there are indeed the raw ones.
 */
class MidstreamTsharkTest {
    private static final List<String> FIELDS = List.of("frame.number", "mptcp.stream", "mptcp.master",
            "mptcp.analysis.subflows", "mptcp.dsn", "mptcp.rawdsn64", "mptcp.related_mapping",
            "mptcp.reinjection_of", "mptcp.expected_token", "mptcp.ack", "mptcp.dss.dsn",
            "tcp.options.mptcp.rawdataseqno", "tcp.options.mptcp.rawdataack");
    private static final int ACK = FIELDS.indexOf("mptcp.ack");
    private static final int DSS_DSN = FIELDS.indexOf("mptcp.dss.dsn");
    private static final int RAW_DSN = FIELDS.indexOf("tcp.options.mptcp.rawdataseqno");
    private static final int RAW_ACK = FIELDS.indexOf("tcp.options.mptcp.rawdataack");
    private static final int MASTER = FIELDS.indexOf("mptcp.master");
    private static final int SUBFLOWS = FIELDS.indexOf("mptcp.analysis.subflows");

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cuts() {
        return MidstreamCaptureTest.cuts();
    }

    @ParameterizedTest(name = "{0} from {1}/3")
    @MethodSource("cuts")
    void analysisFieldsAgreeWithTshark(String name, int thirds, @TempDir Path dir) throws Exception {
        Tshark.assume();
        Path cut = MidstreamCaptureTest.cut(name, thirds, dir);
        List<String> args = new ArrayList<>(List.of("-r", cut.toString(), "-o", "mptcp.analyze_mappings:TRUE",
                "-o", "mptcp.intersubflows_retransmission:TRUE", "-T", "fields"));
        List<String> ours = new ArrayList<>(List.of("read", "-r", cut.toString(), "-T", "fields"));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
            ours.add("-e");
            ours.add(f);
        }
        List<String> theirs = Tshark.run(args).lines().toList();
        ReadCommandTest.Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> mine = r.out().lines().toList();
        assertEquals(theirs.size(), mine.size(), name);
        int partialPackets = 0;
        int rawShown = 0;
        for (int i = 0; i < theirs.size(); i++) {
            String[] t = theirs.get(i).split("\t", -1);
            String[] o = mine.get(i).split("\t", -1);
            assertEquals(FIELDS.size(), t.length);
            assertEquals(FIELDS.size(), o.length);
            // A packet of a partial connection: in an MPTCP connection with no subflow seen by its SYN.
            boolean partial = !t[MASTER].isEmpty() && t[SUBFLOWS].isEmpty();
            for (int k = 0; k < FIELDS.size(); k++) {
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
    }
}
