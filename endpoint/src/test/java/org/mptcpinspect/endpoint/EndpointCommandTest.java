package org.mptcpinspect.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as users and the lab drive it: options, JSON output, one-line errors. */
class EndpointCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = EndpointMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void plainTcpBothWaysWithResultOnStdoutAndInAFile(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path serverOut = dir.resolve("server.json");
        CompletableFuture<Run> server = CompletableFuture.supplyAsync(() -> run("server",
                "--listen", "127.0.0.1:" + port, "--protocol", "tcp", "--send", "3k", "--out", serverOut.toString()));
        Run client = null;
        for (int attempt = 0; attempt < 50; attempt++) { // until the server listens
            client = run("client", "--connect", "127.0.0.1:" + port, "--protocol", "TCP", "--send", "5000",
                    "--chunk", "1k", "--seed", "7");
            if (client.exit() == 0) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(0, client.exit(), client.err());
        EndpointResult c = ResultJson.parse(client.out());
        EndpointResult s = ResultJson.read(serverOut);
        assertEquals(0, server.get(10, TimeUnit.SECONDS).exit());
        assertEquals(Protocol.TCP, c.protocol());
        assertEquals(5000, c.connections().getFirst().sent().bytes());
        assertEquals(7L, c.connections().getFirst().sent().seed());
        assertEquals(3072, c.connections().getFirst().received().bytes());
        assertEquals(c.connections().getFirst().sent().sha256(), s.connections().getFirst().received().sha256());
    }

    @Test
    void refusedConnectionIsOneLineAndExitOne() {
        Assumptions.assumeTrue(canOpenMptcp(), "kernel MPTCP unavailable");
        Run run = run("client", "--connect", "127.0.0.1:1");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("endpoint: connection #0: connect(127.0.0.1:1): Connection refused"), run.err());
        assertFalse(run.err().contains("\tat "), "stack trace printed: " + run.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run protocol = run("client", "--connect", "127.0.0.1:1", "--protocol", "sctp");
        assertEquals(2, protocol.exit());
        assertTrue(protocol.err().contains("expected mptcp or tcp, got 'sctp'"), protocol.err());
        Run size = run("server", "--listen", "127.0.0.1:1", "--send", "lots");
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("not a byte size: 'lots'"), size.err());
        Run address = run("server", "--listen", "localhost:80");
        assertEquals(1, address.exit());
        assertTrue(address.err().contains("not an IP address literal: 'localhost'"), address.err());
    }

    private static int freePort() throws NativeSocketException {
        try (NativeSocket probe = NativeSocket.open(Family.IPV4, Protocol.TCP)) {
            probe.bind(new SockAddr("127.0.0.1", 0));
            return probe.localAddress().port();
        }
    }

    private static boolean canOpenMptcp() {
        try (NativeSocket probe = NativeSocket.open(Family.IPV4, Protocol.MPTCP)) {
            return true;
        } catch (NativeSocketException e) {
            return false;
        }
    }
}
