package org.mptcpinspect.endpoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code endpoint server|client}: the reference MPTCP endpoint. Progress goes to stderr, the
 * JSON result to stdout or {@code --out}. Exit status 0 when a result was written (per
 * connection errors such as a reset by the peer are part of the result), 1 when the run
 * could not start.
 */
@Command(name = "endpoint", header = "Reference MPTCP endpoint: kernel sockets, SHA-256, MPTCP_INFO.",
        mixinStandardHelpOptions = true,
        description = "Reference MPTCP endpoint: real kernel MPTCP (or TCP) sockets sending a "
                + "deterministic payload and reporting SHA-256, lengths and MPTCP_INFO as JSON.",
        subcommands = {EndpointCommand.ServerCommand.class, EndpointCommand.ClientCommand.class})
public final class EndpointCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose 'server' or 'client'");
    }

    /** Options both sides share. */
    static final class TransferOptions {
        @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
        CommandLine.Model.CommandSpec mixee;

        @Option(names = "--protocol", defaultValue = "mptcp", converter = ProtocolConverter.class,
                description = "mptcp or tcp (plain TCP, e.g. to force a fallback). Default: ${DEFAULT-VALUE}.")
        Protocol protocol;

        @Option(names = "--connections", defaultValue = "1", description = "Number of connections. Default: ${DEFAULT-VALUE}.")
        int connections;

        @Option(names = "--send", defaultValue = "64k", converter = ByteSize.class,
                description = "Bytes to send on each connection (k/m suffixes). Default: ${DEFAULT-VALUE}.")
        long send;

        @Option(names = "--chunk", defaultValue = "16k", converter = ByteSize.class,
                description = "Write size. Default: ${DEFAULT-VALUE}.")
        long chunk;

        @Option(names = "--start-delay-ms", defaultValue = "0",
                description = "Wait this long after the connection is up before sending. Default: ${DEFAULT-VALUE}.")
        long startDelayMs;

        @Option(names = "--pause-ms", defaultValue = "0", description = "Pause after each chunk. Default: ${DEFAULT-VALUE}.")
        long pauseMs;

        @Option(names = "--hold-ms", defaultValue = "0",
                description = "Keep the connection open this long after the last chunk before closing. Default: ${DEFAULT-VALUE}.")
        long holdMs;

        @Option(names = "--abort", description = "Close with SO_LINGER 0 (MP_FASTCLOSE) instead of an orderly shutdown.")
        boolean abort;

        @Option(names = "--timeout-ms", defaultValue = "60000",
                description = "Abort a connection still running after this long. Default: ${DEFAULT-VALUE}.")
        long timeoutMs;

        @Option(names = "--out", description = "Write the JSON result here instead of stdout.")
        Path out;

        TransferPlan plan() {
            if (chunk > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--chunk too large: " + chunk);
            }
            return new TransferPlan(send, (int) chunk, startDelayMs, pauseMs, holdMs, abort, timeoutMs);
        }
    }

    @Command(name = "server", mixinStandardHelpOptions = true,
            description = "Listen and serve a number of connections, then print the result.")
    static final class ServerCommand implements Callable<Integer> {
        @Option(names = "--listen", required = true, description = "ADDRESS:PORT, e.g. 192.0.2.2:8000 or [2001:db8::2]:8000.")
        String listen;

        @Option(names = "--seed", defaultValue = "1000000", description = "Base payload seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--accept-timeout-ms", defaultValue = "30000",
                description = "Give up when no next connection arrives within this time. Default: ${DEFAULT-VALUE}.")
        long acceptTimeoutMs;

        @CommandLine.Mixin
        TransferOptions transfer = new TransferOptions();

        @Override
        public Integer call() throws IOException {
            Server.Options options = new Server.Options(SockAddr.parse(listen), transfer.protocol,
                    transfer.connections, transfer.plan(), seed, acceptTimeoutMs);
            EndpointResult result = Server.run(options, System.err);
            return report(result, transfer, result.connections().isEmpty() && result.error() != null);
        }
    }

    @Command(name = "client", mixinStandardHelpOptions = true,
            description = "Connect to a server, exchange payloads, then print the result.")
    static final class ClientCommand implements Callable<Integer> {
        @Option(names = "--connect", required = true, description = "Server ADDRESS:PORT.")
        String connect;

        @Option(names = "--bind", description = "Local ADDRESS to bind before connecting (any port).")
        String bind;

        @Option(names = "--seed", defaultValue = "1", description = "Base payload seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @CommandLine.Mixin
        TransferOptions transfer = new TransferOptions();

        @Override
        public Integer call() throws IOException {
            SockAddr bindAddress = bind == null ? null : new SockAddr(bind, 0);
            Client.Options options = new Client.Options(SockAddr.parse(connect), bindAddress, transfer.protocol,
                    transfer.connections, transfer.plan(), seed);
            EndpointResult result = Client.run(options, System.err);
            boolean allFailed = result.connections().stream().allMatch(c -> c.local() == null);
            return report(result, transfer, allFailed);
        }
    }

    /** Case-insensitive, so "tcp" works whatever command line hosts this command. */
    static final class ProtocolConverter implements CommandLine.ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            try {
                return Protocol.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected mptcp or tcp, got '" + value + "'");
            }
        }
    }

    /** Writes the result (to --out or the command's output) and reports errors in one line each. */
    private static int report(EndpointResult result, TransferOptions transfer, boolean failed) throws IOException {
        CommandLine commandLine = transfer.mixee.commandLine();
        if (transfer.out != null) {
            ResultJson.write(result, transfer.out);
        } else {
            ResultJson.write(result, commandLine.getOut());
        }
        PrintWriter err = commandLine.getErr();
        if (result.error() != null) {
            err.println("endpoint: " + result.error());
        }
        for (ConnectionResult c : result.connections()) {
            if (c.error() != null) {
                err.println("endpoint: connection #" + c.index() + ": " + c.error());
            }
        }
        err.flush();
        return failed ? 1 : 0;
    }
}
