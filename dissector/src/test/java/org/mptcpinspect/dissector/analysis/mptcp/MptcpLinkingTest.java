package org.mptcpinspect.dissector.analysis.mptcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.ACK;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.CLIENT2;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.SERVER;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.Flow;
import org.mptcpinspect.dissector.capture.RawFrame;

/**
 * Subflows first seen after their SYNs, linked to their connection by the data sequence space
 * (RFC 8684 section 3.3) on hand-built exchanges the kernel never sends here: 4-octet DSNs only,
 * concurrent connections, a join whose first captured packets carry no DSN.
 */
class MptcpLinkingTest {
    private static final int SERVER2 = 0xc6336402; // 198.51.100.2

    /** The tracker's result per frame (NONE for frames left out), and its reports. */
    private record Result(List<MptcpPacketAnalysis> packets, List<ConnectionReport> connections) {
        MptcpPacketAnalysis frame(RawFrame f) {
            return packets.get((int) f.number() - 1);
        }
    }

    /** Feeds the frames except those numbered in {@code left}, as a capture that missed them. */
    private static Result run(MptcpScript s, Set<Long> left) {
        return run(s, left, MptcpTracker.MAX_HELD_BYTES);
    }

    private static Result run(MptcpScript s, Set<Long> left, long maxHeldBytes) {
        MptcpTracker tracker = new MptcpTracker(new BackgroundDigests(), maxHeldBytes);
        MptcpCaptureAnalysis analysis = new MptcpCaptureAnalysis(tracker);
        List<MptcpPacketAnalysis> packets = new ArrayList<>();
        for (RawFrame f : s.frames) {
            packets.add(left.contains(f.number()) ? MptcpPacketAnalysis.NONE : analysis.add(f));
        }
        return new Result(packets, tracker.finish());
    }

    /** Data with an 8-octet DATA_ACK and DSN mapping covering exactly this segment. */
    private static RawFrame data(MptcpScript s, Flow f, long isn, long dataAck, long dsn, byte[] payload) {
        return s.send(f, ACK, MptcpScript.dss(dataAck, dsn, f.seq - isn, payload.length, false, -1), payload);
    }

    /** A connection with 600 octets of client data on its initial subflow (frame 4), then a join (frames 5-8). */
    private record WithJoin(MptcpExchange x, byte[] head, Flow join) {
        static WithJoin build() throws Exception {
            MptcpExchange x = new MptcpExchange(1, 0x01);
            byte[] head = MptcpScript.bytes(600, 7);
            x.clientData(x.c, 1000, 0, head);
            return new WithJoin(x, head, x.join(0, 0));
        }
    }

    @Test
    void subflowsWithFourOctetDsnsOnlyStaySeparate() throws Exception {
        // One connection's two subflows, seen mid-connection, mapping with 4-octet DSNs only (as
        // RFC 6824 stacks may): their low 32 bits cannot tell connections apart, so no link.
        MptcpScript s = new MptcpScript();
        Flow a = new Flow(CLIENT, 40000, SERVER, 80, 1000);
        Flow b = new Flow(CLIENT2, 40001, SERVER, 80, 5000);
        long dsn = 0x1234_5678_9abc_0000L;
        byte[] one = MptcpScript.bytes(500, 1);
        byte[] two = MptcpScript.bytes(500, 2);
        s.send(a, ACK, MptcpScript.dss32(dsn, 1, 500), one);
        s.send(b, ACK, MptcpScript.dss32(dsn + 500, 1, 500), two);
        Result r = run(s, Set.of());
        assertEquals(2, r.connections().size());
        for (ConnectionReport c : r.connections()) {
            assertTrue(c.partial() && c.clientGuessed(), c.toString());
            assertEquals(1, c.subflows().size());
            assertEquals(500, c.c2s().bytes());
            assertTrue(c.events().stream().noneMatch(e -> e.type() == ConnectionEvent.Type.LINKED));
        }
        assertEquals(MptcpScript.sha256(one), r.connections().get(0).c2s().sha256());
        assertEquals(MptcpScript.sha256(two), r.connections().get(1).c2s().sha256());
    }

