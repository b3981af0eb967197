package org.mptcpinspect.dissector.analysis.counters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/**
 * Builds IPv4/TCP packets with MPTCP options byte by byte (RFC 8684 section 3 layouts) for what
 * the kernel never sends in the lab, and writes them as a LINKTYPE_RAW pcap with {@link PcapWriter}.
 */
final class HandBuiltCapture {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    private final List<byte[]> packets = new ArrayList<>();

    /** One TCP endpoint: an IPv4 address (e.g. 0xc0000201 for 192.0.2.1) and a port. */
    record End(int address, int port) {
    }

    /** Adds a segment from {@code from} to {@code to}; {@code options} are whole MPTCP options. */
    HandBuiltCapture add(End from, End to, long seq, long ack, int flags, int payload, byte[]... options) {
        ByteArrayOutputStream opts = new ByteArrayOutputStream();
        for (byte[] o : options) {
            opts.writeBytes(o);
        }
        while (opts.size() % 4 != 0) {
            opts.write(1); // NOP
        }
        int tcpLength = 20 + opts.size();
        int total = 20 + tcpLength + payload;
        byte[] p = new byte[total];
        p[0] = 0x45;
        put(p, 2, total, 2);
        p[8] = 64;
        p[9] = 6;
        put(p, 12, from.address(), 4);
        put(p, 16, to.address(), 4);
        put(p, 20, from.port(), 2);
        put(p, 22, to.port(), 2);
        put(p, 24, seq, 4);
        put(p, 28, ack, 4);
        p[32] = (byte) (tcpLength / 4 << 4);
        p[33] = (byte) flags;
        put(p, 34, 65535, 2);
        System.arraycopy(opts.toByteArray(), 0, p, 40, opts.size());
        packets.add(p);
        return this;
    }

    void write(Path file) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, TimestampResolution.MICROSECONDS)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] p : packets) {
                w.write(t, p.length, p);
                t += 1_000_000;
            }
        }
    }

    private static void put(byte[] b, int at, long value, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (value >>> (8 * (n - 1 - i)));
        }
    }

    private static byte[] option(int length, int subtypeAndNibble, int fourth, long... words) {
        byte[] o = new byte[length];
        o[0] = 30;
        o[1] = (byte) length;
        o[2] = (byte) subtypeAndNibble;
        if (length > 3) {
            o[3] = (byte) fourth;
        }
        int at = 4;
        for (int i = 0; i + 1 < words.length; i += 2) {
            put(o, at, words[i + 1], (int) words[i]);
            at += (int) words[i];
        }
        return o;
    }

    /** MP_CAPABLE SYN of version 1 (no key), flags H. */
    static byte[] capableSyn() {
        return option(4, 0x01, 0x01);
    }

    /** MP_CAPABLE SYN of RFC 6824's version 0, with the sender's key. */
    static byte[] capableSynV0(long key) {
        return option(12, 0x00, 0x01, 8, key);
    }

    /** MP_CAPABLE SYN/ACK carrying the sender's key. */
    static byte[] capableSynAck(int version, long key) {
        return option(12, version, 0x01, 8, key);
    }

    /** MP_CAPABLE third ACK carrying both keys. */
    static byte[] capableAck(int version, long senderKey, long receiverKey) {
        return option(20, version, 0x01, 8, senderKey, 8, receiverKey);
    }

    /** MP_JOIN SYN: address ID, receiver's token, sender's random; backup flag B. */
    static byte[] joinSyn(boolean backup, int addressId, long token, long random) {
        return option(12, 0x10 | (backup ? 1 : 0), addressId, 4, token, 4, random);
    }

    static byte[] joinSynAck(boolean backup, int addressId, long truncatedHmac, long random) {
        return option(16, 0x10 | (backup ? 1 : 0), addressId, 8, truncatedHmac, 4, random);
    }

    /** MP_JOIN third ACK carrying the sender's 160-bit HMAC. */
    static byte[] joinAck(byte[] hmac) {
        byte[] o = option(24, 0x10, 0);
        System.arraycopy(hmac, 0, o, 4, 20);
        return o;
    }

    /** DSS with an 8-octet data ACK and an 8-octet-DSN mapping (no checksum); length 0 is infinite. */
    static byte[] dss(long dataAck, long dsn, long ssn, int dataLength) {
        return option(26, 0x20, 0x0f, 8, dataAck, 8, dsn, 4, ssn, 2, dataLength);
    }

    /** DSS with a 4-octet data ACK and a 4-octet-DSN mapping (RFC 6824 stacks; no checksum). */
    static byte[] dss32(long dataAck, long dsn, long ssn, int dataLength) {
        return option(18, 0x20, 0x05, 4, dataAck, 4, dsn, 4, ssn, 2, dataLength);
    }

    /** DSS with only a 4-octet data ACK. */
    static byte[] dataAck32(long dataAck) {
        return option(8, 0x20, 0x01, 4, dataAck);
    }

    /** DSS with only an 8-octet data ACK. */
    static byte[] dataAck(long dataAck) {
        return option(12, 0x20, 0x03, 8, dataAck);
    }

    static byte[] mpFail(long dsn) {
        return option(12, 0x60, 0, 8, dsn);
    }

    static byte[] mpPrio(boolean backup) {
        return option(3, 0x50 | (backup ? 1 : 0), 0);
    }

    /** ADD_ADDR (version 1, IPv4, echo 0) with its truncated HMAC. */
    static byte[] addAddr(int addressId, int address, long truncatedHmac) {
        return option(16, 0x30, addressId, 4, address, 8, truncatedHmac);
    }

    /** RFC 6824's ADD_ADDR (version 0): IPVer 4 in the low nibble, no HMAC. */
    static byte[] addAddrV0(int addressId, int address) {
        return option(8, 0x34, addressId, 4, address);
    }

    static byte[] removeAddr(int addressId) {
        return option(4, 0x40, addressId);
    }

    static byte[] tcpRst(int reason) {
        return option(4, 0x80, reason);
    }
}
