package org.mptcpinspect.dissector.analysis.mptcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The default sink: SHA-256 of the stream, nothing kept. */
public final class DigestSink implements DataStreamSink {
    private final MessageDigest digest;
    private String hex;

    public DigestSink() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public void accept(byte[] data, int offset, int length) {
        digest.update(data, offset, length);
    }

    @Override
    public void finish() {
        if (hex == null) {
            hex = HexFormat.of().formatHex(digest.digest());
        }
    }

    @Override
    public String sha256() {
        finish();
        return hex;
    }
}
