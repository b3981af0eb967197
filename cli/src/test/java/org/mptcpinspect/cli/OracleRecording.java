package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Our outputs against tshark's, both normalized (less the listed differences): where tshark is
 * installed against its fresh output, whose SHA-256 is then recorded in a file; where it is not,
 * against the recorded digest. One per test class; {@link #save} after the last comparison.
 */
final class OracleRecording {
    private final Path file;
    private final Map<String, String> recorded = new TreeMap<>();
    private final Map<String, String> fresh = new TreeMap<>();

    /**
     * Loads the digests recorded in {@code file}, and runs the test in UTC: tshark prints local
     * times, and both tools then print them in the same zone.
     */
    OracleRecording(Path file) throws IOException {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        this.file = file;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] kv = line.split("\t");
                recorded.put(kv[0], kv[1]);
            }
        }
    }

    /**
     * Our output (already normalized) against tshark's for {@code args} passed through
     * {@code normalize}, or against the recorded digest (the test is skipped when there is none).
     *
     * @return the number of bytes compared
     */
    long check(String key, List<String> args, UnaryOperator<String> normalize, String ours) throws Exception {
        if (Tshark.available()) {
            String theirs = normalize.apply(Tshark.run(args));
            synchronized (fresh) {
                fresh.put(key, sha256(theirs));
            }
            assertSameText(key, theirs, ours);
            return theirs.getBytes(StandardCharsets.UTF_8).length;
        }
        String digest = recorded.get(key);
        Assumptions.assumeTrue(digest != null, "tshark is not installed and " + key + " is not recorded");
        assertEquals(digest, sha256(ours), key + ": differs from tshark's recorded output (install tshark to see where)");
        return ours.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Prints what was compared, then writes the digests of the fresh comparisons if any changed. */
    void save(String compared) throws IOException {
        System.out.println(compared);
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, String> all = new TreeMap<>(recorded);
        all.putAll(fresh);
        if (!all.equals(recorded)) {
            StringBuilder sb = new StringBuilder();
            all.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        }
    }

    /** Fails with the first line that differs and its neighbours, not two whole outputs. */
    static void assertSameText(String key, String theirs, String ours) {
        if (theirs.equals(ours)) {
            return;
        }
        String[] t = theirs.split("\n", -1);
        String[] o = ours.split("\n", -1);
        int i = 0;
        while (i < t.length && i < o.length && t[i].equals(o[i])) {
            i++;
        }
        int from = Math.max(0, i - 4);
        fail(key + ": line " + (i + 1) + " differs from tshark's\n--- tshark\n"
                + String.join("\n", Arrays.copyOfRange(t, from, Math.min(t.length, i + 4))) + "\n--- ours\n"
                + String.join("\n", Arrays.copyOfRange(o, from, Math.min(o.length, i + 4))));
    }

    static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
