package org.mptcpinspect.dissector.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one capture operation in a separate JVM, for what a test cannot do to its own JVM
 * (no libpcap, no capture privileges), and prints the outcome: "frames N" or "error MESSAGE".
 */
public final class CaptureProbe {

    private CaptureProbe() {
    }

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "libpcap-file" -> {
                    try (Pcap4jReader reader = Pcap4jReader.open(Path.of(args[1]))) {
                        System.out.println("frames " + Frames.readAll(reader).size());
                    }
                }
                case "stdin" -> {
                    try (PcapFileReader reader = CaptureFiles.open(CaptureFiles.STANDARD_INPUT)) {
                        Frames.Partial partial = Frames.readUntilError(reader);
                        System.out.println(stdinOutcome(partial.frames()));
                        if (partial.error() != null) {
                            throw partial.error();
                        }
                    }
                }
                case "live" -> {
                    try (LiveCapture capture = LiveCapture.open(new LiveCapture.Options(args[1]))) {
                        System.out.println("opened " + capture.linkType());
                    }
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (CaptureException e) {
            System.out.println("error " + e.getMessage());
        }
    }

    /** The outcome the "stdin" probe prints for these frames. */
    static String stdinOutcome(List<RawFrame> frames) {
        return "frames " + frames.size() + " " + Frames.describe(frames).hashCode();
    }

    /** The command that runs this probe in a new JVM with the test's class path. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CaptureProbe.class.getName());
        command.addAll(List.of(args));
        return command;
    }
}
