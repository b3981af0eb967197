package org.mptcpinspect.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab's readers of tool output, on real samples of that output. */
class ParsingTest {
    @Test
    void mptcpCountersFromProcNetNetstat() throws LabException {
        String netstat = """
                TcpExt: SyncookiesSent SyncookiesRecv
                TcpExt: 0 0
                MPTcpExt: MPCapableSYNRX MPCapableSYNTX MPJoinSynRx
                MPTcpExt: 1 0 2
                """;
        Map<String, Long> counters = MptcpCounters.parse(netstat);
        assertEquals(List.of("MPCapableSYNRX", "MPCapableSYNTX", "MPJoinSynRx"), List.copyOf(counters.keySet()));
        assertEquals(2L, counters.get("MPJoinSynRx"));
        Map<String, Long> later = Map.of("MPCapableSYNRX", 4L, "MPCapableSYNTX", 0L, "MPJoinSynRx", 2L);
        Map<String, Long> delta = MptcpCounters.delta(counters, later);
        assertEquals(3L, delta.get("MPCapableSYNRX"));
        assertEquals(0L, delta.get("MPJoinSynRx"));
        assertThrows(LabException.class, () -> MptcpCounters.parse("TcpExt: A\nTcpExt: 1\n"));
    }

    @Test
    void tsharkIoStatTable() throws LabException {
        String output = """
                ===================================================================
                | IO Statistics                                                   |
                |-----------------------------------------------------------------|
                |                |1               |2               |3             |
                | Interval       | Frames | Bytes | Frames | Bytes | Frames | Bytes |
                |-----------------------------------------------------------------|
                | 0.000 <> 0.117 |     30 | 43960 |      0 |     0 |     73 | 64852 |
                ===================================================================
                """;
        assertArrayEquals(new long[] {30, 0, 73}, CaptureCheck.parseIoStat(output, 3));
        assertThrows(LabException.class, () -> CaptureCheck.parseIoStat("tshark: oops", 1));
    }

    @Test
    void captureDropReports() {
        assertEquals(0, PacketCapture.droppedByTcpdump(List.of("138 packets captured",
                "138 packets received by filter", "0 packets dropped by kernel")));
        assertEquals(-1, PacketCapture.droppedByTcpdump(List.of("tcpdump: listening on any")));
        assertEquals(5, PacketCapture.droppedByDumpcap(List.of("Packets captured: 10",
                "Packets received/dropped on interface 'p0': 7/2 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)",
                "Packets received/dropped on interface 'p1': 3/3 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (50.0%)")));
        assertEquals(-1, PacketCapture.droppedByDumpcap(List.of("Capturing on 'p0'")));
    }
}
