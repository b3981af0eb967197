package org.mptcpinspect.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/**
 * Hand-built captures for what the kernel captures do not show: every MPTCP option subtype and
 * length (v0, MP_FAIL, malformed options), every TCP option, every link type, VLAN tags, IPv6
 * extension headers, port reuse, retransmissions, unknown window scale, snaplen cuts. They are
 * compared with tshark like the lab's captures. Deterministic: the same bytes every run.
 */
final class SyntheticCaptures {
    private static final HexFormat HEX = HexFormat.of();
    private static final long T0 = 1_700_000_000_000_000_000L;

    private SyntheticCaptures() {
    }

    /** Name -> writer of each synthetic capture. */
    static Map<String, Writer> all() {
        Map<String, Writer> m = new LinkedHashMap<>();
        m.put("synthetic-mptcp-options", SyntheticCaptures::mptcpOptions);
        m.put("synthetic-tcp-options", SyntheticCaptures::tcpOptions);
        m.put("synthetic-tcp-streams", SyntheticCaptures::tcpStreams);
        m.put("synthetic-link-types-eth", out -> linkTypes(out, LinkType.ETHERNET));
        m.put("synthetic-link-types-sll", out -> linkTypes(out, LinkType.LINUX_SLL));
        m.put("synthetic-link-types-sll2", out -> linkTypes(out, LinkType.LINUX_SLL2));
        m.put("synthetic-link-types-null", out -> linkTypes(out, LinkType.NULL));
        m.put("synthetic-link-types-loop", out -> linkTypes(out, LinkType.LOOP));
        m.put("synthetic-link-types-raw", out -> linkTypes(out, LinkType.RAW));
        m.put("synthetic-link-types-ipv4", out -> linkTypes(out, LinkType.IPV4));
        m.put("synthetic-link-types-ipv6", out -> linkTypes(out, LinkType.IPV6));
        for (int snaplen : new int[] {34, 48, 60, 72, 80, 96}) {
            m.put("synthetic-snaplen-" + snaplen, out -> snapped(out, snaplen));
        }
        return m;
    }

