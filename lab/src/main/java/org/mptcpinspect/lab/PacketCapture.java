package org.mptcpinspect.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The client host's captures, both running for the whole transfer: tcpdump on all interfaces
 * ({@code -i any}, Linux cooked header) into a .pcap, and dumpcap with one interface per path
 * into a .pcapng.
 */
final class PacketCapture implements CaptureStep.Running {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final BackgroundProcess tcpdump;
    private final BackgroundProcess dumpcap;

    private PacketCapture(BackgroundProcess tcpdump, BackgroundProcess dumpcap) {
        this.tcpdump = tcpdump;
        this.dumpcap = dumpcap;
    }

    /** The lab's recorder: NAME.pcap from tcpdump -i any, NAME.pcapng from dumpcap on each path. */
    static CaptureStep recorder(Path pcap, Path pcapng, String pcapLinkType) {
        return new CaptureStep() {
            @Override
            public List<String> tools() {
                return List.of("tcpdump", "dumpcap");
            }

            @Override
            public Running start(String namespace, List<String> interfaces) throws LabException {
                return PacketCapture.start(namespace, pcap, pcapng, interfaces, pcapLinkType);
            }
        };
    }

    /**
     * Starts both captures and returns once the kernel really delivers packets to them: each
     * tool printed its start line and its packet sockets are bound and running.
     */
    static PacketCapture start(String namespace, Path pcap, Path pcapng, List<String> interfaces,
                               String pcapLinkType) throws LabException {
        // Immediate mode (no packet held back in the kernel when we stop) makes libpcap use one
        // ring frame per snaplen; on "any" it cannot size frames by MTU, so a full 262144-byte
        // snaplen would leave room for only 8 packets in the default ring and drop bursts.
        // 65535 still never truncates (offloads are off, MTU 1500) and a 64 MiB ring holds
        // about a thousand packets.
        List<String> tcpdumpCommand = new ArrayList<>(List.of("tcpdump", "-i", "any", "-s", "65535",
                "-B", "65536", "-U", "--immediate-mode", "-Z", "root", "-w", pcap.toString()));
        if (pcapLinkType != null) {
            tcpdumpCommand.addAll(List.of("-y", pcapLinkType));
        }
        List<String> dumpcapCommand = new ArrayList<>(List.of("dumpcap"));
        for (String dev : interfaces) {
            dumpcapCommand.addAll(List.of("-i", dev));
        }
        dumpcapCommand.addAll(List.of("-w", pcapng.toString()));

        BackgroundProcess tcpdump = BackgroundProcess.start("tcpdump",
                Shell.inNamespace(namespace, tcpdumpCommand));
        BackgroundProcess dumpcap = null;
        try {
            dumpcap = BackgroundProcess.start("dumpcap", Shell.inNamespace(namespace, dumpcapCommand));
            tcpdump.awaitLine(l -> l.contains("listening on"), "'listening on' line", START_TIMEOUT);
            dumpcap.awaitLine(l -> l.startsWith("Capturing on"), "'Capturing on' line", START_TIMEOUT);
            awaitPacketSockets(tcpdump.pid(), 1 + interfaces.size());
            return new PacketCapture(tcpdump, dumpcap);
        } catch (LabException | RuntimeException e) {
            tcpdump.close();
            if (dumpcap != null) {
                dumpcap.close();
            }
            throw e;
        }
    }

    /**
     * Polls the namespace's /proc/net/packet (seen through a process inside it) until the
     * expected number of packet sockets are in running state.
     */
    private static void awaitPacketSockets(long pidInNamespace, int expected) throws LabException {
        Path table = Path.of("/proc", Long.toString(pidInNamespace), "net", "packet");
        long deadline = System.currentTimeMillis() + START_TIMEOUT.toMillis();
        int running = 0;
        while (System.currentTimeMillis() < deadline) {
            running = 0;
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    // sk RefCnt Type Proto Iface R Rmem User Inode
                    if (f.length >= 6 && !f[0].equals("sk") && f[5].equals("1")) {
                        running++;
                    }
                }
            } catch (IOException e) {
                throw new LabException("tcpdump exited while starting (cannot read " + table + ")", e);
            }
            if (running >= expected) {
                return;
            }
            Pause.millis(20);
        }
        throw new LabException("captures not running after " + START_TIMEOUT.toMillis() + " ms: "
                + running + " of " + expected + " packet sockets active");
    }

    /**
     * Stops both captures (they flush and close their files on SIGTERM) and fails if either
     * reports packets the kernel dropped before the tool could save them: such a capture would
     * not hold everything that went over the wire.
     */
    @Override
    public void stop() throws LabException {
        int tcpdumpExit = tcpdump.terminate(STOP_TIMEOUT);
        int dumpcapExit = dumpcap.terminate(STOP_TIMEOUT);
        if (tcpdumpExit != 0) {
            throw new LabException("tcpdump failed (exit " + tcpdumpExit + ")" + tcpdump.stderrTail());
        }
        if (dumpcapExit != 0) {
            throw new LabException("dumpcap failed (exit " + dumpcapExit + ")" + dumpcap.stderrTail());
        }
        long tcpdumpDrops = droppedByTcpdump(tcpdump.stderr());
        long dumpcapDrops = droppedByDumpcap(dumpcap.stderr());
        if (tcpdumpDrops != 0 || dumpcapDrops != 0) {
            throw new LabException("capture incomplete: tcpdump dropped " + tcpdumpDrops + ", dumpcap dropped "
                    + dumpcapDrops + " packets");
        }
    }

    /** From "N packets dropped by kernel"; -1 if tcpdump did not report it. */
    static long droppedByTcpdump(List<String> stderr) {
        for (String line : stderr) {
            if (line.endsWith(" packets dropped by kernel")) {
                return Long.parseLong(line.substring(0, line.indexOf(' ')));
            }
        }
        return -1;
    }

    /** Sum over "Packets received/dropped on interface 'p0': 7/0 (...)" lines; -1 if none. */
    static long droppedByDumpcap(List<String> stderr) {
        long dropped = -1;
        for (String line : stderr) {
            int colon = line.indexOf("': ");
            if (line.startsWith("Packets received/dropped on interface") && colon > 0) {
                String counts = line.substring(colon + 3).split(" ")[0];
                dropped = Math.max(dropped, 0) + Long.parseLong(counts.substring(counts.indexOf('/') + 1));
            }
        }
        return dropped;
    }

    @Override
    public void close() {
        tcpdump.close();
        dumpcap.close();
    }
}
