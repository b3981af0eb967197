package org.mptcpinspect.endpoint;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The server side: listens, accepts a fixed number of connections and runs the transfer on
 * each in its own thread, connection {@code i} (accept order) sending the payload of seed
 * {@code Payload.connectionSeed(baseSeed, i)}.
 */
public final class Server {
    /** @param acceptTimeoutMs how long to wait for each next connection before giving up */
    public record Options(SockAddr listen, Protocol protocol, int connections, TransferPlan plan,
                          long baseSeed, long acceptTimeoutMs) {
        public Options {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be >= 1");
            }
        }
    }

    private Server() {
    }

    public static EndpointResult run(Options options, PrintStream status) {
        List<Future<ConnectionResult>> running = new ArrayList<>();
        String error = null;
        List<ConnectionResult> results;
        ExecutorService workers = Executors.newCachedThreadPool();
        // The listener stays open until every connection is done: MP_JOIN SYNs for additional
        // subflows are looked up through it and would be reset once it is closed.
        try (NativeSocket listener = NativeSocket.open(options.listen().family(), options.protocol())) {
            try {
                listener.setReuseAddress();
                if (options.listen().family() == Family.IPV6) {
                    listener.setIpv6Only();
                }
                listener.bind(options.listen());
                listener.listen(Math.max(16, options.connections()));
                status.println(StatusLine.listening(listener.localAddress(), options.protocol()));
                status.flush();
                for (int i = 0; i < options.connections(); i++) {
                    if ((listener.poll(Libc.POLLIN, (int) options.acceptTimeoutMs()) & Libc.POLLIN) == 0) {
                        error = "no connection #" + i + " within " + options.acceptTimeoutMs() + " ms";
                        break;
                    }
                    NativeSocket connection = listener.accept();
                    int index = i;
                    status.println(StatusLine.established(index, connection.localAddress(), connection.remoteAddress()));
                    status.flush();
                    running.add(workers.submit(() -> new Transfer(connection, index,
                            Payload.connectionSeed(options.baseSeed(), index), options.plan()).run()));
                }
            } catch (NativeSocketException e) {
                error = e.getMessage();
            }
            results = collect(running);
        } catch (NativeSocketException e) {
            results = collect(running);
            error = error == null ? e.getMessage() : error;
        }
        workers.shutdown();
        return new EndpointResult("server", options.protocol(), options.listen(), options.plan(),
                options.baseSeed(), results, error);
    }

    static List<ConnectionResult> collect(List<Future<ConnectionResult>> running) {
        List<ConnectionResult> results = new ArrayList<>(running.size());
        for (Future<ConnectionResult> future : running) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for connections", e);
            } catch (ExecutionException e) {
                // Transfer.run reports failures in its result; anything else is a bug here.
                throw new IllegalStateException("connection worker failed", e.getCause());
            }
        }
        return results;
    }
}
