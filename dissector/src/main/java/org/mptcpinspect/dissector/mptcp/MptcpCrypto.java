package org.mptcpinspect.dissector.mptcp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed values of MPTCP: a key's token and IDSN (RFC 8684 section 3.1: SHA-256 in version 1,
 * SHA-1 in version 0 per RFC 6824), the MP_JOIN HMACs (section 3.2) and the ADD_ADDR HMAC
 * (section 3.4.1). The one place where MPTCP cryptography is computed. Holds reusable digests, so
 * one instance per thread.
 */
public final class MptcpCrypto {
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    private final Mac hmacSha1;
    private final Mac hmacSha256;

    public MptcpCrypto() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
            sha256 = MessageDigest.getInstance("SHA-256");
            hmacSha1 = Mac.getInstance("HmacSHA1");
            hmacSha256 = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-1/SHA-256 or their HMACs", e);
        }
    }

    /** A key's token and IDSN. */
    public record KeyDerived(long token, long idsn) {
    }

    /**
     * Token (most significant 32 bits of the key's hash) and IDSN (least significant 64 bits):
     * SHA-1 for version 0, SHA-256 otherwise.
     */
    public KeyDerived derive(int version, long key) {
        byte[] digest = (version == 0 ? sha1 : sha256).digest(bigEndian(key));
        long token = readBigEndian(digest, 0, 4);
        long idsn = readBigEndian(digest, digest.length - 8, 8);
        return new KeyDerived(token, idsn);
    }

    /**
     * The MP_JOIN HMAC a host sends (RFC 8684 section 3.2): HMAC(Key = own key || peer key,
     * Msg = own random || peer random), HMAC-SHA256 (version 1) or HMAC-SHA1 (version 0), 20 octets
     * at most (the ACK carries the leftmost 160 bits, the SYN/ACK the leftmost 64).
     */
    public byte[] joinHmac(int version, long ownKey, long peerKey, long ownRandom, long peerRandom) {
        byte[] message = new byte[8];
        writeBigEndian(message, 0, ownRandom, 4);
        writeBigEndian(message, 4, peerRandom, 4);
        return Arrays.copyOf(hmac(version, ownKey, peerKey, message), 20);
    }

    /** The leftmost 64 bits of {@link #joinHmac}, as the MP_JOIN SYN/ACK carries them. */
    public long joinTruncatedHmac(int version, long ownKey, long peerKey, long ownRandom, long peerRandom) {
        return readBigEndian(joinHmac(version, ownKey, peerKey, ownRandom, peerRandom), 0, 8);
    }

    /**
     * ADD_ADDR's truncated HMAC (RFC 8684 section 3.4.1): the rightmost 64 bits of HMAC(Key =
     * sender's key || receiver's key, Msg = address ID || address || port). The port takes two
     * octets, zero when the option has none, as Linux computes it.
     */
    public long addAddrHmac(int version, long senderKey, long receiverKey, int addressId, byte[] address, int port) {
        byte[] message = new byte[1 + address.length + 2];
        message[0] = (byte) addressId;
        System.arraycopy(address, 0, message, 1, address.length);
        writeBigEndian(message, 1 + address.length, port, 2);
        byte[] mac = hmac(version, senderKey, receiverKey, message);
        return readBigEndian(mac, mac.length - 8, 8);
    }

    private byte[] hmac(int version, long key1, long key2, byte[] message) {
        byte[] key = new byte[16];
        writeBigEndian(key, 0, key1, 8);
        writeBigEndian(key, 8, key2, 8);
        Mac mac = version == 0 ? hmacSha1 : hmacSha256;
        try {
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("a 16-octet HMAC key is always valid", e);
        }
        return mac.doFinal(message);
    }

    private static byte[] bigEndian(long value) {
        byte[] out = new byte[8];
        writeBigEndian(out, 0, value, 8);
        return out;
    }

    private static void writeBigEndian(byte[] out, int offset, long value, int size) {
        for (int i = 0; i < size; i++) {
            out[offset + i] = (byte) (value >>> (8 * (size - 1 - i)));
        }
    }

    private static long readBigEndian(byte[] in, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = v << 8 | (in[offset + i] & 0xff);
        }
        return v;
    }
}
