package org.mptcpinspect.dissector.analysis.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.ACK;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.FIN;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.RST;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.SYN;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.addAddr;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.addAddrV0;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.capableAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.capableSyn;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.capableSynAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.capableSynV0;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.dataAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.dataAck32;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.dss;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.dss32;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinSyn;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinSynAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.mpFail;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.mpPrio;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.removeAddr;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.tcpRst;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.End;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.decode.DecodedPacket;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpCrypto;

/** What the lab's kernel never sends, built by hand: MP_FAIL, the infinite mapping, RFC 6824 (v0) options. */
class HandBuiltCountersTest {
    private static final int CLIENT_IP = 0xc0000201;      // 192.0.2.1
    private static final int CLIENT_IP2 = 0xc6336401;     // 198.51.100.1
    private static final int SERVER_IP = 0xc0000202;      // 192.0.2.2
    private static final End CLIENT = new End(CLIENT_IP, 40000);
    private static final End CLIENT2 = new End(CLIENT_IP2, 40001);
    private static final End SERVER = new End(SERVER_IP, 8000);
    private static final long CLIENT_KEY = 0x1122334455667788L;
    private static final long SERVER_KEY = 0x8877665544332211L;

    @TempDir
    Path dir;

    private CounterTracker track(HandBuiltCapture capture) throws Exception {
        Path file = dir.resolve("hand.pcap");
        capture.write(file);
        return CounterTrackerTruthTest.track(file);
    }

    /** The reported, non-zero counters of the host owning {@code address}, by kernel name. */
    private static Map<String, Long> nonZero(CounterTracker tracker, int address) {
        HostAddress a = new HostAddress(4, 0, address & 0xffff_ffffL);
        CounterValues v = tracker.host(List.of(a), -1).values();
        Map<String, Long> out = new TreeMap<>();
        for (MptcpCounter c : MptcpCounter.values()) {
            if (c.derivation().reported() && v.get(c) != 0) {
                out.put(c.kernelName(), v.get(c));
            }
        }
        return out;
    }

    private static HandBuiltCapture handshake(HandBuiltCapture c) {
        return c.add(CLIENT, SERVER, 1000, 0, SYN, 0, capableSyn())
                .add(SERVER, CLIENT, 5000, 1001, SYN | ACK, 0, capableSynAck(1, SERVER_KEY))
                .add(CLIENT, SERVER, 1001, 5001, ACK, 0, capableAck(1, CLIENT_KEY, SERVER_KEY));
    }

