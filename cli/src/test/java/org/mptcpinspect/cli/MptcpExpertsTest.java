package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.ACK;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.cli.ReadCommandTest.Result;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpExchange;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpScript.Flow;

/**
 * The MPTCP experts and analysis fields of {@code read} on hand-built exchanges the kernel never
 * sends: each must appear on exactly the frame built to carry it, in {@code -T fields}, in
 * {@code -Y} and as an expert item in {@code -V}; where Wireshark 4.0 has the expert, tshark
 * (with its MPTCP analysis on) must flag the same frames.
 */
class MptcpExpertsTest {
    private static final List<String> TSHARK_ANALYSIS = List.of("-o", "mptcp.analyze_mappings:TRUE",
            "-o", "mptcp.intersubflows_retransmission:TRUE");

    @TempDir
    Path dir;

    /** Frames 1-3: handshake whose third ACK echoes a receiver key that is not the SYN/ACK's. */
    @Test
    void echoedKeyMismatch() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01, MptcpExchange.KEY_S ^ 1);
        x.clientData(x.c, 1000, 0, MptcpScript.bytes(100, 1));
        Path cap = write(x.s, "echo");
        expect(cap, "mptcp.connection.echoed_key_mismatch", List.of(3L), true,
                "The echoed key in the ACK of the MPTCP handshake does not match the key of the SYN/ACK",
                "Warning/Protocol");
    }

    /** No HMAC algorithm bit (both experts), then a reserved algorithm bit alone (unsupported only). */
    @Test
    void missingAndUnsupportedAlgorithm() throws Exception {
        Path none = write(new MptcpExchange(1, 0x00).s, "none");
        expect(none, "mptcp.connection.missing_algorithm", List.of(1L, 2L, 3L), true,
                "No crypto algorithm specified", "Warning/Protocol");
        expect(none, "mptcp.connection.unsupported_algorithm", List.of(1L, 2L, 3L), true,
                "Unsupported algorithm", "Warning/Protocol");
        Path reserved = write(new MptcpExchange(1, 0x02).s, "reserved");
        expect(reserved, "mptcp.connection.missing_algorithm", List.of(), true, null, null);
        expect(reserved, "mptcp.connection.unsupported_algorithm", List.of(1L, 2L, 3L), true,
                "Unsupported algorithm", "Warning/Protocol");
        Path sha = write(new MptcpExchange(1, 0x01).s, "sha");
        expect(sha, "mptcp.connection.unsupported_algorithm", List.of(), true, null, null);
    }

    /** Frame 5 maps with data-level length 0 (RFC 8684 section 3.3.1: fallback); frame 6 is plain TCP. */
    @Test
    void infiniteMapping() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        x.clientData(x.c, 1000, 0, MptcpScript.bytes(500, 2));
        x.s.send(x.c, ACK, MptcpScript.dss(x.serverIdsn + 1, x.clientIdsn + 501, 0, 0, false, -1),
                MptcpScript.bytes(500, 3));
        x.s.send(x.c, ACK, new byte[0], MptcpScript.bytes(500, 4));
        Path cap = write(x.s, "infinite");
        expect(cap, "mptcp.dss.infinite_mapping", List.of(5L), true, "Fallback to infinite mapping",
                "Warning/Protocol");
    }

    /** Frame 5 carries data past frame 4's mapping, with a DSS that has a DATA_ACK but no mapping. */
    @Test
    void missingMapping() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        x.clientData(x.c, 1000, 0, MptcpScript.bytes(500, 5));
        x.s.send(x.c, ACK, MptcpScript.dssAck(x.serverIdsn + 1), MptcpScript.bytes(300, 6));
        Path cap = write(x.s, "missing");
        expect(cap, "mptcp.dss.missing_mapping", List.of(5L), true, "No mapping available", "Warning/Protocol");
    }

    /** A join whose SYN/ACK (frame 5) and ACK (frame 6) HMACs are both wrong; a good join flags nothing. */
    @Test
    void badJoinHmac() throws Exception {
        MptcpExchange bad = new MptcpExchange(1, 0x01);
        bad.join(1, 1);
        expect(write(bad.s, "badjoin"), "mptcp.analysis.bad_join_hmac", List.of(5L, 6L), false,
                "MP_JOIN HMAC does not match the connection's keys", "Warning/Security");
        MptcpExchange onlyAck = new MptcpExchange(1, 0x01);
        onlyAck.join(0, 1);
        expect(write(onlyAck.s, "badack"), "mptcp.analysis.bad_join_hmac", List.of(6L), false, null, null);
        MptcpExchange good = new MptcpExchange(0, 0x01);
        good.join(0, 0);
        expect(write(good.s, "goodjoin"), "mptcp.analysis.bad_join_hmac", List.of(), false, null, null);
    }

    /** ADD_ADDR with the right truncated HMAC (frame 4, RFC 8684 section 3.4.1), then a wrong one (frame 5). */
    @Test
    void badAddAddrHmac() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        int address = 0xc6336402;
        byte[] message = ByteBuffer.allocate(7).put((byte) 5).putInt(address).putShort((short) 0).array();
        byte[] mac = MptcpScript.hmac(1, MptcpExchange.KEY_S, MptcpExchange.KEY_C, message);
        long truncated = ByteBuffer.wrap(mac).getLong(mac.length - 8);
        x.s.send(x.srv, ACK, MptcpScript.addAddr(5, address, truncated), new byte[0]);
        x.s.send(x.srv, ACK, MptcpScript.addAddr(5, address, truncated ^ 1), new byte[0]);
        expect(write(x.s, "addaddr"), "mptcp.analysis.bad_add_addr_hmac", List.of(5L), false,
                "ADD_ADDR HMAC does not match the connection's keys", "Warning/Security");
    }

    /** Checksums negotiated (flag A): frame 4's DSS checksum is right, frame 5's is off by one bit. */
    @Test
    void badDssChecksum() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x81);
        x.checksummedClientData(0, MptcpScript.bytes(1001, 7), 0);
        x.checksummedClientData(1001, MptcpScript.bytes(500, 8), 0x0100);
        expect(write(x.s, "checksum"), "mptcp.analysis.bad_dss_checksum", List.of(5L), false,
                "DSS checksum does not match the mapping's data", "Error/Checksum");
    }

    /** Frame 8 sends data on the initial subflow; frame 9 sends the same data-level bytes on the join. */
    @Test
    void reinjection() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        Flow j = x.join(0, 0);
        byte[] data = MptcpScript.bytes(800, 9);
        x.clientData(x.c, 1000, 0, data);
        x.clientData(j, 77000, 0, data);
        Path cap = write(x.s, "reinjection");
        expect(cap, "mptcp.analysis.reinjection", List.of(9L), false,
                "Data already sent on another subflow (reinjection)", "Note/Sequence");
        expect(cap, "mptcp.reinjection_of", List.of(9L), true, null, null);
        assertEquals("9\t8\n", fields(cap, "-Y", "mptcp.reinjection_of", "-e", "frame.number", "-e",
                "mptcp.reinjection_of"));
        if (Tshark.available()) {
            assertEquals("9\t8\n", tshark(cap, "-Y", "mptcp.reinjection_of", "-T", "fields", "-e", "frame.number",
                    "-e", "mptcp.reinjection_of"));
        }
    }

    /** MP_FASTCLOSE carries the receiver's key (RFC 8684 section 3.5): right in frame 4, wrong in frame 5. */
    @Test
    void fastcloseWithTheWrongKey() throws Exception {
        MptcpExchange x = new MptcpExchange(1, 0x01);
        x.s.send(x.srv, ACK, MptcpScript.mpFastclose(MptcpExchange.KEY_C), new byte[0]);
        x.s.send(x.c, ACK, MptcpScript.mpFastclose(MptcpExchange.KEY_S ^ 0x100), new byte[0]);
        expect(write(x.s, "fastclose"), "mptcp.analysis.bad_fastclose_key", List.of(5L), false,
                "MP_FASTCLOSE key is not the receiver's key", "Warning/Security");
    }

    private Path write(MptcpScript s, String name) throws Exception {
        Path file = dir.resolve(name + ".pcap");
        s.write(file);
        return file;
    }

    /**
     * {@code field} is on exactly {@code frames}: in -T fields, through -Y, and (when {@code tshark})
     * in tshark's analysis; with a {@code message}, -V shows it as an expert item on the first frame.
     */
    private static void expect(Path cap, String field, List<Long> frames, boolean tshark, String message,
                               String severityGroup) throws Exception {
        StringBuilder expected = new StringBuilder();
        for (long f : frames) {
            expected.append(f).append('\n');
        }
        List<Long> present = new ArrayList<>();
        for (String line : fields(cap, "-e", "frame.number", "-e", field).split("\n")) {
            String[] cols = line.split("\t", -1);
            if (cols.length == 2 && !cols[1].isEmpty()) {
                present.add(Long.parseLong(cols[0]));
            }
        }
        assertEquals(frames, present, field + " in -T fields");
        assertEquals(expected.toString(), fields(cap, "-Y", field, "-e", "frame.number"), field + " through -Y");
        if (tshark && Tshark.available()) {
            assertEquals(expected.toString(), tshark(cap, "-Y", field, "-T", "fields", "-e", "frame.number"),
                    field + ": tshark flags other frames");
        }
        if (message != null) {
            Result v = ReadCommandTest.run("read", cap.toString(), "-V", "-Y", "frame.number == " + frames.getFirst());
            assertEquals(0, v.code(), v.err());
            assertTrue(v.out().contains("[Expert Info (" + severityGroup + "): " + message + "]\n"), v.out());
            assertTrue(v.out().contains("[" + message + "]\n"), v.out());
        }
    }

    private static String fields(Path cap, String... args) {
        List<String> all = new ArrayList<>(List.of("read", cap.toString(), "-T", "fields"));
        all.addAll(List.of(args));
        Result r = ReadCommandTest.run(all.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    private static String tshark(Path cap, String... args) throws Exception {
        List<String> all = new ArrayList<>(TSHARK_ANALYSIS);
        all.addAll(List.of("-r", cap.toString()));
        all.addAll(List.of(args));
        return Tshark.run(all);
    }
}
