package org.mptcpinspect.dissector.analysis.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.LabCaptures;
import org.mptcpinspect.dissector.analysis.mptcp.ConnectionReport;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpExchange;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpPacketAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.Flow;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * A capture that starts while connections run, and then sees new ones (the kernel's
 * many-connections capture, cut after its first SYNs): the connections begun before the capture
 * are not counted (their hosts are unknown) and said so, and every connection that starts inside
 * it counts exactly what it counts in the whole capture (CounterTrackerTruthTest holds those to
 * nstat's).
 */
class MidCaptureCountersTest {

    /** The trackers after a walk, and the tracker's reports. */
    private record Walk(CounterTracker counters, List<ConnectionReport> reports) {
    }

    private static Walk walk(List<RawFrame> frames) {
        MptcpTracker tracker = new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD);
        TcpConversations conversations = new TcpConversations();
        CounterTracker counters = new CounterTracker(tracker);
        for (RawFrame f : frames) {
            DecodedPacket p = PacketDecoder.decode(f);
            if (p.tcp() == null) {
                continue;
            }
            TcpSegment segment = conversations.track(p);
            counters.accept(p, segment, tracker.analyze(p, segment));
        }
        List<ConnectionReport> reports = tracker.finish(); // first: subflows still waiting link now
        counters.finish();
        return new Walk(counters, reports);
    }

    @Test
    void connectionsStartingInsideAMidConnectionCaptureCountAsInTheWholeOne() throws Exception {
        List<RawFrame> frames = LabCaptures.frames("many-connections.pcap");
        Walk whole = walk(frames);
        Walk cut = walk(frames.subList(9, frames.size())); // after the first three connections' SYNs
        long partial = cut.reports().stream().filter(ConnectionReport::partial).count();
        long started = cut.reports().size() - partial;
        assertTrue(partial > 0 && started > 5, partial + " partial, " + started + " started in the cut");
        assertEquals(partial, cut.counters().partialConnections(-1));
        assertEquals(0, whole.counters().partialConnections(-1));
        int compared = 0;
        for (ConnectionReport c : cut.reports()) {
            if (c.partial()) {
                continue;
            }
            ConnectionReport same = whole.reports().stream()
                    .filter(w -> w.initialFlow().equals(c.initialFlow())).findFirst().orElse(null);
            assertNotNull(same, c.initialFlow().toString());
            for (HostAddress host : List.of(HostAddress.source(c.initialFlow()),
                    HostAddress.destination(c.initialFlow()))) {
                CounterValues ours = cut.counters().counters(List.of(host), c.index());
                CounterValues all = whole.counters().counters(List.of(host), same.index());
                for (MptcpCounter counter : MptcpCounter.values()) {
                    assertEquals(all.get(counter), ours.get(counter),
                            counter + " of connection " + c.initialFlow() + " at " + host);
                    compared += all.get(counter) > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(compared > 50, "non-zero counters compared: " + compared);
    }

    /**
     * A join whose MP_JOIN SYN and SYN/ACK were missed is linked to its connection by its DSN (its
     * third ACK and the listener's answer wait for it, then count): the listener counts the third
     * ACK it accepted (MPJoinAckRx), nothing counts the SYN or SYN/ACK, and a join opened after it
     * counts as if it were not in the capture at all (the counters keep the tracker's subflow
     * numbers). Seen only from the listener's answer on, it counts nothing.
     */
    @Test
    void aSubflowLinkedByItsDsnCountsWhatItsPacketsShowAndShiftsNoOtherJoin() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        Flow first = x.join(0, 0); // frames 4-7: SYN, SYN/ACK, third ACK, the listener's ACK
        x.clientData(first, 77000, 0, MptcpScript.bytes(500, 1)); // frame 8: links it when its SYN is missed
        Flow second = x.join(0xcb007101, 40002, 99000, 3, 0, 0); // 203.0.113.1, frames 9-12
        x.clientData(second, 99000, 500, MptcpScript.bytes(700, 2));
        List<RawFrame> frames = x.s.frames;
        Walk full = walk(frames);
        Walk fromThirdAck = walk(without(frames, 4, 5));
        Walk fromAnswer = walk(without(frames, 4, 5, 6));
        Walk absent = walk(without(frames, 4, 5, 6, 7, 8));
        assertEquals(3, fromThirdAck.reports().getFirst().subflows().size());
        assertEquals(3, fromAnswer.reports().getFirst().subflows().size());
        assertEquals(2, absent.reports().getFirst().subflows().size());
        assertEquals(1, fromThirdAck.counters().partialSubflows(-1));
        assertEquals(0, fromThirdAck.counters().partialConnections(-1));
        int compared = 0;
        for (String host : List.of("192.0.2.1", "198.51.100.1", "203.0.113.1", "192.0.2.2")) {
            List<HostAddress> h = List.of(HostAddress.parse(host));
            CounterValues linked = fromThirdAck.counters().counters(h, 0);
            CounterValues answer = fromAnswer.counters().counters(h, 0);
            CounterValues without = absent.counters().counters(h, 0);
            for (MptcpCounter counter : MptcpCounter.values()) {
                long accepted = counter == MptcpCounter.MP_JOIN_ACK_RX && host.equals("192.0.2.2") ? 1 : 0;
                assertEquals(without.get(counter) + accepted, linked.get(counter), counter + " at " + host);
                assertEquals(without.get(counter), answer.get(counter), counter + " at " + host);
                compared += linked.get(counter) > 0 ? 1 : 0;
            }
            // The connection's start was captured: every counter stays determined for the host the
            // address belongs to (its other subflows count what the linked one does not).
            assertEquals(absent.counters().host(h, 0).determined(), fromThirdAck.counters().host(h, 0).determined());
            assertEquals(full.counters().host(h, 0).addresses(), fromThirdAck.counters().host(h, 0).addresses());
        }
        assertTrue(compared > 5, "non-zero counters compared: " + compared);
    }

    /**
     * The packets a linked subflow held reach the counter during the tracker's analysis of the
     * packet that links it, which live runs outside the lock its reports take: they are counted at
     * the counter's next accept (before that packet), not then.
     */
    @Test
    void heldPacketsCountAtTheNextAcceptNotDuringTheTrackersAnalysis() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        Flow first = x.join(0, 0);
        x.clientData(first, 77000, 0, MptcpScript.bytes(500, 1)); // frame 8 links the join
        MptcpTracker tracker = new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD);
        TcpConversations conversations = new TcpConversations();
        CounterTracker counters = new CounterTracker(tracker);
        List<HostAddress> listener = List.of(HostAddress.parse("192.0.2.2"));
        for (RawFrame f : without(x.s.frames, 4, 5)) {
            DecodedPacket p = PacketDecoder.decode(f);
            TcpSegment segment = conversations.track(p);
            MptcpPacketAnalysis analysis = tracker.analyze(p, segment);
            long before = counters.counters(listener, -1).get(MptcpCounter.MP_JOIN_ACK_RX);
            counters.accept(p, segment, analysis);
            long after = counters.counters(listener, -1).get(MptcpCounter.MP_JOIN_ACK_RX);
            assertEquals(f.number() == 8 ? 1 : 0, after - before, "frame " + f.number());
            assertEquals(f.number() >= 8 ? 1 : 0, after, "frame " + f.number());
        }
    }

    private static List<RawFrame> without(List<RawFrame> frames, long... numbers) {
        List<Long> left = java.util.Arrays.stream(numbers).boxed().toList();
        return frames.stream().filter(f -> !left.contains(f.number())).toList();
    }
}
