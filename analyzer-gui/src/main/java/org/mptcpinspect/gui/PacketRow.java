package org.mptcpinspect.gui;

/**
 * One packet list row, made on demand from the {@link PacketIndex} when the table shows it.
 *
 * @param number        frame number (1-based)
 * @param relativeNanos time since the first frame
 * @param timeDecimals  6 or 9, as tshark prints the capture's resolution
 * @param kind          MPTCP subtype of the first MPTCP option, or a negative {@link PacketIndex} kind
 */
public record PacketRow(int number, long relativeNanos, int timeDecimals, String source, String destination,
                        String protocol, int length, String info, byte kind) {

    /** The Time column: seconds since the first frame, with the capture's decimals. */
    public String time() {
        long nanos = Math.abs(relativeNanos);
        long fraction = nanos % 1_000_000_000L;
        String digits = timeDecimals == 9 ? String.format("%09d", fraction) : String.format("%06d", fraction / 1000);
        return (relativeNanos < 0 ? "-" : "") + nanos / 1_000_000_000L + "." + digits;
    }
}
