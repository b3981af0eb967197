package org.mptcpinspect.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Whether this machine can run the lab: root, kernel MPTCP, network namespaces, the tools. */
public final class Preflight {
    private static final List<String> TOOLS = List.of("ip", "tc", "iptables", "ip6tables", "ethtool", "sysctl");
    private static final List<String> RECORDER_TOOLS = List.of("tcpdump", "dumpcap");

    private Preflight() {
    }

    /** Why the lab cannot record captures here (lab record), or empty when it can. */
    public static Optional<String> problem() {
        return problem(RECORDER_TOOLS);
    }

    /** Why the lab cannot run here with a capture that needs {@code captureTools}, or empty when it can. */
    public static Optional<String> problem(List<String> captureTools) {
        if (!isRoot()) {
            return Optional.of("the lab needs root (network namespaces, tc, iptables)");
        }
        if (!Files.exists(Path.of("/proc/sys/net/mptcp/enabled"))) {
            return Optional.of("kernel without MPTCP (no /proc/sys/net/mptcp/enabled)");
        }
        for (String tool : java.util.stream.Stream.concat(TOOLS.stream(), captureTools.stream()).toList()) {
            if (!onPath(tool)) {
                return Optional.of(tool + " not installed");
            }
        }
        // Listing is not enough (it works unprivileged): create one for real, and try in it
        // the kernel features scenarios use (tbf rate limits, iptables random drops).
        String probe = Topology.namePrefix(ProcessHandle.current().pid()) + "probe";
        try {
            Shell.run("ip", "netns", "add", probe);
        } catch (LabException e) {
            return Optional.of("cannot create network namespaces: " + e.getMessage());
        }
        try {
            Shell.run("ip", "netns", "exec", probe, "tc", "qdisc", "add", "dev", "lo", "root", "tbf",
                    "rate", "1mbit", "burst", "16kb", "latency", "100ms");
            Shell.run("ip", "netns", "exec", probe, "iptables", "-A", "OUTPUT", "-p", "tcp",
                    "-m", "statistic", "--mode", "random", "--probability", "0.5", "-j", "ACCEPT");
        } catch (LabException e) {
            return Optional.of("kernel lacks a feature the lab uses (tbf qdisc, iptables statistic): "
                    + e.getMessage());
        } finally {
            try {
                Shell.run("ip", "netns", "del", probe);
            } catch (LabException e) {
                System.err.println("lab: cleanup: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Throws with the reason when the lab cannot run. */
    public static void require(List<String> captureTools) throws LabException {
        Optional<String> problem = problem(captureTools);
        if (problem.isPresent()) {
            throw new LabException(problem.get());
        }
    }

    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