    @Test
    void concurrentConnectionsFarApartInTheDataSequenceSpaceAreNotMerged() throws Exception {
        // Two connections between the same hosts, each with two subflows seen mid-connection,
        // their packets interleaved; their data sequence spaces 2^40 apart (random keys make them
        // ~2^63 apart: any distance beyond 4 GiB must keep them apart).
        MptcpScript s = new MptcpScript();
        long[] c2s = {0x0100_0000_0000_0000L, 0x0100_0100_0000_0000L};
        long[] s2c = {0x7000_0000_0000_0000L, 0x7000_0100_0000_0000L};
        Flow[] first = {new Flow(CLIENT, 40000, SERVER, 80, 1000), new Flow(CLIENT, 40002, SERVER, 80, 3000)};
        // The second subflows: from the client's 1024 to the server's 8080 (a port ADD_ADDR gave),
        // which a guess by port would take the other way round.
        Flow[] second = {new Flow(CLIENT2, 1024, SERVER2, 8080, 5000), new Flow(CLIENT2, 1025, SERVER2, 8080, 7000)};
        Flow[] secondBack = {new Flow(SERVER2, 8080, CLIENT2, 1024, 6000),
            new Flow(SERVER2, 8080, CLIENT2, 1025, 8000)};
        byte[][] part1 = {MptcpScript.bytes(700, 3), MptcpScript.bytes(700, 4)};
        byte[][] part2 = {MptcpScript.bytes(300, 5), MptcpScript.bytes(300, 6)};
        RawFrame[] acks = new RawFrame[2];
        for (int k = 0; k < 2; k++) {
            data(s, first[k], first[k].seq - 1, s2c[k], c2s[k], part1[k]);
        }
        for (int k = 0; k < 2; k++) {
            // The server's DATA_ACK alone first: it acknowledges the client's data, so its sender is the server.
            acks[k] = s.send(secondBack[k], ACK, MptcpScript.dssAck(c2s[k] + 700), new byte[0]);
            data(s, second[k], second[k].seq - 1, s2c[k], c2s[k] + 700, part2[k]);
        }
        Result r = run(s, Set.of());
        assertEquals(2, r.connections().size());
        for (int k = 0; k < 2; k++) {
            ConnectionReport c = r.connections().get(k);
            assertEquals(2, c.subflows().size(), c.toString());
            SubflowReport linked = c.subflows().get(1);
            assertEquals(k, r.frame(acks[k]).connection());
            assertFalse(r.frame(acks[k]).fromClient());
            assertTrue(linked.partial() && !linked.join() && !linked.initial(), linked.toString());
            assertTrue(linked.initiatedByClient(), "the client is assumed to open a subflow");
            assertEquals("198.51.100.1:" + (1024 + k), linked.flow().sourceEndpoint(), "the client end, by the DSN");
            assertEquals(-1, linked.initiatorAddressId());
            assertEquals(-1, linked.responderAddressId());
            assertEquals(1, c.events().stream().filter(e -> e.type() == ConnectionEvent.Type.LINKED).count());
            assertEquals(Long.toUnsignedString(c2s[k]), Long.toUnsignedString(c.c2s().firstDsn()));
            assertTrue(c.c2s().complete(), c.c2s().toString());
            assertEquals(MptcpScript.sha256(MptcpScript.concat(part1[k], part2[k])), c.c2s().sha256());
        }
    }

