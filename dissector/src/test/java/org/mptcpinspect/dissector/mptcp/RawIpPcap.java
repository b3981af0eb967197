package org.mptcpinspect.dissector.mptcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Hand-built IPv4/TCP packets carrying one TCP option each, and a minimal pcap writer for them
 * (24-octet global header, 16-octet record headers, LINKTYPE_RAW), so tshark can read them.
 */
final class RawIpPcap {
    /** Offset of the TCP options in {@link #packet}'s frames: after 20 octets of IPv4 and 20 of TCP. */
    static final int OPTION_OFFSET = 40;
    private static final int LINKTYPE_RAW = 101;
    private static final byte NOP = 1;

    private RawIpPcap() {
    }

    /** 192.0.2.1:sourcePort -> 198.51.100.2:80, ACK, with {@code option} then NOPs to a 4-octet boundary. */
    static byte[] packet(byte[] option, int sourcePort) {
        int optionsLength = (option.length + 3) & ~3;
        int tcpLength = 20 + optionsLength;
        ByteBuffer b = ByteBuffer.allocate(20 + tcpLength);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLength)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 198, 51, 100, 2});
        b.putShort(10, ipv4HeaderChecksum(b.array()));
        b.putShort((short) sourcePort).putShort((short) 80).putInt(1000).putInt(2000)
                .put((byte) ((tcpLength / 4) << 4)).put((byte) 0x10).putShort((short) 65535)
                .putShort((short) 0).putShort((short) 0).put(option);
        while (b.hasRemaining()) {
            b.put(NOP);
        }
        return b.array();
    }

    private static short ipv4HeaderChecksum(byte[] packet) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (packet[i] & 0xff) << 8 | packet[i + 1] & 0xff;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    static void write(Path file, List<byte[]> packets) throws IOException {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_RAW);
        int second = 1_700_000_000;
        for (byte[] p : packets) {
            b.putInt(second++).putInt(0).putInt(p.length).putInt(p.length).put(p);
        }
        Files.write(file, b.array());
    }
}
