package org.mptcpinspect.endpoint;

import picocli.CommandLine;

/**
 * Runs the endpoint on its own (the lab starts it in a namespace with
 * {@code ip netns exec NS java --enable-native-access=ALL-UNNAMED -cp ... EndpointMain ...}).
 */
public final class EndpointMain {
    private EndpointMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The endpoint command with the project's error handling: one line, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EndpointCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("endpoint: " + e.getMessage());
            return 1;
        });
        return cl;
    }
}
