package org.mptcpinspect.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoint against itself over loopback with real kernel sockets: what each side received
 * must be exactly what the other sent (independently recomputed from the seed), and the
 * kernel must report a real MPTCP connection (token set, no fallback).
 */
class LoopbackEndpointTest {
    private static final TransferPlan QUICK = new TransferPlan(0, 16384, 0, 0, 0, false, 20_000);

    @BeforeAll
    static void requireMptcp() {
        try (NativeSocket probe = NativeSocket.open(Family.IPV4, Protocol.MPTCP)) {
            // MPTCP sockets can be created here
        } catch (NativeSocketException e) {
            Assumptions.abort("kernel MPTCP unavailable (" + e.getMessage() + ")");
        }
    }

    @Test
    void mptcpBothDirectionsArriveIntactAndKernelSeesMptcp() throws Exception {
        TransferPlan clientPlan = new TransferPlan(300_000, 7_000, 0, 0, 0, false, 20_000);
        TransferPlan serverPlan = new TransferPlan(123_457, 4_096, 0, 0, 0, false, 20_000);
        Run run = run("127.0.0.1", Protocol.MPTCP, Protocol.MPTCP, clientPlan, serverPlan, 1);

        ConnectionResult c = run.client.connections().getFirst();
        ConnectionResult s = run.server.connections().getFirst();
        assertNull(c.error(), c.error());
        assertNull(s.error(), s.error());
        assertEquals(300_000, c.sent().bytes());
        assertEquals(sha256(Payload.generate(1, 300_000)), c.sent().sha256());
        assertEquals(c.sent().sha256(), s.received().sha256());
        assertEquals(300_000, s.received().bytes());
        assertEquals(sha256(Payload.generate(1_000_000, 123_457)), s.sent().sha256());
        assertEquals(s.sent().sha256(), c.received().sha256());
        assertEquals(123_457, c.received().bytes());

        assertEquals(c.local(), s.remote());
        assertEquals(c.remote(), s.local());
        for (ConnectionResult side : List.of(c, s)) {
            assertFalse(side.fallback(), "fallback flag set");
            MptcpInfo info = side.beforeShutdown().info();
            assertNotNull(info, "MPTCP_INFO missing");
            assertNotEquals(0, info.token(), "MPTCP_INFO token is zero");
            assertTrue(info.remoteKeyReceived(), "remote key not received");
            assertFalse(side.beforeShutdown().subflows().isEmpty(), "no subflows reported");
            SubflowInfo initial = side.beforeShutdown().subflows().getFirst();
            assertEquals(side.local(), initial.local());
            assertEquals(side.remote(), initial.remote());
        }
        // Each side's token is the other's view of the connection key: they differ.
        assertNotEquals(c.beforeShutdown().info().token(), s.beforeShutdown().info().token());
        // At close each side has read the peer's DATA_FIN, so the kernel counted every byte.
        assertEquals(300_000, s.atClose().info().bytesReceived());
        assertEquals(123_457, c.atClose().info().bytesReceived());
    }

    @Test
    void ipv6AndSeveralConcurrentConnections() throws Exception {
        TransferPlan plan = new TransferPlan(20_000, 1_000, 0, 1, 0, false, 20_000);
        Run run = run("::1", Protocol.MPTCP, Protocol.MPTCP, plan, plan, 5);
        assertEquals(5, run.client.connections().size());
        assertEquals(5, run.server.connections().size());
        for (ConnectionResult c : run.client.connections()) {
            assertNull(c.error(), c.error());
            assertEquals("::1", c.local().address());
            ConnectionResult s = run.server.connections().stream()
                    .filter(x -> c.local().equals(x.remote())).findFirst().orElseThrow();
            assertEquals(c.sent().sha256(), s.received().sha256());
            assertEquals(s.sent().sha256(), c.received().sha256());
            assertEquals(sha256(Payload.generate(Payload.connectionSeed(1, c.index()), 20_000)), c.sent().sha256());
        }
    }

    @Test
    void plainTcpServerMakesMptcpClientFallBack() throws Exception {
        TransferPlan plan = new TransferPlan(10_000, 4_096, 0, 0, 0, false, 20_000);
        Run run = run("127.0.0.1", Protocol.MPTCP, Protocol.TCP, plan, plan, 1);
        ConnectionResult c = run.client.connections().getFirst();
        assertNull(c.error(), c.error());
        assertTrue(c.fallback(), "client should have fallen back to TCP");
        assertNull(run.server.connections().getFirst().beforeShutdown().info());
        assertEquals(c.sent().sha256(), run.server.connections().getFirst().received().sha256());
    }

    @Test
    void abortResetsThePeer() throws Exception {
        TransferPlan clientPlan = new TransferPlan(10_000, 4_096, 0, 0, 50, true, 20_000);
        TransferPlan serverPlan = new TransferPlan(0, 4_096, 0, 0, 5_000, false, 20_000);
        Run run = run("127.0.0.1", Protocol.MPTCP, Protocol.MPTCP, clientPlan, serverPlan, 1);
        ConnectionResult c = run.client.connections().getFirst();
        ConnectionResult s = run.server.connections().getFirst();
        assertTrue(c.aborted());
        assertNull(c.error(), c.error());
        assertNotNull(s.error(), "server should see the reset");
        assertTrue(s.error().contains("reset"), s.error());
    }

    @Test
    void connectFailureIsReportedNotThrown() {
        EndpointResult result = Client.run(new Client.Options(new SockAddr("127.0.0.1", 1), null,
                Protocol.MPTCP, 1, QUICK, 1), new PrintStream(OutputStream.nullOutputStream()));
        ConnectionResult c = result.connections().getFirst();
        assertNotNull(c.error());
        assertTrue(c.error().startsWith("connect(127.0.0.1:1): Connection refused (errno 111)"), c.error());
    }

    private record Run(EndpointResult client, EndpointResult server) {
    }

    private static Run run(String host, Protocol clientProtocol, Protocol serverProtocol,
                           TransferPlan clientPlan, TransferPlan serverPlan, int connections) throws Exception {
        ListeningWatch watch = new ListeningWatch();
        CompletableFuture<EndpointResult> server = CompletableFuture.supplyAsync(() -> Server.run(
                new Server.Options(new SockAddr(host, 0), serverProtocol, connections, serverPlan, 1_000_000, 10_000),
                new PrintStream(watch, true, StandardCharsets.UTF_8)));
        SockAddr listening = watch.address.get(10, TimeUnit.SECONDS);
        EndpointResult client = Client.run(new Client.Options(listening, null, clientProtocol, connections, clientPlan, 1),
                new PrintStream(OutputStream.nullOutputStream()));
        return new Run(client, server.get(30, TimeUnit.SECONDS));
    }

    /** Completes with the server's address once it printed its listening line. */
    private static final class ListeningWatch extends ByteArrayOutputStream {
        final CompletableFuture<SockAddr> address = new CompletableFuture<>();

        @Override
        public synchronized void flush() {
            for (String line : toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(StatusLine.LISTENING)) {
                    String rest = line.substring(StatusLine.LISTENING.length());
                    address.complete(SockAddr.parse(rest.substring(0, rest.indexOf(' '))));
                }
            }
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
