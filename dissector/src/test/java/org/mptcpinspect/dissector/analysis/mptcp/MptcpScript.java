package org.mptcpinspect.dissector.analysis.mptcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/**
 * Builds MPTCP exchanges the kernel never sends (v0 keys, bad HMACs and checksums, infinite
 * mappings, MP_FAIL, conflicting reinjections, gaps) as raw IPv4 frames, packet by packet, with
 * the RFC 8684 arithmetic done here independently of the code under test.
 */
public final class MptcpScript {
    public static final int CLIENT = 0xc0000201; // 192.0.2.1
    public static final int SERVER = 0xc0000202; // 192.0.2.2
    public static final int CLIENT2 = 0xc6336401; // 198.51.100.1

    public final List<RawFrame> frames = new ArrayList<>();
    private long time = 1_700_000_000_000_000_000L;

    /** One direction of one subflow: addresses, ports and the next sequence numbers. */
    public static final class Flow {
        final int src;
        final int dst;
        final int sport;
        final int dport;
        public long seq;
        public long ack;

        public Flow(int src, int sport, int dst, int dport, long isn) {
            this.src = src;
            this.dst = dst;
            this.sport = sport;
            this.dport = dport;
            this.seq = isn;
        }
    }

    /** Appends a frame; {@code captured} below the frame length cuts it (snap length). */
    public RawFrame send(Flow f, int tcpFlags, byte[] options, byte[] payload, int captured) {
        int optLen = (options.length + 3) & ~3;
        int tcpLen = 20 + optLen;
        int total = 20 + tcpLen + payload.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(f.src).putInt(f.dst);
        b.putShort((short) f.sport).putShort((short) f.dport).putInt((int) f.seq).putInt((int) f.ack)
                .put((byte) ((tcpLen / 4) << 4)).put((byte) tcpFlags).putShort((short) 65535).putInt(0);
        b.put(options);
        for (int i = options.length; i < optLen; i++) {
            b.put((byte) 1);
        }
        b.put(payload);
        f.seq += payload.length + ((tcpFlags & 0x03) != 0 ? 1 : 0);
        byte[] data = b.array();
        byte[] kept = captured < data.length ? Arrays.copyOf(data, captured) : data;
        RawFrame frame = new RawFrame(frames.size() + 1, time += 1000, 0, LinkType.RAW, data.length, kept);
        frames.add(frame);
        return frame;
    }

    public RawFrame send(Flow f, int tcpFlags, byte[] options, byte[] payload) {
        return send(f, tcpFlags, options, payload, Integer.MAX_VALUE);
    }

