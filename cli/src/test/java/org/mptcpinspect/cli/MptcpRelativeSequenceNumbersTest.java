package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -o mptcp.relative_sequence_numbers:FALSE} where no key was captured (the kernel captures
 * cut at a third and two thirds, as MidstreamTsharkTest's): an 8-octet DATA_ACK or DSN is shown as
 * sent, which needs no IDSN, while the relative form (the default) cannot be shown at all.
 * With tshark installed, the two columns also equal tshark 4.0's on every packet we link, less one
 * listed difference (testdata/pcaps/README.md): without the key tshark widens a 4-octet DATA_ACK
 * with 0 as its high half; we show none (RFC 8684 section 3.3: its high half is the receiver's
 * data sequence space's, unknown without the key).
 */
class MptcpRelativeSequenceNumbersTest {
    private static final List<String> FIELDS = List.of("frame.number", "mptcp.stream",
            "tcp.options.mptcp.dataack8.flag", "tcp.options.mptcp.rawdataack", "mptcp.ack",
            "tcp.options.mptcp.dseqn8.flag", "tcp.options.mptcp.rawdataseqno", "mptcp.dss.dsn");
    private static final int STREAM = 1;
    private static final int ACK8 = 2;
    private static final int RAW_ACK = 3;
    private static final int ACK = 4;
    private static final int DSN8 = 5;
    private static final int RAW_DSN = 6;
    private static final int DSS_DSN = 7;

    static Stream<Arguments> cuts() {
        return MidstreamCaptureTest.cuts();
    }

    @ParameterizedTest(name = "{0} from {1}/3")
    @MethodSource("cuts")
    void sixtyFourBitValuesNeedNoKey(String name, int thirds, @TempDir Path dir) throws Exception {
        Path cut = MidstreamCaptureTest.cut(name, thirds, dir);
        List<String[]> raw = rows(cut, "FALSE");
        List<String[]> relative = rows(cut, "TRUE");
        assertEquals(raw.size(), relative.size());
        int shown = 0;
        int keyless = 0;
        for (int i = 0; i < raw.size(); i++) {
            String[] r = raw.get(i);
            if (r[STREAM].isEmpty()) {
                continue; // not linked to a connection yet: no analysis in either form
            }
            for (int[] c : new int[][] {{ACK8, RAW_ACK, ACK}, {DSN8, RAW_DSN, DSS_DSN}}) {
                if (r[c[0]].equals("1")) {
                    assertEquals(r[c[1]], r[c[2]], name + " frame " + r[0] + " " + FIELDS.get(c[2]));
                    shown++;
                    if (relative.get(i)[c[2]].isEmpty()) {
                        keyless++;
                    }
                }
            }
        }
        assertTrue(shown > 0, name + ": no 8-octet DATA_ACK or DSN on a linked packet");
        // The cut connection's keys are not captured: the relative form has nothing to be relative to.
        assertTrue(keyless > 0, name + ": every value shown also in the relative form");
        if (Tshark.available()) {
            List<String> args = new ArrayList<>(List.of("-r", cut.toString(), "-o", "mptcp.analyze_mappings:TRUE", "-o",
                    "mptcp.intersubflows_retransmission:TRUE", "-o", "mptcp.relative_sequence_numbers:FALSE",
                    "-T", "fields"));
            FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
            List<String[]> theirs = split(Tshark.run(args));
            assertEquals(raw.size(), theirs.size());
            int zeroHighHalf = 0;
            for (int i = 0; i < raw.size(); i++) {
                String[] o = raw.get(i);
                String[] t = theirs.get(i);
                if (o[ACK].isEmpty() && o[ACK8].equals("0") && !t[ACK].isEmpty()) {
                    // Listed: without the key tshark widens a 4-octet DATA_ACK with 0 as its high half.
                    assertEquals(t[RAW_ACK], t[ACK], name + " frame " + o[0]);
                    zeroHighHalf++;
                } else if (!o[STREAM].isEmpty()) {
                    assertEquals(t[ACK], o[ACK], name + " frame " + o[0] + " mptcp.ack");
                    assertEquals(theirs.get(i)[DSS_DSN], raw.get(i)[DSS_DSN],
                            name + " frame " + raw.get(i)[0] + " mptcp.dss.dsn");
                }
            }
            System.out.printf("%s from %d/3: %d 64-bit values shown, %d without a key; tshark's 4-octet DATA_ACKs"
                    + " with a zero high half: %d%n", name, thirds, shown, keyless, zeroHighHalf);
        }
    }

    private static List<String[]> rows(Path capture, String relative) {
        List<String> args = new ArrayList<>(List.of("read", capture.toString(), "-o",
                "mptcp.relative_sequence_numbers:" + relative, "-T", "fields"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        ReadCommandTest.Result r = ReadCommandTest.run(args.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), r.err());
        return split(r.out());
    }

    private static List<String[]> split(String out) {
        return out.lines().map(line -> line.split("\t", -1)).toList();
    }
}
