package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.cli.LiveLab.Live;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureFormat;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.lab.Side;
import org.mptcpinspect.lab.Topology;

/**
 * {@code live} on real MPTCP transfers: the lab's single-subflow topology (client and server
 * namespaces joined by veth p0, 192.0.2.0/24), the reference endpoint moving data, and live
 * running as its own JVM in the client namespace, as a user runs it ({@link LiveLab}). Needs
 * root and kernel MPTCP; skipped with the reason otherwise.
 */
class LiveCommandTest {
    private static final String IFACE = Topology.interfaceName(0);
    /** Fields that read the same from a live capture and from the file it saved. */
    private static final List<String> FIELDS = List.of("frame.number", "frame.len", "frame.cap_len",
            "frame.time_relative", "ip.src", "tcp.srcport", "tcp.stream", "tcp.flags", "tcp.seq", "tcp.ack",
            "tcp.len", "tcp.options.mptcp.subtype", "tcp.options.mptcp.sendkey", "tcp.options.mptcp.recvkey",
            "tcp.options.mptcp.rawdataseqno", "tcp.options.mptcp.rawdataack");

    @TempDir
    static Path dir;
    private static LiveLab lab;

    @BeforeAll
    static void buildTopology() throws Exception {
        lab = LiveLab.create("single-subflow", dir);
    }

    @AfterAll
    static void removeTopology() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void countStopsAndTheSavedFileHoldsWhatWasPrinted() throws Exception {
        Path saved = dir.resolve("count.pcap");
        List<String> args = new ArrayList<>(List.of("live", IFACE, "-f", "tcp port 8001", "-c", "12",
                "-w", saved.toString(), "-T", "fields"));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        Live live = lab.live(args);
        lab.transfer(8001, "64k", "32k");
        assertEquals(0, live.awaitExit(), live.err());

        List<String> rows = live.out().lines().toList();
        assertEquals(12, rows.size(), live.out());
        String[] syn = rows.get(0).split("\t", -1);
        assertEquals(List.of("1", "192.0.2.1", "0x0002", "0"),
                List.of(syn[0], syn[4], syn[7], syn[11]), "the first packet is the MP_CAPABLE SYN: " + rows.get(0));
        String[] synAck = rows.get(1).split("\t", -1);
        assertEquals(List.of(LiveLab.SERVER, "0x0012", "0"), List.of(synAck[4], synAck[7], synAck[11]), rows.get(1));
        assertTrue(rows.stream().anyMatch(r -> r.split("\t", -1)[11].equals("2")), "DSS seen: " + live.out());
        assertTrue(live.err().contains("\n12 packets captured\n"), live.err());
        assertTrue(live.err().contains("0 packets dropped by kernel"), live.err());
        // The connection summary names the tokens the kernel gave both ends (MPTCP_INFO).
        assertTrue(live.err().contains("\nMPTCP connections: 1\n"), live.err());
        String connection = live.err().lines().filter(l -> l.matches("0 +1 +192\\.0\\.2\\.1:\\d+ .*")).findFirst().orElse("");
        assertTrue(connection.contains(" " + lab.kernelToken("client", 8001) + " " + lab.kernelToken("server", 8001) + " "),
                "tokens in " + connection + "\n" + live.err());

        // The same fields read back from the -w file: by read, and by tshark when it is here.
        List<String> readArgs = new ArrayList<>(List.of("read", saved.toString(), "-T", "fields"));
        FIELDS.forEach(f -> readArgs.addAll(List.of("-e", f)));
        ReadCommandTest.Result read = ReadCommandTest.run(readArgs.toArray(String[]::new));
        assertEquals(0, read.code(), read.err());
        assertEquals(live.out(), read.out());
        if (Tshark.available()) {
            List<String> tsharkArgs = new ArrayList<>(List.of("-r", saved.toString(), "-T", "fields"));
            FIELDS.forEach(f -> tsharkArgs.addAll(List.of("-e", f)));
            assertEquals(live.out(), Tshark.run(tsharkArgs));
        }
    }

    @Test
    void jsonIsACompleteDocumentWithTheMptcpAnalysis() throws Exception {
        Live live = lab.live(List.of("live", IFACE, "-f", "tcp port 8006", "-c", "4", "-T", "json"));
        lab.transfer(8006, "16k", "16k");
        assertEquals(0, live.awaitExit(), live.err());
        JsonNode packets = new ObjectMapper().readTree(live.out());
        assertEquals(4, packets.size(), live.out());
        JsonNode synAck = packets.get(1).path("_source").path("layers").path("tcp");
        assertEquals("0x0012", synAck.path("tcp.flags").asText(), synAck.toString());
        // The tracker runs for live as for read -T json: the SYN/ACK belongs to MPTCP stream 0.
        assertEquals("0", synAck.path("mptcp.analysis").path("mptcp.stream").asText(), synAck.toString());
    }

