package org.mptcpinspect.cli;

/** Entry point of the mptcp-inspect command (placeholder until the CLI lands). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.err.println("mptcp-inspect: no commands yet");
        System.exit(2);
    }
}
