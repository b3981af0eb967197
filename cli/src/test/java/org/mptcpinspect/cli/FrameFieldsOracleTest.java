package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.PcapngWriter;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/** frame.* fields against tshark on hand-built pcap and pcapng captures. */
class FrameFieldsOracleTest {
    private static final List<String> FIELDS = List.of("frame.number", "frame.time", "frame.time_epoch",
            "frame.offset_shift", "frame.time_relative", "frame.time_delta", "frame.time_delta_displayed",
            "frame.len", "frame.cap_len", "frame.encap_type", "frame.interface_id", "frame.marked", "frame.ignored");

    @TempDir
    Path dir;

    private static void assertSameAsTshark(Path capture, String filter) throws Exception {
        Tshark.assume();
        List<String> args = new ArrayList<>(List.of("-r", capture.toString(), "-T", "fields", "-E", "header=y"));
        for (String f : FIELDS) {
            args.add("-e");
            args.add(f);
        }
        if (filter != null) {
            args.add("-Y");
            args.add(filter);
        }
        String expected = Tshark.run(args);
        List<String> ours = new ArrayList<>(List.of("read"));
        ours.addAll(args);
        ReadCommandTest.Result r = ReadCommandTest.run(ours.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out());
    }

    private Path pcap(TimestampResolution resolution, int linkType) throws IOException {
        Path p = dir.resolve("t-" + resolution.exponent() + "-" + linkType + ".pcap");
        try (PcapWriter w = PcapWriter.create(p, linkType, resolution)) {
            long t0 = 1700000000_123456789L;
            // Out-of-order timestamps give negative deltas; one frame is cut by snaplen.
            long[] times = {t0, t0 + 1, t0 + 1_000_000_000L, t0 - 5_000_000L, t0 + 86_400_000_000_000L};
            for (int i = 0; i < times.length; i++) {
                w.write(times[i], 40 + i * 3, new byte[40 + i]);
            }
        }
        return p;
    }

    @Test
    void microsecondPcap() throws Exception {
        assertSameAsTshark(pcap(TimestampResolution.MICROSECONDS, LinkType.ETHERNET), null);
    }

    @Test
    void nanosecondPcapWithFilter() throws Exception {
        assertSameAsTshark(pcap(TimestampResolution.NANOSECONDS, LinkType.RAW), "frame.number in {1, 3, 5}");
    }

    @Test
    void everyLinkTypeEncapsulation() throws Exception {
        for (int lt : new int[] {LinkType.NULL, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.LINUX_SLL2,
            LinkType.IPV4, LinkType.IPV6}) {
            assertSameAsTshark(pcap(TimestampResolution.MICROSECONDS, lt), null);
        }
    }

    @Test
    void pcapngWithTwoInterfaces() throws Exception {
        Path p = dir.resolve("two.pcapng");
        try (PcapngWriter w = PcapngWriter.create(p)) {
            int eth = w.addInterface(LinkType.ETHERNET);
            int raw = w.addInterface(LinkType.RAW, 65535, TimestampResolution.NANOSECONDS, 0);
            long t0 = 1700000000_000000000L;
            w.writePacket(eth, t0, 60, new byte[60]);
            w.writePacket(raw, t0 + 123, 40, new byte[40]);
            w.writePacket(eth, t0 + 2_000_000, 64, new byte[60]);
        }
        assertSameAsTshark(p, null);
        assertSameAsTshark(p, "frame.interface_id == 1 or frame.number == 3");
    }
}
