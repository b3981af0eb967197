package org.mptcpinspect.endpoint;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The client side: opens {@code connections} connections to the server at once, each in its
 * own thread, connection {@code i} sending the payload of seed
 * {@code Payload.connectionSeed(baseSeed, i)}.
 */
public final class Client {
    /** @param bind local address to bind before connecting (port 0 = any), or null */
    public record Options(SockAddr target, SockAddr bind, Protocol protocol, int connections,
                          TransferPlan plan, long baseSeed) {
        public Options {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be >= 1");
            }
        }
    }

    private Client() {
    }

    public static EndpointResult run(Options options, PrintStream status) {
        ExecutorService workers = Executors.newCachedThreadPool();
        List<Future<ConnectionResult>> running = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            int index = i;
            running.add(workers.submit(() -> connectAndTransfer(options, index, status)));
        }
        List<ConnectionResult> results = Server.collect(running);
        workers.shutdown();
        return new EndpointResult("client", options.protocol(), options.target(), options.plan(),
                options.baseSeed(), results, null);
    }

    private static ConnectionResult connectAndTransfer(Options options, int index, PrintStream status) {
        long seed = Payload.connectionSeed(options.baseSeed(), index);
        long startedAt = System.currentTimeMillis();
        NativeSocket socket = null;
        try {
            socket = NativeSocket.open(options.target().family(), options.protocol());
            if (options.bind() != null) {
                socket.bind(options.bind());
            }
            socket.connect(options.target());
            status.println(StatusLine.established(index, socket.localAddress(), socket.remoteAddress()));
            status.flush();
        } catch (NativeSocketException e) {
            closeQuietly(socket);
            return new ConnectionResult(index, options.protocol(), null, options.target(),
                    new StreamSummary(0, Transfer.EMPTY_SHA256, seed), new StreamSummary(0, Transfer.EMPTY_SHA256, null),
                    false, false, e.getMessage(), null, null, startedAt, System.currentTimeMillis());
        }
        return new Transfer(socket, index, seed, options.plan()).run();
    }

    private static void closeQuietly(NativeSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (NativeSocketException ignored) {
                // the connect failure is what gets reported
            }
        }
    }
}
