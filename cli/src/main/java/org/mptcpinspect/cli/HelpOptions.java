package org.mptcpinspect.cli;

import picocli.CommandLine.Option;

/**
 * -h/--help and --version for the tshark-like commands. Not picocli's standard help mixin: its
 * -V (version) would clash with tshark's -V (details).
 */
final class HelpOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    private boolean version;
}
