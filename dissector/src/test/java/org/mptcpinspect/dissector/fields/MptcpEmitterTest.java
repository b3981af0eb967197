package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.mptcp.MptcpOptionDissector;

/**
 * The fields MptcpEmitter derives from an option alone, checked against RFC 8684 section 3.2's
 * definitions computed here independently: the token is the most significant 32 bits of the
 * SHA-256 (v1; SHA-1 in RFC 6824's v0) of the key, the IDSN the least significant 64 bits.
 */
class MptcpEmitterTest {
    private static final FieldRegistry REGISTRY = FieldRegistry.standard();

    private static String fields(String optionHex, String... names) throws IOException {
        byte[] option = HexFormat.of().parseHex(optionHex.replace(" ", ""));
        List<Field> columns = java.util.Arrays.stream(names).map(REGISTRY::lookup).toList();
        FieldCollector c = new FieldCollector(columns, FieldsOptions.DEFAULT, new ValueFormat(ZoneId.of("UTC")),
                REGISTRY.idLimit());
        c.reset();
        new MptcpEmitter(new MptcpAnalysisEmitter(Preferences.DEFAULT)).emit(c, option, MptcpOptionDissector.dissect(option, 0, option.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.writeRow(out);
        String row = out.toString(StandardCharsets.UTF_8);
        return row.substring(0, row.length() - 1);
    }

    private static String tokenAndIdsn(String algorithm, long key) throws Exception {
        byte[] d = MessageDigest.getInstance(algorithm).digest(java.nio.ByteBuffer.allocate(8).putLong(key).array());
        long token = java.nio.ByteBuffer.wrap(d, 0, 4).getInt() & 0xffffffffL;
        long idsn = java.nio.ByteBuffer.wrap(d, d.length - 8, 8).getLong();
        return token + "\t" + Long.toUnsignedString(idsn);
    }

    @Test
    void version1KeysHashWithSha256() throws Exception {
        assertEquals(tokenAndIdsn("SHA-256", 0xdf7e041d157976c6L),
                fields("1e0c 0101 df7e041d157976c6", "mptcp.expected_token", "mptcp.expected_idsn"));
        // A value tshark printed for this key (frame 4 of a lab capture): 298985944 for 16104313840484316870.
        assertEquals("298985944", fields("1e0c 0101 df7e041d157976c6", "mptcp.expected_token"));
    }

    @Test
    void version0KeysHashWithSha1() throws Exception {
        assertEquals(tokenAndIdsn("SHA-1", 0x8102030405060708L),
                fields("1e0c 0081 8102030405060708", "mptcp.expected_token", "mptcp.expected_idsn"));
    }

    @Test
    void withoutTheHFlagThereIsNoAlgorithmSoNoToken() throws IOException {
        assertEquals("9295995896645158664\t\t", fields("1e14 0080 8102030405060708 1112131415161718",
                "tcp.options.mptcp.sendkey", "mptcp.expected_token", "mptcp.expected_idsn"));
    }

    @Test
    void reservedFlagsDependOnTheVersion() throws IOException {
        // v0 reserves C..G (0x3e), v1 only D..G (0x1e): C is "no more subflows".
        assertEquals("0x1f\t1", fields("1e04 003f", "tcp.options.mptcp.reserved.flag",
                "tcp.options.mptcp.sha1.flag"));
        assertEquals("0x0f\t1\t1", fields("1e04 013f", "tcp.options.mptcp.reserved.flag",
                "tcp.options.mptcp.nomoresubflows.flag", "tcp.options.mptcp.sha256.flag"));
    }

    @Test
    void cutShortOptionsShowWhatFits() throws IOException {
        // DSS announcing a 4-octet mapping in 12 octets: DSN and subflow sequence fit, the length does not.
        assertEquals("0x04\t9\t7\t", fields("1e0c 2004 00000009 00000007", "tcp.options.mptcp.flags",
                "tcp.options.mptcp.rawdataseqno", "tcp.options.mptcp.subflowseqno", "tcp.options.mptcp.datalvllen"));
    }
}