    /** Writes the frames as a pcap (raw IP, nanoseconds), for the CLI and tshark to read. */
    public void write(Path file) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, LinkType.RAW, TimestampResolution.NANOSECONDS)) {
            for (RawFrame f : frames) {
                w.write(f.timestampNanos(), f.originalLength(), f.data());
            }
        }
    }

    public static final int SYN = 0x02;
    public static final int ACK = 0x10;
    public static final int FIN = 0x01;
    public static final int RST = 0x04;

    // ---- Options (RFC 8684 section 3) ----

    public static byte[] capableSyn(int version, int flags, long key) {
        if (version == 0) {
            return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) version).put((byte) flags)
                    .putLong(key).array();
        }
        return new byte[] {30, 4, (byte) version, (byte) flags};
    }

    public static byte[] capableSynAck(int version, int flags, long key) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) version).put((byte) flags)
                .putLong(key).array();
    }

    public static byte[] capableAck(int version, int flags, long senderKey, long receiverKey) {
        return ByteBuffer.allocate(20).put((byte) 30).put((byte) 20).put((byte) version).put((byte) flags)
                .putLong(senderKey).putLong(receiverKey).array();
    }

    /** DSS with an 8-octet DATA_ACK and an 8-octet DSN mapping, a checksum when {@code checksum >= 0}. */
    public static byte[] dss(long dataAck, long dsn, long ssn, int length, boolean dataFin, int checksum) {
        int len = 28 + (checksum >= 0 ? 2 : 0);
        ByteBuffer b = ByteBuffer.allocate(len).put((byte) 30).put((byte) len).put((byte) 0x20)
                .put((byte) (0x0f | (dataFin ? 0x10 : 0))).putLong(dataAck).putLong(dsn).putInt((int) ssn)
                .putShort((short) length);
        if (checksum >= 0) {
            b.putShort((short) checksum);
        }
        return b.array();
    }

    /** DSS with a 4-octet DSN mapping (its low 32 bits) and no DATA_ACK. */
    public static byte[] dss32(long dsn, long ssn, int length) {
        return ByteBuffer.allocate(14).put((byte) 30).put((byte) 14).put((byte) 0x20).put((byte) 0x04)
                .putInt((int) dsn).putInt((int) ssn).putShort((short) length).array();
    }

    /** A DATA_FIN alone (RFC 8684 section 3.3.3): 4-octet DSN mapping of length 1 at subflow sequence 0. */
    public static byte[] dataFin32(long dsn) {
        return ByteBuffer.allocate(14).put((byte) 30).put((byte) 14).put((byte) 0x20).put((byte) 0x14)
                .putInt((int) dsn).putInt(0).putShort((short) 1).array();
    }

    public static byte[] joinSyn(long token, long random, int addressId, boolean backup) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) (0x10 | (backup ? 1 : 0)))
                .put((byte) addressId).putInt((int) token).putInt((int) random).array();
    }

    public static byte[] joinSynAck(long truncatedHmac, long random, int addressId) {
        return ByteBuffer.allocate(16).put((byte) 30).put((byte) 16).put((byte) 0x10).put((byte) addressId)
                .putLong(truncatedHmac).putInt((int) random).array();
    }

    public static byte[] joinAck(byte[] hmac20) {
        return ByteBuffer.allocate(24).put((byte) 30).put((byte) 24).put((byte) 0x10).put((byte) 0)
                .put(hmac20, 0, 20).array();
    }

    public static byte[] addAddr(int addressId, int address, long truncatedHmac) {
        return ByteBuffer.allocate(16).put((byte) 30).put((byte) 16).put((byte) 0x30).put((byte) addressId)
                .putInt(address).putLong(truncatedHmac).array();
    }

    /** DSS with an 8-octet DATA_ACK only: no mapping. */
    public static byte[] dssAck(long dataAck) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x20).put((byte) 0x03)
                .putLong(dataAck).array();
    }

    public static byte[] mpFastclose(long receiverKey) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x70).put((byte) 0)
                .putLong(receiverKey).array();
    }

    public static byte[] mpFail(long dsn) {
        return ByteBuffer.allocate(12).put((byte) 30).put((byte) 12).put((byte) 0x60).put((byte) 0).putLong(dsn)
                .array();
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    // ---- RFC 8684 arithmetic, written out here ----

    /** {token, idsn} of a key: SHA-1 (v0) or SHA-256 (v1). */
    public static long[] tokenAndIdsn(int version, long key) throws GeneralSecurityException {
        byte[] h = MessageDigest.getInstance(version == 0 ? "SHA-1" : "SHA-256")
                .digest(ByteBuffer.allocate(8).putLong(key).array());
        ByteBuffer b = ByteBuffer.wrap(h);
        return new long[] {b.getInt(0) & 0xffff_ffffL, b.getLong(h.length - 8)};
    }

    public static byte[] hmac(int version, long key1, long key2, byte[] message) throws GeneralSecurityException {
        String algorithm = version == 0 ? "HmacSHA1" : "HmacSHA256";
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(ByteBuffer.allocate(16).putLong(key1).putLong(key2).array(), algorithm));
        return mac.doFinal(message);
    }

    public static byte[] randoms(long first, long second) {
        return ByteBuffer.allocate(8).putInt((int) first).putInt((int) second).array();
    }

    /** RFC 8684 section 3.3.1: ones' complement of the sum of pseudo-header (DSN, SSN, length, 0) and data. */
    public static int dssChecksum(long dsn, long ssn, int length, byte[] data) {
        long sum = 0;
        ByteBuffer h = ByteBuffer.allocate(16).putLong(dsn).putInt((int) ssn).putShort((short) length)
                .putShort((short) 0);
        byte[] all = concat(h.array(), data, data.length % 2 == 1 ? new byte[1] : new byte[0]);
        for (int i = 0; i < all.length; i += 2) {
            sum += (all[i] & 0xff) << 8 | all[i + 1] & 0xff;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    public static byte[] bytes(int n, int seed) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (i * 31 + seed * 7 + (i >> 8));
        }
        return out;
    }

    public static String sha256(byte[] data) throws GeneralSecurityException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
