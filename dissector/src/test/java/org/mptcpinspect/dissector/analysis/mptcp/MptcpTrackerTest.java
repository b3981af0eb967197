package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.ACK;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT2;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.SERVER;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.SYN;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.LabCaptures;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.Flow;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.CaptureReader;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.dissector.decode.PacketDecoder;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.Dss;

/** The tracker on hand-built exchanges the kernel never sends, and on a snaplen-cut real capture. */
class MptcpTrackerTest {
    private static final long KEY_C = MptcpExchange.KEY_C;
    private static final long KEY_S = MptcpExchange.KEY_S;
    private static final long R_A = MptcpExchange.R_A;

    private static Result run(MptcpExchange x) {
        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        List<MptcpPacketAnalysis> packets = new ArrayList<>();
        for (RawFrame f : x.s.frames) {
            packets.add(analysis.add(f));
        }
        return new Result(packets, tracker);
    }

    private record Result(List<MptcpPacketAnalysis> packets, MptcpTracker tracker) {
        MptcpPacketAnalysis frame(RawFrame f) {
            return packets.get((int) f.number() - 1);
        }

        ConnectionReport connection() {
            return tracker.finish().getFirst();
        }
    }

    @Test
    void version0KeysUseSha1AndFourOctetDsnsAreWidened() throws Exception {
        MptcpExchange x = new MptcpExchange(0, 0x01);
        byte[] a = MptcpScript.bytes(1000, 1);
        byte[] b = MptcpScript.bytes(700, 2);
        x.clientData(x.c, 1000, 0, a);
        RawFrame second = x.s.send(x.c, ACK, MptcpScript.dss32(x.clientIdsn + 1 + 1000, x.c.seq - 1000, b.length), b);
        Result r = run(x);
        ConnectionReport c = r.connection();
        assertEquals(0, c.version());
        assertEquals(x.clientToken, c.clientToken());
        assertEquals(x.serverToken, c.serverToken());
        assertEquals(x.clientIdsn, c.clientIdsn());
        assertEquals(x.clientIdsn + 1 + 1000, r.frame(second).dsn());
        assertEquals(1001, r.frame(second).relativeDsn());
        assertTrue(c.c2s().complete());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(a, b)), c.c2s().sha256());
    }

    @Test
    void joinLinkedByTokenAndHmacsChecked() throws Exception {
        MptcpExchange good = new MptcpExchange(1, 0x01);
        Flow j = good.join(0, 0);
        RawFrame data = good.clientData(j, 77000, 0, MptcpScript.bytes(10, 3));
        Result r = run(good);
        MptcpPacketAnalysis onJoin = r.frame(data);
        assertEquals(0, onJoin.connection());
        assertEquals(1, onJoin.subflow());
        assertFalse(onJoin.initialSubflow());
        for (MptcpPacketAnalysis p : r.packets()) {
            assertFalse(p.has(MptcpProblem.BAD_JOIN_HMAC), p.toString());
        }
        SubflowReport sf = r.connection().subflows().get(1);
        assertTrue(sf.join() && sf.established());
        assertEquals(2, sf.initiatorAddressId());

        MptcpExchange bad = new MptcpExchange(1, 0x01);
        bad.join(1, 1);
        Result rb = run(bad);
        assertTrue(rb.packets().get(4).has(MptcpProblem.BAD_JOIN_HMAC), "SYN/ACK truncated HMAC");
        assertTrue(rb.packets().get(5).has(MptcpProblem.BAD_JOIN_HMAC), "ACK HMAC");
    }

    /** Feeds the exchange's frames from {@code first} (1-based) on, as a capture started late. */
    private static Result runFrom(MptcpExchange x, int first) {
        return runFrom(x, first, x.s.frames.size());
    }

    /** Frames {@code first} to {@code last} (1-based, inclusive). */
    private static Result runFrom(MptcpExchange x, int first, int last) {
        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        List<MptcpPacketAnalysis> packets = new ArrayList<>();
        for (RawFrame f : x.s.frames) {
            packets.add(f.number() < first || f.number() > last ? MptcpPacketAnalysis.NONE : analysis.add(f));
        }
        return new Result(packets, tracker);
    }

    @Test
    void captureFromTheThirdAckKnowsKeysAndClient() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        byte[] a = MptcpScript.bytes(1200, 4);
        RawFrame data = x.clientData(x.c, 1000, 0, a);
        Result r = runFrom(x, 3); // SYN and SYN/ACK not captured
        ConnectionReport c = r.connection();
        assertTrue(c.partial());
        assertFalse(c.clientGuessed(), "the MP_CAPABLE third ACK names its sender the client");
        assertEquals(x.clientToken, c.clientToken());
        assertEquals(x.serverToken, c.serverToken());
        assertEquals(1, c.version());
        // The third ACK is at relative sequence 1, so the DSS's subflow sequence numbers place data.
        assertEquals(1, r.frame(data).relativeDsn());
        assertTrue(c.c2s().complete());
        assertEquals(x.clientIdsn + 1, c.c2s().firstDsn());
        assertEquals(MptcpScript.sha256(a), c.c2s().sha256());
        assertEquals("192.0.2.1:40000", c.initialFlow().sourceEndpoint());
        // RFC 8684 section 3.2: the MP_CAPABLE subflow is the initial one, address ID 0 both ends.
        assertInitial(c.subflows().getFirst());
        assertTrue(r.frame(data).initialSubflow());
    }

    private static void assertInitial(SubflowReport s) {
        assertTrue(s.initial() && !s.join() && s.partial() && s.initiatedByClient(), s.toString());
        assertEquals(0, s.initiatorAddressId());
        assertEquals(0, s.responderAddressId());
    }

    /**
     * A capture starting at the MP_CAPABLE SYN/ACK (RFC 8684 section 3.1): its receiver is the
     * client, both ISNs are known, the SYN/ACK gives the server's key and the third ACK the
     * client's, so the connection is followed as in a full capture (a join linked by its token),
     * and a third ACK echoing another key than the SYN/ACK's is flagged.
     */
    @Test
    void captureFromTheSynAckOpensTheConnection() throws Exception {
        for (int version : new int[] {0, 1}) {
            MptcpExchange x = new MptcpExchange(version, 0x01);
            byte[] a = MptcpScript.bytes(1200, 4);
            byte[] b = MptcpScript.bytes(900, 5);
            RawFrame data = x.clientData(x.c, 1000, 0, a);
            Flow j = x.join(0, 0);
            RawFrame joined = x.clientData(j, 77000, a.length, b);
            Result r = runFrom(x, 2); // the SYN not captured
            ConnectionReport c = r.connection();
            assertEquals(1, r.tracker().finish().size(), "the join is linked by the token");
            assertTrue(c.partial());
            assertFalse(c.clientGuessed());
            assertEquals(version, c.version());
            assertEquals(x.clientToken, c.clientToken());
            assertEquals(x.serverToken, c.serverToken());
            assertEquals(x.serverIdsn, c.serverIdsn());
            assertEquals("192.0.2.1:40000", c.initialFlow().sourceEndpoint(), "the SYN/ACK's receiver");
            assertInitial(c.subflows().getFirst());
            assertEquals(1, c.subflows().getFirst().packetsFromResponder(), "the SYN/ACK is counted");
            MptcpPacketAnalysis synAck = r.frame(x.s.frames.get(1));
            assertTrue(synAck.isMptcp() && synAck.initialSubflow() && !synAck.fromClient());
            assertTrue(r.tracker().synCaptured(0, 0, false));
            assertFalse(r.tracker().synCaptured(0, 0, true));
            assertEquals(1, r.frame(data).relativeDsn());
            assertEquals(1 + a.length, r.frame(joined).relativeDsn());
            SubflowReport join = c.subflows().get(1);
            assertTrue(join.join() && !join.initial() && !join.partial() && join.established());
            assertTrue(c.c2s().complete());
            assertEquals(x.clientIdsn + 1, c.c2s().firstDsn());
            assertEquals(MptcpScript.sha256(MptcpScript.concat(a, b)), c.c2s().sha256());
            for (MptcpPacketAnalysis p : r.packets()) {
                assertFalse(p.has(MptcpProblem.KEY_ECHO_MISMATCH) || p.has(MptcpProblem.BAD_JOIN_HMAC), p.toString());
            }
        }
        MptcpExchange echo = new MptcpExchange(1, 0x01, KEY_S ^ 1);
        assertTrue(runFrom(echo, 2).frame(echo.s.frames.get(2)).has(MptcpProblem.KEY_ECHO_MISMATCH));

        // A SYN/ACK with MP_CAPABLE answering a captured plain SYN opens nothing (RFC 8684 section 3.1).
        MptcpScript plain = new MptcpScript();
        Flow c = new Flow(CLIENT, 40000, SERVER, 80, 1000);
        Flow srv = new Flow(SERVER, 80, CLIENT, 40000, 9000);
        plain.send(c, SYN, new byte[0], new byte[0]);
        srv.ack = c.seq;
        plain.send(srv, SYN | ACK, MptcpScript.capableSynAck(1, 0x01, KEY_S), new byte[0]);
        MptcpTracker tracker = new MptcpTracker();
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        for (RawFrame f : plain.frames) {
            assertFalse(analysis.add(f).isMptcp());
        }
        assertEquals(0, tracker.connectionCount());
    }

    /**
     * The SYN's A flag is not captured from the SYN/ACK or third ACK on; the third ACK carries the
     * negotiated one (RFC 8684 section 3.1), so the DSS checksums are still verified.
     */
    @Test
    void checksumsNegotiatedAreKnownFromTheThirdAck() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x81);
        RawFrame good = x.checksummedClientData(0, MptcpScript.bytes(1001, 4), 0);
        RawFrame bad = x.checksummedClientData(1001, MptcpScript.bytes(500, 5), 0x0100);
        for (int first : new int[] {2, 3}) {
            Result r = runFrom(x, first);
            assertTrue(r.connection().checksums(), "from frame " + first);
            assertFalse(r.frame(good).has(MptcpProblem.BAD_DSS_CHECKSUM));
            assertTrue(r.frame(bad).has(MptcpProblem.BAD_DSS_CHECKSUM), "from frame " + first);
        }
        assertFalse(runFrom(new MptcpExchange(1, 0x01), 3).connection().checksums());
    }

    @Test
    void captureFromMidMappingFindsTheIsnAndPlacesTheWaitingPayload() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        byte[] all = MptcpScript.bytes(4000, 5);
        long dsn = x.clientIdsn + 1;
        // One 3000-byte mapping (4-octet DSN) repeated on each of its three segments, as with
        // segmentation offload, then a 1000-byte one.
        for (int i = 0; i < 3; i++) {
            x.s.send(x.c, ACK, MptcpScript.dss32(dsn, 1, 3000), Arrays.copyOfRange(all, i * 1000, i * 1000 + 1000));
        }
        // The DATA_FIN alone, sent (or captured) before the last mapping pins the ISN.
        x.s.send(x.c, ACK, MptcpScript.dataFin32(dsn + 4000), new byte[0]);
        RawFrame last = x.s.send(x.c, ACK, MptcpScript.dss32(dsn + 3000, 3001, 1000),
                Arrays.copyOfRange(all, 3000, 4000));
        Result r = runFrom(x, 5); // from the mapping's second segment on
        ConnectionReport c = r.connection();
        assertTrue(c.partial() && c.clientGuessed());
        assertNull(c.clientToken());
        assertNull(c.serverKey());
        assertEquals(-1, c.version());
        assertEquals("192.0.2.1:40000", c.initialFlow().sourceEndpoint(), "the higher port is the client");
        assertFalse(r.frame(x.s.frames.get(4)).mapped(), "the ISN is not known yet");
        assertTrue(r.frame(last).mapped());
        // Without an IDSN the 4-octet DSN is widened against the first one seen (upper half 0).
        assertEquals((dsn + 3000) & 0xffff_ffffL, r.frame(last).dsn());
        assertEquals((dsn + 1000) & 0xffff_ffffL, c.c2s().firstDsn());
        assertTrue(c.c2s().complete() && c.c2s().dataFin(), c.c2s().toString());
        assertEquals(3000, c.c2s().bytes());
        assertEquals(0, c.c2s().beforeStartBytes());
        assertEquals(0, c.c2s().unplacedBytes());
        assertEquals(MptcpScript.sha256(Arrays.copyOfRange(all, 1000, 4000)), c.c2s().sha256());
        assertEquals(0, c.s2c().bytes());

        // Cut before the mapping that pins the ISN: the waiting payload is counted, not placed.
        ConnectionReport early = runFrom(x, 5, 7).connection();
        assertEquals(0, early.c2s().bytes());
        assertEquals(2000, early.c2s().unplacedBytes());
        assertTrue(early.c2s().dataFin());
    }

    @Test
    void joinWithUnknownTokenIsFlagged() throws Exception {
        MptcpScript s = new MptcpScript();
        s.send(new Flow(CLIENT2, 40001, SERVER, 80, 1), SYN, MptcpScript.joinSyn(0xdeadbeefL, R_A, 2, false),
                new byte[0]);
        MptcpCaptureAnalysis a = new MptcpCaptureAnalysis(new MptcpTracker());
        MptcpPacketAnalysis p = a.add(s.frames.getFirst());
        assertTrue(p.has(MptcpProblem.UNKNOWN_TOKEN));
        assertFalse(p.isMptcp());
    }

    @Test
    void addAddrHmacChecked() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        int address = 0xc6336402;
        byte[] message = ByteBuffer.allocate(7).put((byte) 5).putInt(address).putShort((short) 0).array();
        byte[] mac = MptcpScript.hmac(1, KEY_S, KEY_C, message);
        long truncated = ByteBuffer.wrap(mac).getLong(mac.length - 8);
        RawFrame good = x.s.send(x.srv, ACK, MptcpScript.addAddr(5, address, truncated), new byte[0]);
        RawFrame bad = x.s.send(x.srv, ACK, MptcpScript.addAddr(5, address, truncated ^ 1), new byte[0]);
        Result r = run(x);
        assertFalse(r.frame(good).has(MptcpProblem.BAD_ADD_ADDR_HMAC));
        assertTrue(r.frame(bad).has(MptcpProblem.BAD_ADD_ADDR_HMAC));
        assertTrue(r.connection().events().stream().anyMatch(e -> e.type() == ConnectionEvent.Type.ADD_ADDR
                && e.value() == 5 && e.detail().contains("198.51.100.2")));
    }

    @Test
    void dssChecksumChecked() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x81);
        RawFrame good = x.checksummedClientData(0, MptcpScript.bytes(1001, 4), 0);
        RawFrame bad = x.checksummedClientData(1001, MptcpScript.bytes(500, 5), 0x0100);
        Result r = run(x);
        assertTrue(r.connection().checksums());
        assertFalse(r.frame(good).has(MptcpProblem.BAD_DSS_CHECKSUM));
        assertTrue(r.frame(bad).has(MptcpProblem.BAD_DSS_CHECKSUM));
    }

    /**
     * A DATA_FIN alone (no data, subflow sequence number 0, data-level length 1) has a checksum
     * over the pseudo-header alone (RFC 8684 section 3.3.1). The kernel's, in the real checksum
     * capture, verify; the same frames with their checksum altered are flagged, and no other frame.
     */
    @Test
    void bareDataFinChecksumChecked() throws Exception {
        List<RawFrame> frames = LabCaptures.frames("checksum.pcap");
        List<RawFrame> altered = new ArrayList<>();
        List<Long> bareFins = new ArrayList<>();
        for (RawFrame f : frames) {
            TcpHeader tcp = PacketDecoder.decode(f).tcp();
            RawFrame copy = f;
            for (TcpOption o : tcp == null ? List.<TcpOption>of() : tcp.options()) {
                if (o instanceof TcpOption.Mptcp m && m.option() instanceof Dss dss && dss.dataFin()
                        && dss.hasChecksum() && dss.dataLevelLength() == 1 && dss.subflowSequenceNumber() == 0
                        && tcp.payloadLength() == 0) {
                    byte[] data = f.data().clone();
                    data[m.offset() + m.length() - 1] ^= 0x01; // the checksum ends the option
                    copy = new RawFrame(f.number(), f.timestampNanos(), f.interfaceId(), f.linkType(),
                            f.originalLength(), data);
                    bareFins.add(f.number());
                }
            }
            altered.add(copy);
        }
        assertTrue(bareFins.size() >= 2, "bare DATA_FINs in the capture: " + bareFins);
        for (boolean alter : new boolean[] {false, true}) {
            MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(new MptcpTracker());
            for (RawFrame f : alter ? altered : frames) {
                boolean flagged = analysis.add(f).has(MptcpProblem.BAD_DSS_CHECKSUM);
                assertEquals(alter && bareFins.contains(f.number()), flagged, "frame " + f.number());
            }
        }
    }

    @Test
    void infiniteMappingFallsBackToTcpSequenceNumbers() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        byte[] a = MptcpScript.bytes(500, 6);
        byte[] b = MptcpScript.bytes(500, 7);
        byte[] c = MptcpScript.bytes(500, 8);
        x.clientData(x.c, 1000, 0, a);
        RawFrame infinite = x.s.send(x.c, ACK, MptcpScript.dss(x.serverIdsn + 1, x.clientIdsn + 1 + 500, 0, 0, false,
                -1), b);
        RawFrame plain = x.s.send(x.c, ACK, new byte[0], c);
        Result r = run(x);
        assertTrue(r.frame(infinite).has(MptcpProblem.INFINITE_MAPPING));
        assertTrue(r.frame(plain).mapped());
        assertEquals(x.clientIdsn + 1 + 1000, r.frame(plain).dsn());
        ConnectionReport conn = r.connection();
        assertTrue(conn.fallback());
        assertEquals("infinite mapping", conn.fallbackReason());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(a, b, c)), conn.c2s().sha256());
    }

    @Test
    void mpFailIsAnEventAndAFallback() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x81);
        RawFrame fail = x.s.send(x.srv, ACK, MptcpScript.mpFail(x.clientIdsn + 1), new byte[0]);
        Result r = run(x);
        assertTrue(r.frame(fail).has(MptcpProblem.MP_FAIL));
        ConnectionReport c = r.connection();
        assertTrue(c.fallback());
        assertTrue(c.events().stream().anyMatch(e -> e.type() == ConnectionEvent.Type.MP_FAIL
                && e.frame() == fail.number() && !e.fromClient()));
    }

    @Test
    void reinjectionOnAnotherSubflowWithDifferentBytes() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        Flow j = x.join(0, 0);
        byte[] original = MptcpScript.bytes(800, 9);
        byte[] other = MptcpScript.bytes(800, 10);
        RawFrame first = x.clientData(x.c, 1000, 0, original);
        RawFrame same = x.clientData(j, 77000, 0, original);
        RawFrame differs = x.clientData(j, 77000, 0, other);
        Result r = run(x);
        MptcpPacketAnalysis p = r.frame(same);
        assertTrue(p.has(MptcpProblem.REINJECTION));
        assertFalse(p.has(MptcpProblem.DIFFERENT_OVERLAP));
        assertEquals(List.of(first.number()), p.reinjectionOf());
        MptcpPacketAnalysis q = r.frame(differs);
        assertTrue(q.has(MptcpProblem.DIFFERENT_OVERLAP));
        assertTrue(q.has(MptcpProblem.DUPLICATE_DATA));
        StreamReport c2s = r.connection().c2s();
        assertEquals(MptcpScript.sha256(original), c2s.sha256(), "the first copy is the stream");
        assertEquals(1, c2s.differentOverlaps());
        assertEquals(1600, c2s.reinjectedBytes());
    }

    @Test
    void gapIsReportedMissingAndOutOfOrderIsReordered() throws Exception {
        byte[] a = MptcpScript.bytes(1000, 11);
        byte[] b = MptcpScript.bytes(1000, 12);
        byte[] c = MptcpScript.bytes(1000, 13);

        MptcpExchange gap = new MptcpExchange(1, 0x01);
        gap.clientData(gap.c, 1000, 0, a);
        gap.c.seq += b.length; // lost before the capture point
        gap.clientData(gap.c, 1000, 2000, c);
        StreamReport s = run(gap).connection().c2s();
        assertFalse(s.complete());
        assertNull(s.sha256());
        assertEquals(List.of(new DsnRange(1000, 2000)), s.missing());
        assertEquals(2000, s.bytes());

        MptcpExchange reordered = new MptcpExchange(1, 0x01);
        Flow f = reordered.c;
        long start = f.seq;
        f.seq = start + 2000;
        reordered.clientData(f, 1000, 2000, c);
        f.seq = start + 1000;
        reordered.clientData(f, 1000, 1000, b);
        f.seq = start;
        reordered.clientData(f, 1000, 0, a);
        StreamReport t = run(reordered).connection().c2s();
        assertTrue(t.complete());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(a, b, c)), t.sha256());
    }

    @Test
    void snaplenCutCaptureReportsMissingBytesNotAWrongDigest(@TempDir Path dir) throws Exception {
        Path source = LabCaptures.directory().resolve("join-subflow.pcap");
        Path cut = dir.resolve("cut.pcap");
        int linkType;
        try (CaptureReader in = CaptureFiles.open(source)) {
            RawFrame f = in.next();
            linkType = f.linkType();
            try (PcapWriter out = PcapWriter.create(cut, linkType, TimestampResolution.MICROSECONDS)) {
                for (; f != null; f = in.next()) {
                    byte[] data = f.data().length > 100 ? Arrays.copyOf(f.data(), 100) : f.data();
                    out.write(f.timestampNanos(), f.originalLength(), data);
                }
            }
        }
        List<ConnectionReport> full;
        try (CaptureReader in = CaptureFiles.open(source)) {
            full = new MptcpCaptureAnalysis(new MptcpTracker()).run(in, n -> { });
        }
        List<ConnectionReport> reports;
        try (CaptureReader in = CaptureFiles.open(cut)) {
            reports = new MptcpCaptureAnalysis(new MptcpTracker()).run(in, n -> { });
        }
        assertEquals(1, reports.size());
        ConnectionReport c = reports.getFirst();
        assertEquals(full.getFirst().clientToken(), c.clientToken(), "keys fit in 100 bytes");
        assertEquals(2, c.subflows().size());
        for (StreamReport s : List.of(c.c2s(), c.s2c())) {
            assertFalse(s.complete());
            assertNull(s.sha256());
            assertTrue(s.notCapturedBytes() > 0);
            assertFalse(s.missing().isEmpty());
            assertTrue(s.missingBytes() >= s.notCapturedBytes() - s.duplicateBytes());
            assertTrue(s.bytes() + s.missingBytes() == 98304, "captured + missing = the whole stream: " + s);
        }
    }
}