    /** An MP_FAIL answered with an infinite mapping, then options after the fallback: frames 1-11. */
    private static HandBuiltCapture mpFailExchange() {
        MptcpCrypto crypto = new MptcpCrypto();
        long dsn = crypto.derive(1, SERVER_KEY).idsn() + 1;
        long ack = crypto.derive(1, CLIENT_KEY).idsn() + 1;
        return handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 100, dss(ack, dsn, 1, 100))
                .add(CLIENT, SERVER, 1001, 5101, ACK, 0, dataAck(dsn + 100), mpFail(dsn))
                .add(SERVER, CLIENT, 5101, 1001, ACK, 100, dss(ack, dsn + 100, 101, 0))
                // a TCP retransmission repeats the infinite mapping: the kernel counted it once
                .add(SERVER, CLIENT, 5101, 1001, ACK, 100, dss(ack, dsn + 100, 101, 0))
                // after the fallback the client ignores MPTCP options
                .add(SERVER, CLIENT, 5201, 1001, ACK, 0, mpPrio(true))
                .add(SERVER, CLIENT, 5201, 1001, FIN | ACK, 0)
                .add(CLIENT, SERVER, 1001, 5202, FIN | ACK, 0)
                .add(SERVER, CLIENT, 5202, 1002, ACK, 0);
    }

    @Test
    void mpFailThenInfiniteMappingFallsBack() throws Exception {
        HandBuiltCapture c = mpFailExchange();
        CounterTracker t = track(c);
        assertEquals(Map.of("MPCapableSYNTX", 1L, "MPCapableSYNACKRX", 1L, "MPFailTx", 1L, "InfiniteMapRx", 1L),
                nonZero(t, CLIENT_IP));
        assertEquals(Map.of("MPCapableSYNRX", 1L, "MPCapableACKRX", 1L, "MPFailRx", 1L, "InfiniteMapTx", 1L,
                "MPPrioTx", 1L), nonZero(t, SERVER_IP));
    }

    /** The frames of a hand-built capture, decoded. */
    private List<DecodedPacket> packets(HandBuiltCapture capture) throws Exception {
        Path file = dir.resolve("cut.pcap");
        capture.write(file);
        List<RawFrame> frames = new ArrayList<>();
        try (PcapFileReader reader = CaptureFiles.open(file)) {
            for (RawFrame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
            }
        }
        return AdditiveCountersTest.decode(frames);
    }

    /**
     * MP_FAIL and the infinite mapping after it, which the kernel never sent in the lab, in a
     * capture cut at every frame: the part after the cut (a partial connection, from the MP_CAPABLE
     * SYN/ACK on, or the third ACK, or mid-connection) counts what its packets show, so the parts
     * add up to the whole for every counter counted on partial connections, at both hosts, but for
     * the documented exceptions: the part after the cut takes its ends for MPTCP sockets, so it
     * does not see the client's fallback at the infinite mapping (cut after frame 6: its TCP
     * retransmission counts InfiniteMapRx again; after frame 7: the MP_PRIO sent after the
     * fallback counts MPPrioRx), and it takes that retransmission for a first one (InfiniteMapTx).
     */
    @Test
    void mpFailAndTheInfiniteMappingAddUpOverEveryCut() throws Exception {
        List<DecodedPacket> packets = packets(mpFailExchange());
        CounterTracker whole = AdditiveCountersTest.walk(packets);
        List<HostAddress> client = List.of(HostAddress.parse("192.0.2.1"));
        List<HostAddress> server = List.of(HostAddress.parse("192.0.2.2"));
        assertEquals(1, whole.counters(client, -1).get(MptcpCounter.MP_FAIL_TX));
        int partial = 0;
        int withOptions = 0;
        for (int k = 1; k < packets.size(); k++) {
            withOptions += packets.subList(k, packets.size()).stream().anyMatch(p -> p.tcp().options().stream()
                    .anyMatch(o -> o instanceof TcpOption.Mptcp)) ? 1 : 0;
            CounterTracker prefix = AdditiveCountersTest.walk(packets.subList(0, k));
            CounterTracker suffix = AdditiveCountersTest.walk(packets.subList(k, packets.size()));
            partial += suffix.partialConnections(-1);
            for (List<HostAddress> host : List.of(client, server)) {
                CounterValues sum = prefix.counters(host, -1).plus(suffix.counters(host, -1));
                for (MptcpCounter c : AdditiveCountersTest.additive()) {
                    boolean again = k == 6 && (c == MptcpCounter.INFINITE_MAP_TX && host == server
                            || c == MptcpCounter.INFINITE_MAP_RX && host == client)
                            || k == 7 && c == MptcpCounter.MP_PRIO_RX && host == client;
                    assertEquals(whole.counters(host, -1).get(c) + (again ? 1 : 0), sum.get(c),
                            c + " at " + host + ", cut after frame " + k);
                }
            }
        }
        assertEquals(withOptions, partial, "every cut before an MPTCP option leaves a partial connection");
        assertEquals(7, withOptions);
    }

    /**
     * A subflow first seen mid-connection whose DSS carries 4-octet DSNs and DATA_ACKs cannot be
     * placed in any connection's data sequence space (RFC 6824 stacks send them): it is a partial
     * connection of its own. Its MP_PRIO, REMOVE_ADDR and ADD_ADDR count as on any connection (the
     * ADD_ADDR's HMAC, unchecked without the keys, taken as right even though it is wrong here);
     * what needs its start is absent for its client, whose only connection it is, and still
     * determined for the server, which the full connection also touches.
     */
    @Test
    void aFourOctetDsnSubflowIsAPartialConnectionOfItsOwn() throws Exception {
        MptcpCrypto crypto = new MptcpCrypto();
        long dsn = crypto.derive(1, SERVER_KEY).idsn() + 1;
        long ack = crypto.derive(1, CLIENT_KEY).idsn() + 1;
        CounterTracker t = track(handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 100, dss(ack, dsn, 1, 100))
                .add(CLIENT, SERVER, 1001, 5101, ACK, 0, dataAck(dsn + 100))
                .add(CLIENT2, SERVER, 70000, 90000, ACK, 100, dss32(77, 3000, 500, 100))
                .add(SERVER, CLIENT2, 90000, 70100, ACK, 0, dataAck32(3100), mpPrio(true))
                .add(SERVER, CLIENT2, 90000, 70100, ACK, 0, addAddr(5, 0xcb007102, 0x0bad))
                .add(CLIENT2, SERVER, 70100, 90000, ACK, 0, dataAck32(77), removeAddr(4)));
        assertEquals(2, t.connectionCount());
        assertEquals(1, t.partialConnections(-1));
        assertEquals(1, t.partialConnections(1));
        assertEquals(1, t.partialSubflows(-1));
        List<HostAddress> client2 = List.of(new HostAddress(4, 0, CLIENT_IP2 & 0xffff_ffffL));
        List<HostAddress> server = List.of(new HostAddress(4, 0, SERVER_IP & 0xffff_ffffL));
        // Not linked to the first connection's client: a host of its own.
        assertEquals(List.of("192.0.2.1", "192.0.2.2", "198.51.100.1"),
                t.hosts(-1).stream().map(HostCounters::addressList).toList());
        assertEquals(Map.of("MPPrioRx", 1L, "AddAddr", 1L, "RmAddrTx", 1L), nonZero(t, CLIENT_IP2));
        assertEquals(Map.of("MPPrioTx", 1L, "AddAddrTx", 1L, "RmAddr", 1L), counted(t.counters(server, 1)));
        HostCounters partialOnly = t.host(client2, -1);
        HostCounters both = t.host(server, -1);
        for (MptcpCounter c : MptcpCounter.values()) {
            boolean needsStart = c.partialRule() != PartialRule.COUNTED;
            assertEquals(c.derivation().reported() && !needsStart, partialOnly.reported(c), c.toString());
            assertEquals(c.derivation().reported(), both.reported(c), c.toString());
        }
        assertEquals(1L, both.values().get(MptcpCounter.MP_CAPABLE_SYN_RX));
    }

    /**
     * An MP_JOIN SYN whose token names no connection in the capture, refused with a reset that
     * says why (MP_TCPRST): MPJoinNoTokenFound for the listener. Unless the capture holds a
     * connection begun before it, whose token it cannot know: then the count is unknown, absent
     * for the listener (its other counters, MPJoinSynRx included, still determined).
     */
    @Test
    void aTokenNoConnectionNamesIsUnknownWhenTheCaptureHoldsPartialConnections() throws Exception {
        End joiner = new End(0xcb007101, 41000);
        HandBuiltCapture full = handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, dataAck(9));
        HandBuiltCapture partial = new HandBuiltCapture()
                .add(SERVER, CLIENT, 5001, 1001, ACK, 100, dss(9, 0x1_0000_0000L, 1, 100));
        List<HostAddress> server = List.of(new HostAddress(4, 0, SERVER_IP & 0xffff_ffffL));
        for (HandBuiltCapture c : List.of(full, partial)) {
            c.add(joiner, SERVER, 7000, 0, SYN, 0, joinSyn(false, 3, 0xdeadbeefL, CLIENT_RANDOM))
                    .add(SERVER, joiner, 0, 7001, RST | ACK, 0, tcpRst(0));
        }
        HostCounters known = track(full).host(server, -1);
        assertEquals(1L, known.values().get(MptcpCounter.MP_JOIN_NO_TOKEN_FOUND));
        assertEquals(true, known.reported(MptcpCounter.MP_JOIN_NO_TOKEN_FOUND));
        CounterTracker t = track(partial);
        assertEquals(1, t.partialConnections(-1));
        HostCounters unknown = t.host(server, -1);
        assertEquals(0L, unknown.values().get(MptcpCounter.MP_JOIN_NO_TOKEN_FOUND));
        assertEquals(false, unknown.reported(MptcpCounter.MP_JOIN_NO_TOKEN_FOUND));
        assertEquals(1L, unknown.values().get(MptcpCounter.MP_JOIN_SYN_RX));
        assertEquals(true, unknown.reported(MptcpCounter.MP_JOIN_SYN_RX));
    }

    private static Map<String, Long> counted(CounterValues v) {
        Map<String, Long> out = new TreeMap<>();
        for (MptcpCounter c : MptcpCounter.values()) {
            if (c.derivation().reported() && v.get(c) != 0) {
                out.put(c.kernelName(), v.get(c));
            }
        }
        return out;
    }

    @Test
    void establishedConnectionsAreAGaugeUntilClosed() throws Exception {
        CounterTracker open = track(handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 100, dss(7, 500, 1, 100)));
        assertEquals(1, open.host(List.of(HostAddress.parse("192.0.2.1")), -1).values()
                .get(MptcpCounter.MP_CURR_ESTAB));
        assertEquals(1, open.host(List.of(HostAddress.parse("192.0.2.2")), -1).values()
                .get(MptcpCounter.MP_CURR_ESTAB));
    }

    private static final long CLIENT_RANDOM = 0xabcdef01L;
    private static final long SERVER_RANDOM = 0x1234L;

    /** The client joins from its second address, up to the SYN/ACK; {@code flip} flips bits of its HMAC. */
    private static HandBuiltCapture join(long flip) {
        MptcpCrypto crypto = new MptcpCrypto();
        long token = crypto.derive(1, SERVER_KEY).token();
        long truncated = crypto.joinTruncatedHmac(1, SERVER_KEY, CLIENT_KEY, SERVER_RANDOM, CLIENT_RANDOM);
        return handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, dataAck(9))
                .add(CLIENT2, SERVER, 7000, 0, SYN, 0, joinSyn(true, 2, token, CLIENT_RANDOM))
                .add(SERVER, CLIENT2, 9000, 7001, SYN | ACK, 0,
                        joinSynAck(false, 0, truncated ^ flip, SERVER_RANDOM));
    }

    /** The MP_JOIN third ACK of {@link #join}, its HMAC's first byte xor {@code flip}. */
    private static byte[] joinAckHmac(int flip) {
        byte[] hmac = new MptcpCrypto().joinHmac(1, CLIENT_KEY, SERVER_KEY, CLIENT_RANDOM, SERVER_RANDOM);
        hmac[0] ^= (byte) flip;
        return joinAck(hmac);
    }

    private static long addAddrHmac(int addressId, int address) {
        byte[] a = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        return new MptcpCrypto().addAddrHmac(1, SERVER_KEY, CLIENT_KEY, addressId, a, 0);
    }

    /**
     * Asserts that {@code failing}'s host counted {@code failure} and not {@code accepted}, and that
     * {@code peer}'s host counted {@code peerCounter} (the step before).
     */
    private static void hmacFailure(CounterTracker t, int failing, String failure, String accepted, int peer,
                                    String peerCounter) {
        Map<String, Long> counted = nonZero(t, failing);
        assertEquals(1L, counted.get(failure), counted.toString());
        assertEquals(null, counted.get(accepted), counted.toString());
        assertEquals(1L, nonZero(t, peer).get(peerCounter));
    }

    /** The joiner checks the SYN/ACK's truncated HMAC against the connection's keys, and resets. */
    @Test
    void joinSynAckWithABadHmacIsTheJoinersFailure() throws Exception {
        CounterTracker t = track(join(1).add(CLIENT2, SERVER, 7001, 9001, RST | ACK, 0));
        hmacFailure(t, CLIENT_IP2, "MPJoinSynAckHMacFailure", "MPJoinSynAckRx", SERVER_IP, "MPJoinSynRx");
    }

    /** The listener checks the third ACK's HMAC as it creates the subflow's socket, and resets. */
    @Test
    void joinAckWithABadHmacIsTheListenersFailure() throws Exception {
        CounterTracker t = track(join(0).add(CLIENT2, SERVER, 7001, 9001, ACK, 0, joinAckHmac(0x80))
                .add(SERVER, CLIENT2, 9001, 7001, RST, 0));
        hmacFailure(t, SERVER_IP, "MPJoinAckHMacFailure", "MPJoinAckRx", CLIENT_IP2, "MPJoinSynAckRx");
    }

    /** A reset after a valid HMAC is no HMAC failure (the kernel refused the subflow for another reason). */
    @Test
    void resetAfterAValidJoinHmacIsNoHmacFailure() throws Exception {
        CounterTracker t = track(join(0).add(CLIENT2, SERVER, 7001, 9001, RST | ACK, 0));
        Map<String, Long> client = nonZero(t, CLIENT_IP2);
        assertEquals(null, client.get("MPJoinSynAckHMacFailure"), client.toString());
        assertEquals(null, client.get("MPJoinSynAckRx"), client.toString());
    }

    /** Linux drops an ADD_ADDR whose HMAC does not match: sent (AddAddrTx) but not received (AddAddr). */
    @Test
    void addAddrWithABadHmacIsNotReceived() throws Exception {
        CounterTracker t = track(handshake(new HandBuiltCapture())
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, dataAck(9))
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, addAddr(6, 0xcb007102, addAddrHmac(6, 0xcb007102)))
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, addAddr(7, 0xcb007103, addAddrHmac(7, 0xcb007103) ^ 1)));
        assertEquals(2L, nonZero(t, SERVER_IP).get("AddAddrTx"));
        assertEquals(1L, nonZero(t, CLIENT_IP).get("AddAddr"));
    }

    @Test
    void joinIsLinkedByTokenAndItsHostGrouped() throws Exception {
        HandBuiltCapture c = join(0)
                .add(CLIENT2, SERVER, 7001, 9001, ACK, 0, joinAckHmac(0))
                .add(SERVER, CLIENT2, 9001, 7001, ACK, 0, dataAck(9));
        CounterTracker t = track(c);
        List<HostCounters> hosts = t.hosts(-1);
        assertEquals(2, hosts.size(), hosts.toString());
        assertEquals("192.0.2.1,198.51.100.1", hosts.get(0).addressList());
        assertEquals(Map.of("MPCapableSYNTX", 1L, "MPCapableSYNACKRX", 1L, "MPJoinSynTx", 1L, "MPJoinSynAckRx", 1L,
                "MPCurrEstab", 1L), nonZero(t, CLIENT_IP2));
        assertEquals(Map.of("MPCapableSYNRX", 1L, "MPCapableACKRX", 1L, "MPJoinSynRx", 1L,
                "MPJoinSynBackupRx", 1L, "MPJoinAckRx", 1L, "MPCurrEstab", 1L), nonZero(t, SERVER_IP));
    }

    /**
     * Linux speaks version 1 only: a version 0 MP_CAPABLE SYN is a plain SYN to it, and an RFC 6824
     * ADD_ADDR (no HMAC, IPVer in place of the echo flag) is not an option it accepts.
     */
    @Test
    void version0OptionsCountNothing() throws Exception {
        End v0Client = new End(0xc0000203, 41000);
        HandBuiltCapture c = new HandBuiltCapture()
                .add(v0Client, SERVER, 1, 0, SYN, 0, capableSynV0(CLIENT_KEY))
                .add(SERVER, v0Client, 2, 2, SYN | ACK, 0, capableSynAck(0, SERVER_KEY))
                .add(v0Client, SERVER, 2, 3, ACK, 0, capableAck(0, CLIENT_KEY, SERVER_KEY))
                .add(SERVER, v0Client, 3, 2, ACK, 0, addAddrV0(4, 0xcb007102));
        handshake(c)
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, dataAck(9))
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, addAddrV0(5, 0xcb007102))
                .add(SERVER, CLIENT, 5001, 1001, ACK, 0, addAddr(6, 0xcb007102, addAddrHmac(6, 0xcb007102)));
        CounterTracker t = track(c);
        assertEquals(Map.of(), nonZero(t, 0xc0000203));
        assertEquals(Map.of("MPCapableSYNTX", 1L, "MPCapableSYNACKRX", 1L, "AddAddr", 1L, "MPCurrEstab", 1L),
                nonZero(t, CLIENT_IP));
        assertEquals(Map.of("MPCapableSYNRX", 1L, "MPCapableACKRX", 1L, "AddAddrTx", 1L, "MPCurrEstab", 1L),
                nonZero(t, SERVER_IP));
        // Numbered as mptcp.stream: the version 0 connection is connection 0, though Linux counts nothing for it.
        assertEquals(2, t.connectionCount());
        List<HostAddress> client = List.of(new HostAddress(4, 0, CLIENT_IP & 0xffff_ffffL));
        assertEquals(CounterValues.zero(), t.host(client, 0).values());
        assertEquals(t.host(client, -1).values(), t.host(client, 1).values());
    }
}
