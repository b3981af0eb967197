package org.mptcpinspect.dissector.decode;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.RawFrame;

/** Hand-built frames for decoder tests: each method lays out one header in front of a payload. */
final class TestFrames {
    static final int CLIENT_V4 = 0xc0000201;      // 192.0.2.1
    static final int SERVER_V4 = 0xc6336407;      // 198.51.100.7
    static final long DOC_V6_HIGH = 0x20010db8_00000000L; // 2001:db8::/64
    static final long MAC_A = 0x02_00_00_00_00_01L;
    static final long MAC_B = 0x02_00_00_00_00_02L;

    private TestFrames() {
    }

    static byte[] hex(String text) {
        String s = text.replace(" ", "");
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static RawFrame frame(int linkType, byte[] data) {
        return new RawFrame(1, 0, 0, linkType, data.length, data);
    }

    /** A frame cut to {@code captured} bytes by the snaplen. */
    static RawFrame snapped(int linkType, byte[] data, int captured) {
        return new RawFrame(1, 0, 0, linkType, data.length, Arrays.copyOf(data, captured));
    }

    static DecodedPacket decode(int linkType, byte[] data) {
        return PacketDecoder.decode(frame(linkType, data));
    }

    static DecodedPacket decodeEthernet(byte[] data) {
        return decode(LinkType.ETHERNET, data);
    }

    // ---- TCP ----------------------------------------------------------------------------

    static byte[] tcp(int sourcePort, int destinationPort, long seq, long ack, int flags, byte[] options,
                      byte[] payload) {
        if (options.length % 4 != 0) {
            throw new IllegalArgumentException("options must be padded to 4 bytes");
        }
        int headerLength = 20 + options.length;
        return cat(new byte[] {
                (byte) (sourcePort >> 8), (byte) sourcePort, (byte) (destinationPort >> 8), (byte) destinationPort,
                (byte) (seq >> 24), (byte) (seq >> 16), (byte) (seq >> 8), (byte) seq,
                (byte) (ack >> 24), (byte) (ack >> 16), (byte) (ack >> 8), (byte) ack,
                (byte) ((headerLength / 4) << 4 | (flags >> 8 & 0xf)), (byte) flags, (byte) 0xfa, (byte) 0xf0,
                (byte) 0x12, (byte) 0x34, 0, 0}, options, payload);
    }

    static byte[] tcp(byte[] options, byte[] payload) {
        return tcp(51000, 80, 0x01020304L, 0xa0b0c0d0L, TcpHeader.ACK | TcpHeader.PSH, options, payload);
    }

    // ---- IPv4 ----------------------------------------------------------------------------

    static byte[] ipv4(int protocol, byte[] options, int flagsAndFragment, byte[] payload) {
        int headerLength = 20 + options.length;
        int total = headerLength + payload.length;
        return cat(new byte[] {
                (byte) (0x40 | headerLength / 4), 0x00, (byte) (total >> 8), (byte) total,
                0x12, 0x34, (byte) (flagsAndFragment >> 8), (byte) flagsAndFragment,
                64, (byte) protocol, 0, 0,
                (byte) (CLIENT_V4 >> 24), (byte) (CLIENT_V4 >> 16), (byte) (CLIENT_V4 >> 8), (byte) CLIENT_V4,
                (byte) (SERVER_V4 >> 24), (byte) (SERVER_V4 >> 16), (byte) (SERVER_V4 >> 8), (byte) SERVER_V4},
                options, payload);
    }

    static byte[] ipv4(byte[] tcp) {
        return ipv4(IpProtocol.TCP, new byte[0], 0x4000, tcp);
    }

    // ---- IPv6 ----------------------------------------------------------------------------

    /** IPv6 from 2001:db8::1 to 2001:db8::2; {@code payload} includes any extension headers. */
    static byte[] ipv6(int nextHeader, byte[] payload) {
        return ipv6(nextHeader, payload.length, payload);
    }

    static byte[] ipv6(int nextHeader, int payloadLength, byte[] payload) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        h[1] = 0x0a; // traffic class 0x00, flow label 0xabcde
        h[2] = (byte) 0xbc;
        h[3] = (byte) 0xde;
        h[4] = (byte) (payloadLength >> 8);
        h[5] = (byte) payloadLength;
        h[6] = (byte) nextHeader;
        h[7] = 64;
        putLong(h, 8, DOC_V6_HIGH);
        putLong(h, 16, 1);
        putLong(h, 24, DOC_V6_HIGH);
        putLong(h, 32, 2);
        return cat(h, payload);
    }

    // ---- link layers ----------------------------------------------------------------------

    static byte[] ethernet(int etherType, byte[] payload) {
        byte[] h = new byte[14];
        putLong6(h, 0, MAC_B);
        putLong6(h, 6, MAC_A);
        h[12] = (byte) (etherType >> 8);
        h[13] = (byte) etherType;
        return cat(h, payload);
    }

    static byte[] vlan(int priority, int dei, int id, int etherType, byte[] payload) {
        int tci = priority << 13 | dei << 12 | id;
        return cat(new byte[] {(byte) (tci >> 8), (byte) tci, (byte) (etherType >> 8), (byte) etherType}, payload);
    }

    static byte[] sll(int packetType, int protocol, byte[] payload) {
        byte[] h = new byte[16];
        h[1] = (byte) packetType;
        h[3] = 1; // ARPHRD_ETHER
        h[5] = 6;
        putLong6(h, 6, MAC_A);
        h[14] = (byte) (protocol >> 8);
        h[15] = (byte) protocol;
        return cat(h, payload);
    }

    static byte[] sll2(int protocol, int interfaceIndex, int packetType, byte[] payload) {
        byte[] h = new byte[20];
        h[0] = (byte) (protocol >> 8);
        h[1] = (byte) protocol;
        h[4] = (byte) (interfaceIndex >> 24);
        h[5] = (byte) (interfaceIndex >> 16);
        h[6] = (byte) (interfaceIndex >> 8);
        h[7] = (byte) interfaceIndex;
        h[8] = 0x03; // ARPHRD_LOOPBACK (772)
        h[9] = 0x04;
        h[10] = (byte) packetType;
        h[11] = 6;
        putLong6(h, 12, MAC_B);
        return cat(h, payload);
    }

    static byte[] loopback(int family, boolean bigEndian, byte[] payload) {
        byte[] h = bigEndian
                ? new byte[] {(byte) (family >> 24), (byte) (family >> 16), (byte) (family >> 8), (byte) family}
                : new byte[] {(byte) family, (byte) (family >> 8), (byte) (family >> 16), (byte) (family >> 24)};
        return cat(h, payload);
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static void putLong6(byte[] b, int at, long v) {
        for (int i = 0; i < 6; i++) {
            b[at + i] = (byte) (v >>> (40 - 8 * i));
        }
    }

    /** The usual client SYN option block of a Linux MPTCP connect(): MSS, SACK_PERM, TS, NOP, WS, MP_CAPABLE v1. */
    static byte[] synOptions() {
        return hex("020405b4 0402 080a 00001111 00000000 01 030307 1e040101");
    }

    /** NOP, NOP, TS, then a DSS with data ACK (4 bytes) and a 4-byte mapping with checksum off. */
    static byte[] dssOptions() {
        return hex("0101 080a 00002222 00001111 1e142005 0a0b0c0d 01020304 00000001 05dc 0000");
    }
}
