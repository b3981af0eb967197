package org.mptcpinspect.gui;

import picocli.CommandLine;

/** Runs the gui command alone (without the rest of the CLI), e.g. from the module's tests. */
public final class GuiMain {
    private GuiMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new GuiCommand(System.err)).execute(args));
    }
}
