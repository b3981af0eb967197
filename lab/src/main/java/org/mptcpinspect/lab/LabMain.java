package org.mptcpinspect.lab;

import picocli.CommandLine;

/** Runs the lab command on its own. */
public final class LabMain {
    private LabMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The lab command with the project's error handling: one line, no stack trace. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LabCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lab: " + e.getMessage());
            return 1;
        });
        return cl;
    }
}