    @Test
    void durationStopsAndPcapngKeepsEveryPacketWhileTheFilterPrintsSome() throws Exception {
        Path saved = dir.resolve("duration.pcapng");
        String filter = "tcp.options.mptcp.subtype == 0";
        Live live = lab.live(List.of("live", "-i", IFACE, "-f", "tcp port 8002", "-a", "duration:4",
                "-F", "pcapng", "-w", saved.toString(), "-Y", filter,
                "-T", "fields", "-e", "frame.number", "-e", "frame.interface_id", "-e", "tcp.flags.str"));
        long started = System.nanoTime();
        // When live ended, whatever the transfer (slow on a loaded machine) was doing then.
        CompletableFuture<Long> ended = live.process().onExit().thenApply(p -> System.nanoTime());
        lab.transfer(8002, "16k", "16k");
        assertEquals(0, live.awaitExit(), live.err());
        double seconds = (ended.get() - started) / 1e9;
        assertTrue(seconds >= 3.9 && seconds <= 6, "stopped " + seconds + " s after the capture began");

        try (PcapFileReader reader = CaptureFiles.open(saved.toString())) {
            assertEquals(CaptureFormat.PCAPNG, reader.format());
            long frames = 0;
            while (reader.next() != null) {
                frames++;
            }
            assertTrue(live.err().contains("\n" + frames + " packets captured\n"), frames + " saved; " + live.err());
            assertTrue(frames > 10, "the whole transfer was saved, not only what -Y printed");
        }
        List<String> rows = live.out().lines().toList();
        // SYN, SYN/ACK and the third ACK; v1 repeats MP_CAPABLE on the first data packet.
        assertTrue(rows.size() >= 3, live.out());
        assertTrue(rows.stream().allMatch(r -> r.split("\t")[1].equals("0")), "interface 0: " + live.out());
        if (Tshark.available()) {
            assertEquals(live.out(), Tshark.run(List.of("-r", saved.toString(), "-Y", filter, "-T", "fields",
                    "-e", "frame.number", "-e", "frame.interface_id", "-e", "tcp.flags.str")));
        }
    }

    @Test
    void ctrlCStopsCleanlyWithEverythingPrintedAndSaved() throws Exception {
        Path saved = dir.resolve("interrupted.pcap");
        // -P: summary lines although -w saves the packets (tshark prints none with -w alone).
        Live live = lab.live(List.of("live", IFACE, "-f", "tcp port 8003", "-w", saved.toString(), "-P"));
        lab.transfer(8003, "32k", "8k");
        // Everything printed so far reaches the pipe while the capture waits for more.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!live.out().contains("[FIN, ACK]") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(live.out().contains("[FIN, ACK]"), "output shown while capturing: " + live.out());
        assertTrue(Files.size(saved) > 24, "the file is written while capturing");
        live.signal("INT");
        assertEquals(0, live.awaitExit(), live.err());

        long printed = live.out().lines().count();
        assertTrue(live.err().contains("\n" + printed + " packets captured\n"), printed + " printed; " + live.err());
        try (PcapFileReader reader = CaptureFiles.open(saved.toString())) {
            long frames = 0;
            while (reader.next() != null) {
                frames++;
            }
            assertEquals(printed, frames, "every printed packet is in the file");
        }
        assertTrue(live.err().contains("MPTCP: "), live.err());
        assertFalse(live.err().contains("Exception"), live.err());
    }

    @Test
    void sigtermStopsCleanlyTooAndWritingAFilePrintsOnlyTheSummary() throws Exception {
        Path saved = dir.resolve("terminated.pcapng");
        // As tshark: with -w and without -P (or -V, -x, -T) no packet is printed.
        Live live = lab.live(List.of("live", IFACE, "-f", "tcp port 8005", "-F", "pcapng",
                "-w", saved.toString()));
        lab.transfer(8005, "16k", "16k");
        live.signal("TERM");
        assertEquals(0, live.awaitExit(), live.err());
        assertEquals("", live.out());
        try (PcapFileReader reader = CaptureFiles.open(saved.toString())) {
            long frames = 0;
            while (reader.next() != null) {
                frames++;
            }
            assertTrue(frames > 10, frames + " frames saved");
            assertTrue(live.err().contains("\n" + frames + " packets captured\n"), frames + " saved; " + live.err());
        }
        assertTrue(live.err().contains("\nMPTCP connections: 1\n"), live.err());
    }