    @Test
    void aJoinFirstSeenAtItsThirdAckWaitsForA64BitValueThenJoinsItsConnection() throws Exception {
        WithJoin w = WithJoin.build();
        MptcpExchange x = w.x();
        byte[] head = w.head();
        Flow j = w.join(); // frames 5-8: MP_JOIN SYN, SYN/ACK, third ACK, the responder's ACK
        Flow jr = new Flow(SERVER, 80, CLIENT2, 40001, j.ack);
        jr.ack = j.seq;
        // The responder acknowledges with a 4-octet DATA_ACK (it received no 8-octet DSN yet): no link.
        RawFrame ack32 = x.s.send(jr, ACK, new byte[] {30, 8, 0x20, 0x01, 0, 0, 0, 0}, new byte[0]);
        byte[] tail = MptcpScript.bytes(900, 8);
        RawFrame linking = x.clientData(j, 77000, head.length, tail);
        Result r = run(x.s, Set.of(5L, 6L)); // the MP_JOIN SYN and SYN/ACK missed
        List<RawFrame> f = x.s.frames;
        for (RawFrame held : List.of(f.get(6), f.get(7), ack32)) {
            MptcpPacketAnalysis p = r.frame(held);
            assertFalse(p.isMptcp(), "frame " + held.number() + " shows no connection yet");
            assertTrue(p.has(MptcpProblem.UNLINKED_SUBFLOW));
        }
        assertEquals(0, r.frame(linking).connection());
        assertEquals(1, r.frame(linking).subflow());
        assertTrue(r.frame(linking).mapped());
        assertEquals(x.clientIdsn + 1 + head.length, r.frame(linking).dsn());
        assertEquals(1, r.connections().size());
        ConnectionReport c = r.connections().getFirst();
        assertFalse(c.partial());
        assertEquals(x.serverToken, c.serverToken());
        SubflowReport join = c.subflows().get(1);
        assertTrue(join.join() && join.partial() && join.initiatedByClient() && join.established(), join.toString());
        assertEquals("198.51.100.1:40001", join.flow().sourceEndpoint());
        assertEquals(-1, join.initiatorAddressId());
        assertEquals(-1, join.responderAddressId());
        assertEquals(2, join.packetsFromInitiator(), "the third ACK (held) and the linking data");
        assertEquals(2, join.packetsFromResponder(), "both held");
        assertEquals(f.get(6).timestampNanos(), join.firstNanos());
        for (MptcpPacketAnalysis p : r.packets()) {
            assertFalse(p.has(MptcpProblem.BAD_JOIN_HMAC), "no randoms, no HMAC verdict: " + p);
        }
        assertTrue(c.c2s().complete());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(head, tail)), c.c2s().sha256());
        ConnectionEvent linked = c.events().stream().filter(e -> e.type() == ConnectionEvent.Type.LINKED)
                .findFirst().orElseThrow();
        assertEquals(linking.number(), linked.frame());
        for (int i = 1; i < c.events().size(); i++) {
            assertTrue(c.events().get(i - 1).frame() <= c.events().get(i).frame(), c.events().toString());
        }
    }

    @Test
    void aSubflowThatNeverShowsA64BitValueIsAConnectionOfItsOwnWithAllItsPackets() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        x.join(0, 0); // frames 4-7
        Result r = run(x.s, Set.of(1L, 2L, 3L, 4L, 5L)); // only the join's third ACK and the responder's ACK
        for (RawFrame held : x.s.frames.subList(5, 7)) {
            assertTrue(r.frame(held).has(MptcpProblem.UNLINKED_SUBFLOW));
        }
        assertEquals(1, r.connections().size());
        ConnectionReport c = r.connections().getFirst();
        assertTrue(c.partial() && c.clientGuessed());
        SubflowReport s = c.subflows().getFirst();
        assertTrue(s.join() && s.partial(), s.toString());
        assertEquals("198.51.100.1:40001", s.flow().sourceEndpoint(), "the third ACK's sender opened it");
        assertEquals(2, s.packetsFromInitiator() + s.packetsFromResponder());
    }

    @Test
    void heldPacketsShareOneBudgetPastWhichASubflowStopsWaiting() throws Exception {
        // The join of aJoinFirstSeenAtItsThirdAck... again, but the tracker may hold only two frames: the third
        // ACK and the responder's ACK fill it, so the 4-octet DATA_ACK after them makes the join a
        // connection of its own instead of waiting, with every packet counted.
        WithJoin w = WithJoin.build();
        MptcpExchange x = w.x();
        byte[] head = w.head();
        Flow j = w.join();
        Flow jr = new Flow(SERVER, 80, CLIENT2, 40001, j.ack);
        jr.ack = j.seq;
        x.s.send(jr, ACK, new byte[] {30, 8, 0x20, 0x01, 0, 0, 0, 0}, new byte[0]);
        x.clientData(j, 77000, head.length, MptcpScript.bytes(900, 8));
        List<RawFrame> f = x.s.frames;
        long twoFrames = f.get(6).data().length + f.get(7).data().length;

        Result waited = run(x.s, Set.of(5L, 6L));
        assertEquals(1, waited.connections().size(), "within the default budget the join waits and links");

        Result r = run(x.s, Set.of(5L, 6L), twoFrames);
        assertEquals(2, r.connections().size(), r.connections().toString());
        ConnectionReport own = r.connections().get(1);
        assertTrue(own.partial() && own.clientGuessed(), own.toString());
        SubflowReport join = own.subflows().getFirst();
        assertEquals(4, join.packetsFromInitiator() + join.packetsFromResponder(), "no packet lost");
        assertEquals(900, own.c2s().bytes());
    }

    /** An MP_TCPRST (RFC 8684 section 3.6) with reason 3, administratively prohibited. */
    private static final byte[] MP_TCPRST = {30, 4, (byte) 0x80, 3};

    /**
     * A join the server refuses at its third ACK (RFC 8684 section 3.2: MP_JOIN SYN, SYN/ACK, third
     * ACK, then a reset with MP_TCPRST, as Linux does past its subflow limit): 4 frames, no DSS.
     */
    private static Flow refusedJoin(MptcpExchange x, int port) throws Exception {
        Flow j = x.joinHandshake(MptcpScript.CLIENT2, port, 88000, 3, 0, 0);
        x.s.send(MptcpExchange.responder(j), MptcpScript.RST | ACK, MP_TCPRST, new byte[0]);
        return j;
    }

    private static boolean bareSyn(RawFrame f) {
        var tcp = org.mptcpinspect.dissector.decode.PacketDecoder.decode(f).tcp();
        return tcp.syn() && !tcp.ack();
    }

    /**
     * A connection begun before the capture (its MP_CAPABLE handshake, frames 1-3, missed): the
     * keys are unknown, so the MP_JOIN SYNs name an unknown token. The first join links by its
     * 8-octet DSN; its SYN went to the server, so the connection learns the server's token, and a
     * join the server refused before any DSS (no data sequence number ever) joins too, as soon as
     * the token is learned when it came first ({@code refusedFirst}), else at its own SYN.
     */
    private static void aRefusedJoinLinksByTheTokenAnotherJoinTaught(boolean refusedFirst) throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        byte[] head = MptcpScript.bytes(600, 7);
        x.clientData(x.c, 1000, 0, head);
        if (refusedFirst) {
            refusedJoin(x, 40002);
        }
        Flow j = x.join(0, 0);
        byte[] tail = MptcpScript.bytes(900, 8);
        RawFrame linking = x.clientData(j, 77000, head.length, tail);
        if (!refusedFirst) {
            refusedJoin(x, 40002);
        }
        Result r = run(x.s, Set.of(1L, 2L, 3L));
        assertEquals(1, r.connections().size(), r.connections().toString());
        ConnectionReport c = r.connections().getFirst();
        assertTrue(c.partial() && c.clientKey() == null && c.serverKey() == null, c.toString());
        assertEquals(x.serverToken, c.serverToken(), "learned from the MP_JOIN SYNs");
        assertEquals(null, c.clientToken(), "no SYN named it");
        assertEquals(3, c.subflows().size(), c.subflows().toString());
        SubflowReport refused = c.subflows().get(refusedFirst ? 1 : 2);
        assertEquals("198.51.100.1:40002", refused.flow().sourceEndpoint());
        assertTrue(refused.join() && !refused.partial() && refused.initiatedByClient() && !refused.established(),
                refused.toString());
        assertEquals(3, refused.initiatorAddressId(), "from its MP_JOIN SYN");
        assertEquals(0, refused.responderAddressId(), "from its MP_JOIN SYN/ACK");
        assertEquals(4, refused.packetsFromInitiator() + refused.packetsFromResponder(), "every packet, its SYN too");
        assertEquals("mp_tcprst", refused.endReason());
        assertEquals(3, refused.resetReason());
        SubflowReport joined = c.subflows().get(refusedFirst ? 2 : 1);
        assertTrue(joined.join() && !joined.partial() && joined.established(), joined.toString());
        assertEquals(5, joined.packetsFromInitiator() + joined.packetsFromResponder());
        assertEquals(MptcpScript.sha256(MptcpScript.concat(head, tail)), c.c2s().sha256());
        List<ConnectionEvent> linked = c.events().stream().filter(e -> e.type() == ConnectionEvent.Type.LINKED)
                .toList();
        assertEquals(refusedFirst ? 2 : 1, linked.size(), c.events().toString());
        for (ConnectionEvent e : linked) {
            assertEquals(linking.number(), e.frame(), "linked when the join's DSN showed the connection");
        }
        for (RawFrame f : x.s.frames.subList(3, x.s.frames.size())) {
            MptcpPacketAnalysis p = r.frame(f);
            boolean unknownToken = p.has(MptcpProblem.UNKNOWN_TOKEN);
            // The SYNs before the token was learned name an unknown token; no later SYN does.
            assertEquals(unknownToken, f.number() < linking.number() && bareSyn(f), "frame " + f.number() + ": " + p);
            assertFalse(p.has(MptcpProblem.BAD_JOIN_HMAC), "no keys, no HMAC verdict");
        }
    }

    @Test
    void aRefusedJoinWaitingForItsTokenLinksWhenAnotherJoinTeachesIt() throws Exception {
        aRefusedJoinLinksByTheTokenAnotherJoinTaught(true);
    }

    @Test
    void aRefusedJoinAfterTheTokenWasLearnedJoinsAtItsSyn() throws Exception {
        aRefusedJoinLinksByTheTokenAnotherJoinTaught(false);
    }

    /**
     * Tokens are 32 bits: two connections (with different servers) may have the same. A connection
     * whose handshake was missed learns the server's token from a join linked by its DSN; then a
     * second connection's MP_CAPABLE handshake shows a server key with the same token. A join
     * refused before any DSS naming that token matches both: it links to neither, and is a
     * connection of its own that names the token.
     */
    @Test
    void aTokenTwoConnectionsHaveLinksNothing() throws Exception {
        WithJoin w = WithJoin.build();
        MptcpExchange x = w.x();
        x.clientData(w.join(), 77000, w.head().length, MptcpScript.bytes(100, 8)); // links by DSN, learns the token
        Flow other = new Flow(MptcpScript.CLIENT, 41000, SERVER, 80, 5000);
        Flow otherBack = new Flow(SERVER, 80, MptcpScript.CLIENT, 41000, 6000);
        x.s.send(other, MptcpScript.SYN, MptcpScript.capableSyn(1, 0x01, 0x1111_2222_3333_4444L), new byte[0]);
        otherBack.ack = other.seq;
        x.s.send(otherBack, MptcpScript.SYN | ACK, MptcpScript.capableSynAck(1, 0x01, MptcpExchange.KEY_S),
                new byte[0]);
        refusedJoin(x, 40009);
        Result r = run(x.s, Set.of(1L, 2L, 3L));
        assertEquals(3, r.connections().size(), r.connections().toString());
        ConnectionReport learned = r.connections().get(0);
        assertEquals(2, learned.subflows().size(), learned.toString());
        assertEquals(x.serverToken, learned.serverToken());
        ConnectionReport keyed = r.connections().get(1);
        assertEquals(x.serverToken, keyed.serverToken(), "the same server key");
        assertEquals(1, keyed.subflows().size());
        ConnectionReport own = r.connections().get(2);
        assertTrue(own.partial() && own.clientGuessed(), own.toString());
        assertEquals("198.51.100.1:40009", own.subflows().getFirst().flow().sourceEndpoint());
        assertEquals(x.serverToken, own.serverToken(), "the token its SYN named");
        assertEquals(4, own.subflows().getFirst().packetsFromInitiator()
                + own.subflows().getFirst().packetsFromResponder());
    }
}
