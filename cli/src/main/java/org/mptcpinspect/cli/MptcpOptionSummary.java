package org.mptcpinspect.cli;

import java.io.PrintStream;
import org.mptcpinspect.dissector.decode.TcpHeader;
import org.mptcpinspect.dissector.decode.TcpOption;
import org.mptcpinspect.dissector.fields.PacketEmitter;
import org.mptcpinspect.dissector.mptcp.MalformedMptcpOption;
import org.mptcpinspect.dissector.mptcp.MptcpSubtype;

/** How many packets carried MPTCP options, and the options by subtype (RFC 8684 section 7.2). */
final class MptcpOptionSummary implements CaptureSummary {
    private static final int SUBTYPES = 16;

    private final long[] optionsBySubtype = new long[SUBTYPES];
    private long tcpPackets;
    private long mptcpPackets;
    private long malformed;

    @Override
    public void frame(PacketEmitter packets) {
        TcpHeader tcp = packets.packet().tcp();
        if (tcp == null) {
            return;
        }
        tcpPackets++;
        boolean any = false;
        for (TcpOption option : tcp.options()) {
            if (option instanceof TcpOption.Mptcp mptcp) {
                any = true;
                int subtype = mptcp.option().subtype();
                if (mptcp.option() instanceof MalformedMptcpOption) {
                    malformed++;
                } else if (subtype >= 0 && subtype < SUBTYPES) {
                    optionsBySubtype[subtype]++;
                }
            }
        }
        if (any) {
            mptcpPackets++;
        }
    }

    @Override
    public void print(PrintStream out) {
        StringBuilder options = new StringBuilder();
        for (int subtype = 0; subtype < SUBTYPES; subtype++) {
            if (optionsBySubtype[subtype] > 0) {
                options.append(options.isEmpty() ? "" : ", ").append(MptcpSubtype.name(subtype)).append(' ')
                        .append(optionsBySubtype[subtype]);
            }
        }
        if (malformed > 0) {
            options.append(options.isEmpty() ? "" : ", ").append("malformed ").append(malformed);
        }
        out.println("MPTCP: " + mptcpPackets + " of " + tcpPackets + " TCP packets carry MPTCP options"
                + (options.isEmpty() ? "" : " (" + options + ")"));
    }
}
