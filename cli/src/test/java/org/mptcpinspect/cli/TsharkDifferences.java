package org.mptcpinspect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/**
 * Where the listed differences with tshark (testdata/pcaps/README.md) are, for the oracle tests
 * that compare whole outputs: the frames whose MPTCP mapping fields differ.
 */
final class TsharkDifferences {
    private static final Path LAB = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps");

    /** MPTCP analysis fields with a listed difference in some frames (TsharkFieldsOracleTest.KNOWN). */
    static final List<String> MAPPING_FIELDS = List.of("mptcp.related_mapping", "mptcp.rawdsn64", "mptcp.dsn",
            "mptcp.reinjection_of", "mptcp.dss.missing_mapping");

    /** Our Info column ends with the packet's MPTCP options (README). */
    private static final Pattern MPTCP_INFO = Pattern.compile(mptcpInfo());
    /** tshark names a pcapng frame's interface, we cannot (README). */
    private static final Pattern PCAPNG_INTERFACE = Pattern.compile("on interface \\S+, id ");

    private TsharkDifferences() {
    }

    private static String mptcpInfo() {
        List<String> names = new ArrayList<>();
        for (int subtype = 0; subtype <= 8; subtype++) {
            names.add(MptcpSubtype.name(subtype));
        }
        return "( (" + String.join("|", names) + "))+$";
    }

    /** An Info column (or a summary line ending with it) less the listed difference: our MPTCP option names. */
    static String info(String info, boolean tshark) {
        return tshark ? info : MPTCP_INFO.matcher(info).replaceAll("");
    }

    /** The frame's label as ours: "on interface unknown" where tshark names the pcapng interface. */
    static String unknownInterface(String label) {
        return PCAPNG_INTERFACE.matcher(label).replaceFirst("on interface unknown, id ");
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