    @Test
    void filesizeStopsOnceTheFileIsThatBig() throws Exception {
        Path saved = dir.resolve("filesize.pcap");
        Live live = lab.live(List.of("live", IFACE, "-f", "tcp port 8004", "-a", "filesize:20",
                "-w", saved.toString(), "-T", "fields", "-e", "frame.number"));
        lab.transfer(8004, "256k", "8k");
        assertEquals(0, live.awaitExit(), live.err());
        long size = Files.size(saved);
        // The frame that reached 20 kB is the last; frames are at most one MTU plus headers.
        assertTrue(size >= 20_000 && size < 20_000 + 1600, "file size " + size);
    }

    @Test
    void listsInterfacesLikeTshark() throws Exception {
        Live live = lab.live(List.of("live", "-D"));
        assertEquals(0, live.awaitExit(), live.err());
        List<String> ours = live.out().lines().toList();
        assertTrue(ours.stream().anyMatch(l -> l.matches("\\d+\\. lo \\(Loopback\\)")), "the namespace has lo: " + ours);
        assertTrue(ours.stream().anyMatch(l -> l.matches("\\d+\\. " + IFACE)), ours.toString());
        // The same interfaces, in the same order, as tcpdump -D ("1.p0 [Up, Running, Connected]")
        // lists through libpcap.
        List<String> tcpdump = lab.inClientNamespace(List.of("tcpdump", "-D"));
        assertEquals(tcpdump.stream().map(l -> l.replaceFirst("^\\d+\\.(\\S+).*$", "$1")).toList(),
                ours.stream().map(l -> l.replaceFirst("^\\d+\\. (\\S+).*$", "$1")).toList());
        if (Tshark.available()) {
            // tshark adds extcap interfaces (ciscodump, ...), which libpcap does not know, and may
            // leave pseudo-interfaces out; those it shares with us it prints as we do.
            List<String> tshark = lab.inClientNamespace(List.of("tshark", "-D")).stream()
                    .map(l -> l.replaceFirst("^\\d+\\. ", "")).toList();
            int shared = 0;
            for (String line : ours) {
                String entry = line.replaceFirst("^\\d+\\. ", "");
                String name = entry.split(" ")[0];
                for (String theirs : tshark) {
                    if (theirs.split(" ")[0].equals(name)) {
                        assertEquals(theirs, entry);
                        shared++;
                    }
                }
            }
            assertTrue(shared >= 3, "tshark lists p0, any and lo too: " + tshark);
        }
    }

    @Test
    void unknownInterfaceNamesTheOnesThereAre() throws Exception {
        Live live = lab.live(List.of("live", "nosuch0"));
        assertEquals(1, live.awaitExit());
        String message = live.err().strip();
        assertTrue(message.startsWith("mptcp-inspect live: nosuch0: no such interface (available: "), message);
        assertTrue(message.contains(IFACE + ", ") && message.contains(" lo"), "the namespace's interfaces: " + message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void badCaptureFilterIsAUsageError() throws Exception {
        Live live = lab.live(List.of("live", IFACE, "-f", "tcp and and port"));
        assertEquals(2, live.awaitExit());
        assertTrue(live.err().strip().startsWith("mptcp-inspect live: " + IFACE
                + ": bad capture filter \"tcp and and port\": "), live.err());
        assertEquals(1, live.err().strip().lines().count(), live.err());
    }

    /** A child without CAP_NET_RAW (setpriv drops every capability, as an ordinary user has none). */
    @Test
    void withoutPrivilegesSaysWhatItNeeds() throws Exception {
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv (util-linux) is not installed");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(Side.CLIENT),
                "setpriv", "--bounding-set=-all", "--inh-caps=-all"));
        command.addAll(Live.command(List.of("live", IFACE)));
        Live live = Live.start(command, false, dir);
        assertEquals(1, live.awaitExit());
        assertEquals("mptcp-inspect live: " + IFACE + ": capturing needs root or the CAP_NET_RAW and CAP_NET_ADMIN "
                + "capabilities (socket: Operation not permitted)", live.err().strip());
    }
}
