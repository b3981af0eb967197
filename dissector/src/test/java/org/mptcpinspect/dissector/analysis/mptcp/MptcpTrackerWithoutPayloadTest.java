package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.LabCaptures;
import org.mptcpinspect.dissector.analysis.tcp.TcpConversations;
import org.mptcpinspect.dissector.analysis.tcp.TcpSegment;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * {@link MptcpTracker#withoutPayload()}, what summary lines run for TCP's duplicate-ACK rule:
 * on the 28 kernel captures, whole and cut a third of the way in (subflows then wait and link by
 * their DSNs), every packet belongs to the same connection and subflow, with the same fallback,
 * mapping and DATA_ACK, and sees the same count of address signals as with a full tracker.
 */
class MptcpTrackerWithoutPayloadTest {

    @Test
    void connectionsSubflowsAndSignalsAreThoseOfAFullTracker() throws IOException, CaptureException {
        List<String> captures = LabCaptures.names();
        assertEquals(28, captures.size());
        long signalled = 0;
        long reinjections = 0;
        for (String capture : captures) {
            List<RawFrame> frames = LabCaptures.frames(capture);
            for (int from : new int[] {0, frames.size() / 3}) {
                String name = capture + " from frame " + (from + 1);
                MptcpTracker full = new MptcpTracker((connection, clientToServer) -> DataStreamSink.DISCARD);
                MptcpTracker cheap = MptcpTracker.withoutPayload();
                TcpConversations conversations = new TcpConversations();
                for (RawFrame f : frames.subList(from, frames.size())) {
                    DecodedPacket p = PacketDecoder.decode(f);
                    TcpSegment segment = conversations.track(p);
                    MptcpPacketAnalysis a = full.analyze(p, segment);
                    MptcpPacketAnalysis b = cheap.analyze(p, segment);
                    reinjections += a.reinjectionOf().size();
                    assertEquals(withoutPayloadItems(a), withoutPayloadItems(b), name + ", frame " + f.number());
                    if (segment != null) {
                        long signals = full.addressSignals(segment.stream());
                        assertEquals(signals, cheap.addressSignals(segment.stream()), name + ", frame " + f.number());
                        signalled += signals > 0 ? 1 : 0;
                    }
                }
                full.finish();
                cheap.finish();
                assertEquals(full.connectionCount(), cheap.connectionCount(), name);
                for (int c = 0; c < full.connectionCount(); c++) {
                    assertArrayEquals(full.subflowStreams(c), cheap.subflowStreams(c), name + ", connection " + c);
                }
            }
        }
        assertTrue(signalled > 100, signalled + " packets after an address signal");
        assertTrue(reinjections > 0, "no reinjection in the captures: the payload went nowhere either way");
    }

    /** The analysis but for what only placing the payload finds (its problems and reinjections). */
    private static MptcpPacketAnalysis withoutPayloadItems(MptcpPacketAnalysis a) {
        return new MptcpPacketAnalysis(a.connection(), a.subflow(), a.tcpStream(), a.initialSubflow(), a.fromClient(),
                a.senderIdsn(), a.mapped(), a.dsn(), a.mappingDsn(), a.mappingSsn(), a.mappingLength(),
                a.mappingFrame(), a.hasDataAck(), a.dataAck(), List.of(), 0, a.fallback());
    }
}
