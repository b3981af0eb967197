package org.mptcpinspect.dissector.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live capture on a veth pair between two network namespaces this test creates
 * (192.0.2.1 in one, 192.0.2.2 in the other); the capture runs inside the first. Needs root
 * and iproute2; skipped with the reason otherwise.
 */
class LiveCaptureTest {

    private static final String CAPTURE_SIDE = "192.0.2.1";
    private static final String PEER_SIDE = "192.0.2.2";
    private static final String VETH = "mpicap0";

    private static NetworkNamespace capturing;
    private static NetworkNamespace peer;

    @BeforeAll
    static void createVethPair() throws Exception {
        String reason = NetworkNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        String prefix = "mpicap-" + ProcessHandle.current().pid();
        capturing = NetworkNamespace.create(prefix + "-a");
        peer = NetworkNamespace.create(prefix + "-b");
        capturing.exec("ip", "link", "add", VETH, "type", "veth", "peer", "name", "mpicap1", "netns", peer.name());
        capturing.exec("ip", "addr", "add", CAPTURE_SIDE + "/24", "dev", VETH);
        capturing.exec("ip", "link", "set", VETH, "up");
        peer.exec("ip", "addr", "add", PEER_SIDE + "/24", "dev", "mpicap1");
        peer.exec("ip", "link", "set", "mpicap1", "up");
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (capturing != null) {
            capturing.close();
        }
    }

    @Test
    void capturesTcpFramesThroughAFilter() throws Exception {
        try (LiveCapture capture = open(new LiveCapture.Options(VETH).withFilter("tcp"))) {
            assertEquals(LinkType.ETHERNET, capture.linkType());
            long before = System.currentTimeMillis() * 1_000_000L;
            // UDP (and the ICMP port unreachable it causes) must not pass the filter; the TCP
            // SYN to a closed port and its RST must.
            sendUdp();
            connectToClosedPort();
            List<RawFrame> frames = take(capture, 2);
            long after = System.currentTimeMillis() * 1_000_000L;
            assertEquals(2, frames.size(), "SYN and RST");
            for (RawFrame frame : frames) {
                assertEquals(0x0800, (frame.data()[12] & 0xff) << 8 | (frame.data()[13] & 0xff), "IPv4");
                assertEquals(6, frame.data()[14 + 9], "TCP");
                assertEquals(frame.capturedLength(), frame.originalLength());
                assertTrue(frame.timestampNanos() >= before - 1_000_000_000L && frame.timestampNanos() <= after,
                    "timestamp " + frame.timestampNanos() + " within the test's time");
            }
            assertEquals(List.of(1L, 2L), frames.stream().map(RawFrame::number).toList());
            assertEquals(0x02, frames.get(0).data()[14 + 20 + 13] & 0x17, "the first frame is the SYN");
            assertEquals(0x04, frames.get(1).data()[14 + 20 + 13] & 0x04, "the second frame is the RST");
            assertTrue(frames.get(0).timestampNanos() <= frames.get(1).timestampNanos());
            LiveCapture.Statistics statistics = capture.statistics();
            assertTrue(statistics.received() >= 2, statistics.toString());
            assertEquals(0, statistics.dropped());
        }
    }

