package org.mptcpinspect.dissector.analysis.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.LabCaptures;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * Wireshark's per-conversation TCP view. Each expectation was read from tshark 4.0 on the same
 * segments (raw IPv4 frames between 192.0.2.1:1 and 192.0.2.2:2).
 */
class TcpConversationsTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;

    private final TcpConversations conversations = new TcpConversations();
    private long time = 1_700_000_000_000_000_000L;
    private long number;

    /** A segment from A (192.0.2.1:1) to B (192.0.2.2:2), or back when {@code fromB}. */
    private TcpSegment segment(boolean fromB, long seq, long ack, int flags, int payload, byte[] options) {
        int optionsLength = (options.length + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(20 + 20 + optionsLength + payload);
        b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putInt(0x00014000)
                .put((byte) 64).put((byte) 6).putShort((short) 0);
        int a = 0xc0000201;
        int z = 0xc0000202;
        b.putInt(fromB ? z : a).putInt(fromB ? a : z);
        b.putShort((short) (fromB ? 2 : 1)).putShort((short) (fromB ? 1 : 2)).putInt((int) seq).putInt((int) ack);
        b.put((byte) (((20 + optionsLength) / 4) << 4)).put((byte) flags).putShort((short) 1000).putInt(0);
        b.put(options);
        time += 1_000_000;
        RawFrame frame = new RawFrame(++number, time, 0, LinkType.RAW, b.capacity(), b.array());
        return conversations.track(PacketDecoder.decode(frame));
    }

    private TcpSegment segment(boolean fromB, long seq, long ack, int flags, int payload) {
        return segment(fromB, seq, ack, flags, payload, new byte[0]);
    }

    @Test
    void relativeNumbersAndCompletenessOfAFullConversation() {
        List<TcpSegment> s = new ArrayList<>();
        s.add(segment(false, 100, 0, SYN, 0));
        s.add(segment(true, 900, 101, SYN | ACK, 0));
        s.add(segment(false, 101, 901, ACK, 0));
        s.add(segment(false, 101, 901, PSH | ACK, 1));
        s.add(segment(true, 901, 102, ACK, 0));
        s.add(segment(false, 102, 901, FIN | ACK, 0));
        s.add(segment(true, 901, 103, FIN | ACK, 0));
        s.add(segment(false, 103, 902, ACK, 0));
        // tshark: tcp.completeness 0 1 3 7 15 15 31 31 (the value before the segment counts)
        int[] completeness = {0, 1, 3, 7, 15, 15, 31, 31};
        long[] seq = {0, 0, 1, 1, 1, 2, 1, 3};
        long[] ack = {0, 1, 1, 1, 2, 1, 3, 2};
        long[] next = {1, 1, 1, 2, 1, 3, 2, 3};
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, s.get(i).stream());
            assertEquals(completeness[i], s.get(i).completeness(), "completeness of segment " + i);
            assertEquals(seq[i], s.get(i).relativeSeq(), "seq of segment " + i);
            assertEquals(ack[i], s.get(i).relativeAck(), "ack of segment " + i);
            assertEquals(next[i], s.get(i).nextSeq(), "nxtseq of segment " + i);
        }
        assertEquals(TcpSegment.CLOSING_ACTIVE, s.get(5).closing());
        assertEquals(TcpSegment.CLOSING_PASSIVE, s.get(6).closing());
        assertEquals(0, s.get(7).closing());
        assertEquals("Complete, NO_DATA (23)", TcpSegment.completenessLabel(23));
        assertEquals("Incomplete, DATA (15)", TcpSegment.completenessLabel(15));
    }

    @Test
    void dataOnTheHandshakeAckIsDataNotAck() {
        segment(false, 100, 0, SYN, 0);
        segment(true, 900, 101, SYN | ACK, 0);
        segment(false, 101, 901, PSH | ACK, 1);
        assertEquals(11, segment(true, 901, 102, ACK, 0).completeness());
    }

    @Test
    void aConversationSeenMidStreamStartsAtOneAndCountsNothingFirst() {
        TcpSegment first = segment(true, 901, 101, PSH | ACK, 2);
        assertEquals(1, first.relativeSeq());
        assertEquals(1, first.relativeAck());
        TcpSegment second = segment(false, 101, 903, ACK, 0);
        assertEquals(0, second.completeness(), "the first segment of a new conversation only counts as a SYN");
        assertEquals(TcpSegment.SCALE_UNKNOWN, second.windowScale());
        assertEquals(1000, second.windowSize());
        assertEquals(3, second.relativeAck());
        assertEquals(4, segment(false, 101, 903, PSH | ACK, 1).completeness());
    }

    @Test
    void aSynWithANewIsnStartsANewStreamButARetransmittedSynDoesNot() {
        segment(false, 100, 0, SYN, 0);
        assertEquals(0, segment(false, 100, 0, SYN, 0).stream());
        segment(true, 900, 101, SYN | ACK, 0);
        segment(false, 101, 901, ACK, 0);
        TcpSegment reuse = segment(false, 5000, 0, SYN, 0);
        assertEquals(1, reuse.stream());
        assertEquals(1, reuse.completeness(), "tshark shows a reused conversation as SYN_SENT at once");
        assertEquals(0, reuse.relativeSeq());
        assertEquals(2, conversations.streamCount());
    }

    @Test
    void windowScalingNeedsBothSyns() {
        byte[] ws7 = {1, 3, 3, 7};
        TcpSegment syn = segment(false, 100, 0, SYN, 0, ws7);
        assertEquals(TcpSegment.SCALE_NOT_APPLIED, syn.windowScale());
        segment(true, 900, 101, SYN | ACK, 0, ws7);
        TcpSegment ack = segment(false, 101, 901, ACK, 0);
        assertEquals(7, ack.windowScale());
        assertEquals(1000L << 7, ack.windowSize());

        // Another conversation whose SYN/ACK has no window scale option: no scaling either way.
        TcpConversations other = new TcpConversations();
        TcpConversationsTest t = new TcpConversationsTest();
        t.segment(false, 100, 0, SYN, 0, ws7);
        t.segment(true, 900, 101, SYN | ACK, 0);
        TcpSegment unscaled = t.segment(false, 101, 901, ACK, 0);
        assertEquals(TcpSegment.SCALE_NONE, unscaled.windowScale());
        assertEquals(1000, unscaled.windowSize());
        assertEquals(0, other.streamCount());
    }

    @Test
    void retransmissionsAndOutOfOrderSegmentsAreNotDissectedFurther() {
        segment(false, 100, 0, SYN, 0);
        segment(true, 900, 101, SYN | ACK, 0);
        segment(false, 101, 901, ACK, 0);
        TcpSegment data = segment(false, 101, 901, ACK, 100);
        assertTrue(data.payloadDissected());
        time += 400_000_000L;
        TcpSegment again = segment(false, 101, 901, ACK, 100);
        assertEquals(TcpSegment.RETRANSMISSION, again.analysis() & TcpSegment.RETRANSMISSION);
        assertFalse(again.payloadDissected());
        segment(false, 301, 901, ACK, 100);
        TcpSegment late = segment(false, 201, 901, ACK, 100);
        assertEquals(TcpSegment.OUT_OF_ORDER, late.analysis() & TcpSegment.OUT_OF_ORDER);
        assertFalse(late.payloadDissected());
        TcpSegment keepAlive = segment(false, 400, 901, ACK, 1);
        assertEquals(TcpSegment.KEEP_ALIVE, keepAlive.analysis() & TcpSegment.KEEP_ALIVE);
        assertTrue(keepAlive.payloadDissected());
    }

    @Test
    void aResetAnsweringTheSynCountsAsAckAndRst() {
        segment(false, 100, 0, SYN, 0);
        segment(true, 0, 101, RST | ACK, 0);
        // tshark: 1|4|32; the repeated SYN has the same ISN, so it stays in stream 0.
        TcpSegment again = segment(false, 100, 0, SYN, 0);
        assertEquals(37, again.completeness());
        assertEquals(0, again.stream());
    }

    @Test
    void noTcpNoSegment() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put((byte) 0x45).put((byte) 0).putShort((short) 28).putInt(0).put((byte) 64).put((byte) 17);
        RawFrame frame = new RawFrame(1, 0, 0, LinkType.RAW, 28, b.array());
        assertNull(conversations.track(PacketDecoder.decode(frame)));
    }

    /**
     * Without the "[SEQ/ACK analysis]" items (the cheap mode of connections, counters and summary
     * lines) every segment of the 28 kernel captures is what the full analysis makes of it but for
     * those items: flags, duplicate ACK numbers and frames, relative numbers, completeness.
     */
    @Test
    void withoutTheSeqAckItemsEverythingElseIsTheSame() throws IOException, CaptureException {
        int withItems = 0;
        int duplicates = 0;
        for (String capture : LabCaptures.names()) {
            TcpConversations full = new TcpConversations(true);
            TcpConversations cheap = new TcpConversations();
            for (RawFrame f : LabCaptures.frames(capture)) {
                DecodedPacket p = PacketDecoder.decode(f);
                TcpSegment a = full.track(p);
                TcpSegment b = cheap.track(p);
                if (a == null) {
                    assertNull(b);
                    continue;
                }
                assertNull(b.acked(), capture + " frame " + f.number());
                withItems += a.acked() != null ? 1 : 0;
                duplicates += a.duplicateAckFrame() != 0 ? 1 : 0;
                assertEquals(withoutItems(a), b, capture + " frame " + f.number());
            }
        }
        assertTrue(withItems > 1_000, withItems + " segments with SEQ/ACK items");
        assertTrue(duplicates > 0, "no duplicate ACK in the captures: the test would show nothing about them");
    }

    private static TcpSegment withoutItems(TcpSegment s) {
        return new TcpSegment(s.stream(), s.relativeSeq(), s.relativeAck(), s.nextSeq(), s.peerBase(),
                s.peerBaseKnown(), s.completeness(), s.completenessAfter(), s.windowScale(), s.windowSize(),
                s.sinceFirst(), s.sincePrevious(), s.analysis(), s.duplicateAck(), s.duplicateAckFrame(), s.closing(),
                s.initialRtt(), null);
    }
}
