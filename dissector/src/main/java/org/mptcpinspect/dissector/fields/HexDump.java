package org.mptcpinspect.dissector.fields;

/** tshark's hex dump lines: "0000  00 01 02 ... 0f   ................". */
public final class HexDump {
    private HexDump() {
    }

    public static void append(TextBuffer out, byte[] data, int from, int to) {
        int length = to - from;
        int digits = length - 1 > 0xffff ? ((32 - Integer.numberOfLeadingZeros(length - 1)) + 3) / 4 : 4;
        for (int line = 0; line < length; line += 16) {
            out.appendHex(line, digits).append("  ");
            int n = Math.min(16, length - line);
            for (int i = 0; i < 16; i++) {
                if (i < n) {
                    out.appendHex(data[from + line + i] & 0xff, 2).append(' ');
                } else {
                    out.append("   ");
                }
            }
            out.append("  ");
            for (int i = 0; i < n; i++) {
                int c = data[from + line + i] & 0xff;
                out.append((char) (c >= 0x20 && c < 0x7f ? c : '.'));
            }
            out.append('\n');
        }
    }
}