    interface Writer {
        void write(Path file) throws IOException;
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A TCP segment with the given options (padded with EOL zeros to a multiple of 4). */
    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options,
                      byte[] payload) {
        int optionsLength = (options.length + 3) / 4 * 4;
        int hl = 20 + optionsLength;
        byte[] t = new byte[hl + payload.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = (byte) ((hl / 4) << 4 | (flags >> 8 & 0x0f));
        t[13] = (byte) flags;
        put16(t, 14, window);
        put16(t, 16, 0x1234);
        System.arraycopy(options, 0, t, 20, options.length);
        System.arraycopy(payload, 0, t, hl, payload.length);
        return t;
    }

    static byte[] ipv4(int src, int dst, int protocol, byte[] payload) {
        byte[] ip = new byte[20 + payload.length];
        ip[0] = 0x45;
        put16(ip, 2, ip.length);
        put16(ip, 4, 0x4242);
        ip[6] = 0x40;
        ip[8] = 64;
        ip[9] = (byte) protocol;
        put16(ip, 10, 0xbeef);
        put32(ip, 12, src & 0xffffffffL);
        put32(ip, 16, dst & 0xffffffffL);
        System.arraycopy(payload, 0, ip, 20, payload.length);
        return ip;
    }

    /** IPv6 with extension headers given as (type, bytes) already chained by the caller. */
    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        byte[] ip = new byte[40 + payload.length];
        put32(ip, 0, 0x6_2a_12345L);
        put16(ip, 4, payload.length);
        ip[6] = (byte) nextHeader;
        ip[7] = 63;
        System.arraycopy(hex(src), 0, ip, 8, 16);
        System.arraycopy(hex(dst), 0, ip, 24, 16);
        System.arraycopy(payload, 0, ip, 40, payload.length);
        return ip;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    private static final int A = 0xc0000201;
    private static final int B = 0xc0000202;
    private static final int ACK = 0x10;
    private static final int SYN = 0x02;

    /** One packet per MPTCP option shape, on one stream after a plain handshake. */
    private static void mptcpOptions(Path file) throws IOException {
        String[] options = {
            "1e04 0181",                                    // MP_CAPABLE v1 SYN, checksum required
            "1e0c 0101 0102030405060708",                   // v1 SYN/ACK with key
            "1e14 0101 0102030405060708 1112131415161718",  // v1 ACK with both keys
            "1e16 0101 0102030405060708 1112131415161718 0100",       // v1 with data-level length
            "1e18 0101 0102030405060708 1112131415161718 0100 abcd",  // ... and checksum
            "1e0c 0181 0102030405060708",                   // checksum required
            "1e10 0101 0102030405060708 0000",              // MP_CAPABLE of a length no RFC has
            "1e0c 1103 11223344 55667788",                  // MP_JOIN SYN, backup, id 3
            "1e10 1005 0102030405060708 55667788",          // MP_JOIN SYN/ACK
            "1e18 1000 000102030405060708090a0b0c0d0e0f10111213",  // MP_JOIN ACK
            "1e0f 1000 00000000000000000000000000",         // MP_JOIN of a bad length
            "1e08 2001 00000064",                           // DSS: data ACK only
            "1e0c 2003 0000000000000064",                   // DSS: 8-byte data ACK
            "1e14 2005 00000009 0000000a 00000004 0005 beef",  // DSS: 4-byte DSN with checksum (tshark hides it)
            "1e12 2005 00000009 0000000a 00000004 0005",    // DSS: no checksum
            "1e1c 201f 0000000100000002 0000000000000003 00000004 0005 abcd",  // all 8-byte, DATA_FIN
            "1e1e 201f 0000000100000002 0000000000000003 00000004 0005 abcd 0000",  // 4 octets after length
            "1e0c 2004 00000009 00000000 0000",             // DSS: infinite mapping
            "1e08 3004 c6336402",                           // ADD_ADDR v0 IPv4 (IPVer 4)
            "1e0a 3005 c6336402 1f90",                      // ADD_ADDR IPv4 + port
            "1e10 3105 c6336402 0102030405060708",          // ADD_ADDR echo, truncated HMAC
            "1e12 3005 c6336402 01bb 0102030405060708",     // ADD_ADDR IPv4 + port + HMAC
            "1e14 3006 20010db8000000000000000000000002",   // ADD_ADDR v0 IPv6 (IPVer 6)
            "1e16 3007 20010db8000000000000000000000002 01bb",
            "1e1c 3007 20010db8000000000000000000000002 0102030405060708",
            "1e1e 3107 20010db8000000000000000000000002 01bb 0102030405060708",
            "1e05 3007 01",                                 // ADD_ADDR of a length without address
            "1e04 4003",                                    // REMOVE_ADDR one id
            "1e06 4003 0507",                               // REMOVE_ADDR three ids
            "1e03 5001",                                    // MP_PRIO backup
            "1e04 5007",                                    // MP_PRIO with address id (v0)
            "1e04 5000 07",                                 // ... followed by a byte of kind 7 (too short)
            "1e0c 6000 0102030405060708",                   // MP_FAIL
            "1e0c 7000 0102030405060708",                   // MP_FASTCLOSE
            "1e04 8d05",                                    // MP_TCPRST U V T, reason 5
            "1e04 8207",                                    // MP_TCPRST W, unknown reason 7
            "1e04 e000",                                    // unknown subtype 0xe
            "1e04 f0ff",                                    // experimental subtype 0xf
        };
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, TimestampResolution.MICROSECONDS)) {
            long t = T0;
            write(w, t, frameOf(ipv4(A, B, 6, tcp(40000, 8000, 1000, 0, SYN, 64240, hex("020405b4"), new byte[0]))));
            write(w, t += 1000, frameOf(ipv4(B, A, 6, tcp(8000, 40000, 5000, 1001, SYN | ACK, 65160, hex("020405b4"),
                    new byte[0]))));
            long seq = 1001;
            for (String option : options) {
                t += 1000;
                byte[] payload = {(byte) seq};
                write(w, t, frameOf(ipv4(A, B, 6, tcp(40000, 8000, seq, 5001, ACK, 502, hex(option), payload))));
                seq += 1;
            }
            // Version 0 (RFC 6824) on its own connection: SHA-1 keys, and an ACK without H (no token).
            for (String option : new String[] {"1e0c 0081 8102030405060708",
                "1e14 0081 8102030405060708 1112131415161718"}) {
                write(w, t += 1000, ipv4(A, B, 6, tcp(40009, 8000, 1, 1, ACK, 502, hex(option), new byte[0])));
            }
            // No H flag: no algorithm, so no token (on its own connection: Wireshark keeps the
            // algorithm of a connection's first MP_CAPABLE).
            write(w, t += 1000, ipv4(A, B, 6, tcp(40010, 8000, 1, 1, ACK, 502,
                    hex("1e14 0080 8102030405060708 1112131415161718"), new byte[0])));
            // Two options in one packet, and an option the snaplen cuts.
            write(w, t += 1000, frameOf(ipv4(A, B, 6, tcp(40000, 8000, seq, 5001, ACK, 502,
                    hex("1e08 2001 00000064 1e03 5001 01"), new byte[0]))));
            byte[] cut = ipv4(A, B, 6, tcp(40000, 8000, seq, 5001, ACK, 502, hex("0101 1e14 2005 00000009 0000000a "
                    + "00000004 0005 beef"), new byte[0]));
            write(w, t + 1000, cut.length, cut, 0, 30);
        }
    }

    /** One packet per other TCP option, plus odd lengths and NOP runs. */
    private static void tcpOptions(Path file) throws IOException {
        String[] options = {
            "020405b4 0402 080a0000000100000000 01 030307",  // SYN options
            "0101 080a0000000200000001",
            "0101 050a 000003e9000007d1",                    // SACK one block
            "0101 0512 00000bb900000fa1 00000fa900000fb1",   // SACK two blocks
            "1312 000102030405060708090a0b0c0d0e0f",          // MD5
            "1d06 01020a0b",                                 // TCP-AO
            "4b04 aabb",                                     // unknown kind 75
            "0203 00",                                       // MSS with a bad length
            "00 000000",                                     // EOL then zeros
            "00 00 01 00",                                   // EOL then a non-zero byte
            "01010101 01010101",                             // 8 NOPs
            "0101 080a0000000300000002 1e0c 2003 0000000000000064 0101",  // NOPs around options
            "0101 080a0000000400000003 0101 050a 000003e9000007d1",       // aligned NOP restarts the count
            "0303 0e",                                       // window scale 14
            "030f 0f",                                       // bad window scale length
        };
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, TimestampResolution.NANOSECONDS)) {
            long t = T0 + 123;
            long seq = 7000;
            int flags = SYN;
            for (String option : options) {
                write(w, t, frameOf(ipv4(A, B, 6, tcp(40001, 5443, seq, flags == SYN ? 0 : 9000, flags, 1000,
                        hex(option), new byte[0]))));
                t += 1_000_000;
                seq += flags == SYN ? 1 : 0;
                flags = ACK;
            }
        }
    }

    /**
     * Conversations: a full one (handshake with window scaling, data both ways, FIN), port reuse
     * (a SYN with a new ISN), a retransmission, an out-of-order segment, a keep-alive, one side
     * without window scaling, one seen mid-stream, a reset, and SACK relative to the peer's ISN.
     */
    private static void tcpStreams(Path file) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, TimestampResolution.MICROSECONDS)) {
            long t = T0;
            byte[] ws7 = hex("020405b4 0402 0101 030307");
            byte[] none = new byte[0];
            byte[] data = new byte[100];
            // Full conversation, 192.0.2.1:40002 -> 192.0.2.2:80
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 100, 0, SYN, 64240, ws7, none)));
            write(w, t += 1000, f(B, A, tcp(5080, 40002, 900, 101, SYN | ACK, 65160, ws7, none)));
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 101, 901, ACK, 502, none, none)));
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 101, 901, ACK | 0x08, 502, none, data)));
            write(w, t += 1000, f(B, A, tcp(5080, 40002, 901, 201, ACK, 510, none, new byte[50])));
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 201, 951, ACK, 502, none, data)));
            write(w, t += 400_000, f(A, B, tcp(40002, 5080, 201, 951, ACK, 502, none, data)));  // retransmission
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 401, 951, ACK, 502, none, data)));     // skips 301..400
            write(w, t += 500, f(A, B, tcp(40002, 5080, 301, 951, ACK, 502, none, data)));      // out of order
            write(w, t += 1000, f(B, A, tcp(5080, 40002, 951, 301, ACK, 510,
                    hex("0101 050a 00000191 000001f5"), none)));                              // SACK 401-501
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 500, 951, ACK, 502, none, new byte[1])));  // keep-alive
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 501, 951, ACK | 0x01, 502, none, none)));
            write(w, t += 1000, f(B, A, tcp(5080, 40002, 951, 502, ACK | 0x01, 510, none, none)));
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 502, 952, ACK, 502, none, none)));
            // Port reuse: the same 4-tuple with a new ISN is a new stream.
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 77777, 0, SYN, 64240, ws7, none)));
            write(w, t += 1000, f(B, A, tcp(5080, 40002, 88888, 77778, SYN | ACK, 65160, hex("020405b4"), none)));
            write(w, t += 1000, f(A, B, tcp(40002, 5080, 77778, 88889, ACK, 502, none, data)));
            // A retransmitted SYN (same ISN) stays in its stream.
            write(w, t += 1000, f(A, B, tcp(40003, 5081, 5, 0, SYN, 1000, none, none)));
            write(w, t += 1000, f(A, B, tcp(40003, 5081, 5, 0, SYN, 1000, none, none)));
            write(w, t += 1000, f(B, A, tcp(5081, 40003, 0, 6, 0x04 | ACK, 0, none, none)));
            // Seen mid-stream: relative numbers start at 1, window scale unknown.
            write(w, t += 1000, f(B, A, tcp(5443, 50000, 123456789, 987654321, ACK, 100, none, data)));
            write(w, t += 1000, f(A, B, tcp(50000, 5443, 987654321, 123456889, ACK, 200, none, none)));
            // Urgent and ECN flags, reserved bits.
            write(w, t += 1000, f(A, B, tcp(50000, 5443, 987654321, 123456889, 0xff0 | ACK, 200, none, none)));
        }
    }

    private static void write(PcapWriter w, long time, byte[] frame) throws IOException {
        w.write(time, frame.length, frame);
    }

    private static void write(PcapWriter w, long time, int originalLength, byte[] frame, int from, int length)
            throws IOException {
        w.write(time, originalLength, frame, from, length);
    }

    /** The lab's join-subflow capture as if taken with "tcpdump -s SNAPLEN": every header cut somewhere. */
    private static void snapped(Path file, int snaplen) throws IOException {
        Path lab = TsharkFieldsOracleTest.projectRoot().resolve("testdata/pcaps/join-subflow.pcap");
        try (PcapFileReader in = CaptureFiles.open(lab);
             PcapWriter w = PcapWriter.create(file, LinkType.LINUX_SLL2, TimestampResolution.MICROSECONDS)) {
            RawFrame frame;
            int n = 0;
            while ((frame = in.next()) != null && n++ < 60) {
                w.write(frame.timestampNanos(), frame.originalLength(), frame.data(), 0,
                        Math.min(snaplen, frame.data().length));
            }
        } catch (CaptureException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static byte[] f(int src, int dst, byte[] segment) {
        return frameOf(ipv4(src, dst, 6, segment));
    }

    private static byte[] frameOf(byte[] packet) {
        return packet;
    }

    /** The same few packets behind each link-layer header: IPv4 and IPv6 TCP, VLANs, extension headers, ARP. */
    private static void linkTypes(Path file, int linkType) throws IOException {
        byte[] mptcpSyn = tcp(40000, 8000, 1, 0, SYN, 64240, hex("020405b4 1e04 0101"), new byte[0]);
        byte[] data = tcp(40000, 8000, 2, 1, ACK, 502, hex("1e08 2001 00000064"), "hello".getBytes());
        byte[] v4 = ipv4(A, B, 6, mptcpSyn);
        byte[] v4data = ipv4(A, B, 6, data);
        String s6 = "20010db8000000000000000000000001";
        String d6 = "20010db8000000000000000000000002";
        byte[] v6 = ipv6(s6, d6, 6, mptcpSyn);
        // Hop-by-hop (PadN) -> destination options -> routing (type 0, no addresses) -> fragment -> TCP
        byte[] ext = cat(hex("3c00 0104 00000000"), hex("2b00 0104 00000000"), hex("2c00 0000 00000000"),
                hex("0600 0000 12345678"), data);
        byte[] v6ext = ipv6(s6, d6, 0, ext);
        // UDP is named, not dissected: no payload, so tshark adds no "data" layer either.
        byte[] udp = ipv4(A, B, 17, hex("9c40 1389 0008 0000"));
        byte[] icmp6 = ipv6("fe800000000000000000000000000001", "ff020000000000000000000000000001", 58,
                hex("8000 0000 0001 0001"));
        try (PcapWriter w = PcapWriter.create(file, linkType, TimestampResolution.MICROSECONDS)) {
            long t = T0;
            boolean v4Only = linkType == LinkType.IPV4;
            boolean v6Only = linkType == LinkType.IPV6;
            if (!v6Only) {
                write(w, t += 1, link(linkType, 0x0800, v4, -1));
                write(w, t += 1, link(linkType, 0x0800, v4data, -1));
                write(w, t += 1, link(linkType, 0x0800, udp, -1));
                byte[] cut = link(linkType, 0x0800, v4data, -1);
                write(w, t += 1, cut.length, cut, 0, cut.length - 3);
            }
            if (!v4Only) {
                write(w, t += 1, link(linkType, 0x86dd, v6, -1));
                write(w, t += 1, link(linkType, 0x86dd, v6ext, -1));
                write(w, t += 1, link(linkType, 0x86dd, icmp6, -1));
            }
            if (linkType == LinkType.ETHERNET) {
                write(w, t += 1, link(linkType, 0x0800, v4, 100));
                write(w, t += 1, cat(hex("ffffffffffff 020000000001 8100"), hex("a064 8100 0065 0800"), v4));
                write(w, t += 1, cat(hex("ffffffffffff 020000000001 0806"),
                        hex("0001 0800 06 04 0001 020000000001 c0000201 000000000000 c0000202")));
                write(w, t += 1, cat(hex("3333000000fb 020000000001 86dd"), icmp6));
            }
            if (linkType == LinkType.LINUX_SLL || linkType == LinkType.LINUX_SLL2) {
                write(w, t += 1, link(linkType, 0x0806,
                        hex("0001 0800 06 04 0002 020000000002 c0000202 020000000001 c0000201"), -1));
            }
        }
    }

    /** A link-layer header of the type for an EtherType (optionally with one VLAN tag), then the packet. */
    private static byte[] link(int linkType, int etherType, byte[] packet, int vlan) {
        byte[] type = {(byte) (etherType >> 8), (byte) etherType};
        return switch (linkType) {
            case LinkType.ETHERNET -> vlan < 0 ? cat(hex("020000000002 020000000001"), type, packet)
                    : cat(hex("020000000002 020000000001 8100"), new byte[] {(byte) (vlan >> 8 | 0x20), (byte) vlan},
                    type, packet);
            case LinkType.LINUX_SLL -> cat(hex("0004 0001 0006 0200000000010000"), type, packet);
            case LinkType.LINUX_SLL2 -> cat(type, hex("0000 00000003 0001 04 06 0200000000010000"), packet);
            case LinkType.NULL -> cat(etherType == 0x0800 ? hex("02000000") : hex("1e000000"), packet);
            case LinkType.LOOP -> cat(etherType == 0x0800 ? hex("00000002") : hex("0000001e"), packet);
            default -> packet;
        };
    }
}
