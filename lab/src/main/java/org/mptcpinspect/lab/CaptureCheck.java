package org.mptcpinspect.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a capture with tshark, the project's oracle for dissection: how many frames match
 * each display filter (one tshark pass for all of them), and whether a scenario's expected
 * options really appear.
 */
public final class CaptureCheck {
    private CaptureCheck() {
    }

    public static boolean tsharkAvailable() {
        return Preflight.onPath("tshark");
    }

    /**
     * Frames matching each filter, in order. Uses tshark's io,stat table with one column per
     * filter, so a filter must not contain a comma.
     */
    public static long[] countFrames(Path capture, List<String> filters) throws LabException {
        if (filters.isEmpty()) {
            return new long[0];
        }
        for (String filter : filters) {
            if (filter.contains(",")) {
                throw new LabException("display filter must not contain ',': " + filter);
            }
        }
        String output = Shell.run("tshark", "-n", "-r", capture.toString(), "-q",
                "-z", "io,stat,0," + String.join(",", filters));
        return parseIoStat(output, filters.size());
    }

    /**
     * The values tshark shows for some fields in the frames matching a filter: one array per
     * frame, one element per field (empty when absent; several occurrences comma-separated).
     */
    public static List<String[]> fieldValues(Path capture, String filter, List<String> fields) throws LabException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", capture.toString(), "-Y", filter,
                "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        return Shell.run(command).lines().filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1)).toList();
    }

    /** The data row of an io,stat table with interval 0: "| 0.000 <> 1.2 | f1 | b1 | f2 | b2 |". */
    static long[] parseIoStat(String output, int columns) throws LabException {
        for (String line : output.split("\n")) {
            if (!line.startsWith("|") || !line.contains("<>")) {
                continue;
            }
            String[] cells = line.split("\\|");
            // cells[0] is empty, cells[1] the interval, then frames/bytes per filter
            if (cells.length < 2 + 2 * columns) {
                break;
            }
            long[] frames = new long[columns];
            for (int i = 0; i < columns; i++) {
                frames[i] = Long.parseLong(cells[2 + 2 * i].trim());
            }
            return frames;
        }
        throw new LabException("unexpected tshark io,stat output: " + output.lines().limit(3).toList());
    }

    /**
     * What is wrong with a recorded scenario's captures: an expected filter without a match,
     * a forbidden one with matches, or the two captures not holding the same TCP packets.
     */
    public static List<String> verify(Path pcap, Path pcapng, Scenario scenario) throws LabException {
        List<String> filters = new ArrayList<>(scenario.expect());
        filters.addAll(scenario.expectAbsent());
        filters.add("tcp");
        long[] counts = countFrames(pcap, filters);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < scenario.expect().size(); i++) {
            if (counts[i] == 0) {
                failures.add(pcap.getFileName() + ": no frame matches '" + filters.get(i) + "'");
            }
        }
        for (int i = scenario.expect().size(); i < filters.size() - 1; i++) {
            if (counts[i] != 0) {
                failures.add(pcap.getFileName() + ": " + counts[i] + " frames match '" + filters.get(i)
                        + "', expected none");
            }
        }
        long tcpInPcap = counts[filters.size() - 1];
        long tcpInPcapng = countFrames(pcapng, List.of("tcp"))[0];
        if (tcpInPcap == 0 || tcpInPcap != tcpInPcapng) {
            failures.add(pcap.getFileName() + " has " + tcpInPcap + " TCP frames, " + pcapng.getFileName()
                    + " has " + tcpInPcapng);
        }
        return failures;
    }
}
