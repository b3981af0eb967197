package org.mptcpinspect.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the listed differences with tshark (testdata/pcaps/README.md) are, for the oracle tests
 * that compare whole outputs: the frames whose MPTCP mapping fields differ.
 */
final class TsharkDifferences {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");

    /** MPTCP analysis fields with a listed difference in some frames (TsharkFieldsOracleTest.KNOWN). */
    static final List<String> MAPPING_FIELDS = List.of("mptcp.related_mapping", "mptcp.rawdsn64", "mptcp.dsn",
            "mptcp.reinjection_of", "mptcp.dss.missing_mapping");

    private TsharkDifferences() {
    }

    /**
     * tshark's -T fields rows of every field for the capture, with the MPTCP analysis on (the recording
     * TsharkFieldsOracleTest keeps), by frame number: where the listed differences are.
     */
    static Map<Integer, Map<String, String>> baseRows(String capture) throws Exception {
        String[] lines = Tshark.readGzip(LAB.resolve(capture + ".tshark-fields.tsv.gz")).split("\n", -1);
        String[] header = lines[0].split("\t", -1);
        Map<Integer, Map<String, String>> rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] values = lines[i].split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < values.length ? values[c] : "");
            }
            rows.put(i, row);
        }
        return rows;
    }

    /** The MPTCP analysis fields with a listed difference in this frame. */
    static Set<String> knownMappingDifferences(String capture, Map<Integer, Map<String, String>> rows, int frame) {
        Map<String, String> row = rows.get(frame);
        if (row == null) {
            return Set.of();
        }
        Set<String> known = new HashSet<>();
        for (String f : MAPPING_FIELDS) {
            if (TsharkFieldsOracleTest.known(f, capture, frame, row)) {
                known.add(f);
            }
        }
        return known;
    }
}