    @Test
    void snaplenCutsFramesAndTheWriterKeepsThem() throws Exception {
        List<RawFrame> frames;
        try (LiveCapture capture = open(new LiveCapture.Options(VETH).withSnapLength(40).withFilter("udp"))) {
            sendUdp();
            frames = take(capture, 1);
        }
        RawFrame frame = frames.get(0);
        assertEquals(40, frame.capturedLength());
        assertTrue(frame.originalLength() > 40, "the datagram was longer than the snaplen");
        // live -w: what is written reads back identically, to the nanosecond.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(file, LinkType.ETHERNET, 40, TimestampResolution.NANOSECONDS,
                java.nio.ByteOrder.LITTLE_ENDIAN)) {
            writer.write(frame);
        }
        try (PcapFileReader reader = CaptureFiles.open(new ByteArrayInputStream(file.toByteArray()), "written")) {
            assertEquals(Frames.describe(frames), Frames.describe(Frames.readAll(reader)));
        }
    }

    @Test
    void stopFromAnotherThreadEndsABlockedNext() throws Exception {
        // A long read timeout: only pcap_breakloop can end the wait early.
        try (LiveCapture capture = open(new LiveCapture.Options(VETH).withFilter("port 7")
                .withImmediate(false).withReadTimeout(Duration.ofSeconds(20)))) {
            CompletableFuture<RawFrame> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return capture.next();
                } catch (CaptureException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertFalse(next.isDone(), "next() waits while nothing arrives");
            long stopped = System.nanoTime();
            capture.stop();
            assertNull(next.get(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - stopped < 2_000_000_000L, "stop took effect within 2 s");
            assertNull(capture.next(), "a stopped capture stays stopped");
        }
    }

    @Test
    void framesCapturedBeforeStopAreStillDeliveredAndThePipeIsRemoved() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> pipesBefore = capturePipes(tmp);
        try (LiveCapture capture = open(new LiveCapture.Options(VETH).withFilter("udp port 9"))) {
            sendUdp();
            assertEquals(1, take(capture, 1).size(), "the first datagram");
            for (int i = 0; i < 5; i++) {
                sendUdp();
            }
            Thread.sleep(500); // libpcap's loop has them; nobody has asked for them yet
            capture.stop();
            List<Long> rest = new ArrayList<>();
            for (RawFrame frame; (frame = capture.next()) != null; ) {
                rest.add(frame.number());
            }
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L), rest, "frames captured before stop() are delivered after it");
            assertTrue(capturePipes(tmp).size() > pipesBefore.size(), "the frames came through a pipe");
        }
        assertEquals(pipesBefore, capturePipes(tmp), "closing removes the capture's pipe");
    }

    private static List<Path> capturePipes(Path tmp) throws java.io.IOException {
        try (var entries = java.nio.file.Files.list(tmp)) {
            // This JVM's pipes only: other processes (tests run side by side) make and remove theirs.
            String ours = "mptcp-inspect-capture-" + ProcessHandle.current().pid() + "-";
            return entries.filter(p -> p.getFileName().toString().startsWith(ours)).sorted().toList();
        }
    }

    @Test
    void badFilterGivesLibpcapsReason() {
        CaptureException error = assertThrows(CaptureException.class,
            () -> open(new LiveCapture.Options(VETH).withFilter("tcp and and port")));
        assertTrue(error.getMessage().startsWith(VETH + ": bad capture filter \"tcp and and port\": "), error.getMessage());
        assertTrue(error.getMessage().contains("syntax error"), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void unknownInterfaceListsTheOnesThereAre() {
        CaptureException error = assertThrows(CaptureException.class, () -> open(new LiveCapture.Options("nosuch9")));
        assertTrue(error.getMessage().startsWith("nosuch9: no such interface (available: "), error.getMessage());
        assertTrue(error.getMessage().contains(VETH), "lists the namespace's interfaces: " + error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    /** A capture without CAP_NET_RAW, in a child JVM whose capabilities setpriv removed. */
    @Test
    void captureWithoutPrivilegesSaysWhatItNeeds() throws Exception {
        assumeTrue(Tools.find("setpriv").isPresent(), "setpriv (util-linux) is not installed");
        List<String> command = new ArrayList<>(List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all"));
        command.addAll(CaptureProbe.command(List.of(), "live", "lo"));
        Tools.Result result = Tools.run(command);
        assertEquals(List.of("error lo: capturing needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities "
            + "(socket: Operation not permitted)"), result.stdout(), result.stderr());
    }

    /** A child JVM told to load a libpcap that does not exist. */
    @Test
    void missingLibpcapIsOneLine() throws Exception {
        List<String> noLibpcap = List.of("-Dorg.pcap4j.core.pcapLibName=/nonexistent/libpcap.so");
        assertEquals(List.of("error lo: libpcap is not available (install it: apt-get install libpcap0.8)"),
            Tools.run(CaptureProbe.command(noLibpcap, "live", "lo")).stdout());
        assertEquals(List.of("error /nonexistent.pcap: no such file"),
            Tools.run(CaptureProbe.command(noLibpcap, "libpcap-file", "/nonexistent.pcap")).stdout());
        Tools.Result file = Tools.run(CaptureProbe.command(noLibpcap, "libpcap-file", "/dev/null"));
        assertEquals(List.of("error /dev/null: libpcap is not available (install it: apt-get install libpcap0.8)"),
            file.stdout(), file.stderr());
    }

    private static LiveCapture open(LiveCapture.Options options) throws Exception {
        return capturing.call(() -> LiveCapture.open(options));
    }

    /** Reads {@code count} frames, giving up (stop) after 10 s so a lost frame cannot hang the build. */
    private static List<RawFrame> take(LiveCapture capture, int count) throws CaptureException {
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(10_000);
                capture.stop();
            } catch (InterruptedException e) {
                // The frames came in time.
            }
        });
        List<RawFrame> frames = new ArrayList<>();
        try {
            while (frames.size() < count) {
                RawFrame frame = capture.next();
                if (frame == null) {
                    break;
                }
                frames.add(frame);
            }
        } finally {
            watchdog.interrupt();
        }
        return frames;
    }

    private static void sendUdp() throws Exception {
        peer.exec("bash", "-c", "echo hello-from-the-peer-namespace > /dev/udp/" + CAPTURE_SIDE + "/9");
    }

    private static void connectToClosedPort() throws Exception {
        Tools.run(List.of("ip", "netns", "exec", peer.name(), "bash", "-c", "exec 3<>/dev/tcp/" + CAPTURE_SIDE + "/9"));
    }
}
