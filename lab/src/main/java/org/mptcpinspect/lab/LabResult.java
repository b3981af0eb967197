package org.mptcpinspect.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a lab run produced and its ground truth. {@code problems} lists what went wrong
 * that the scenario did not ask for (a failed connection, data that did not arrive intact, an
 * action that failed); empty for a good recording.
 */
public record LabResult(Path pcap, Path pcapng, Path truthFile, Truth truth, List<String> problems) {
    public LabResult {
        problems = List.copyOf(problems);
    }
}
