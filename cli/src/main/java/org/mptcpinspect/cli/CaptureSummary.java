package org.mptcpinspect.cli;

import java.io.PrintStream;

/**
 * What a capture showed of MPTCP, gathered frame by frame and printed when {@code live} ends
 * (at the packet count, the autostop condition or Ctrl-C).
 */
interface CaptureSummary extends PacketPipeline.FrameListener {

    /** Prints the summary, a few lines for people. */
    void print(PrintStream out);
}
