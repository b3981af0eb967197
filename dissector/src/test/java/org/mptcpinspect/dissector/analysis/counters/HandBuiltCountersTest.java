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
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.dss;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinSyn;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.joinSynAck;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.mpFail;
import static org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.mpPrio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.analysis.counters.HandBuiltCapture.End;
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

    @Test
    void mpFailThenInfiniteMappingFallsBack() throws Exception {
        MptcpCrypto crypto = new MptcpCrypto();
        long dsn = crypto.derive(1, SERVER_KEY).idsn() + 1;
        long ack = crypto.derive(1, CLIENT_KEY).idsn() + 1;
        HandBuiltCapture c = handshake(new HandBuiltCapture())
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
        CounterTracker t = track(c);
        assertEquals(Map.of("MPCapableSYNTX", 1L, "MPCapableSYNACKRX", 1L, "MPFailTx", 1L, "InfiniteMapRx", 1L),
                nonZero(t, CLIENT_IP));
        assertEquals(Map.of("MPCapableSYNRX", 1L, "MPCapableACKRX", 1L, "MPFailRx", 1L, "InfiniteMapTx", 1L,
                "MPPrioTx", 1L), nonZero(t, SERVER_IP));
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
