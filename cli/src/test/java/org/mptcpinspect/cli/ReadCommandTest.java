package org.mptcpinspect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.TimestampResolution;

/** Runs {@code mptcp-inspect read} in-process on small hand-built captures. */
class ReadCommandTest {
    @TempDir
    static Path dir;
    static Path capture;

    /** Three Ethernet frames at t0, t0+17us, t0+19us; the third cut by snaplen (60 of 74 bytes). */
    @BeforeAll
    static void writeCapture() throws IOException {
        capture = dir.resolve("three.pcap");
        try (PcapWriter w = PcapWriter.create(capture, LinkType.ETHERNET, TimestampResolution.MICROSECONDS)) {
            long t0 = 1795543769_598618000L;
            w.write(t0, 48, new byte[48]);
            w.write(t0 + 17_000, 48, new byte[48]);
            w.write(t0 + 19_000, 74, new byte[60]);
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void quietPrintsNoSummaryLine() {
        Result r = run("read", capture.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void fieldsOfEveryFrame() {
        Result r = run("read", capture.toString(), "-T", "fields", "-E", "header=y", "-e", "frame.number",
                "-e", "frame.time_relative", "-e", "frame.time_delta", "-e", "frame.len", "-e", "frame.cap_len",
                "-e", "frame.encap_type", "-e", "frame.interface_id");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                frame.number\tframe.time_relative\tframe.time_delta\tframe.len\tframe.cap_len\tframe.encap_type\tframe.interface_id
                1\t0.000000000\t0.000000000\t48\t48\t1\t
                2\t0.000017000\t0.000017000\t48\t48\t1\t
                3\t0.000019000\t0.000002000\t74\t60\t1\t
                """, r.out());
    }

    @Test
    void dashRAndCountAndFilter() {
        Result r = run("read", "-r", capture.toString(), "-c", "2", "-T", "fields", "-e", "frame.number");
        assertEquals("1\n2\n", r.out());
        r = run("read", capture.toString(), "-Y", "frame.number != 2", "-T", "fields", "-e", "frame.number",
                "-e", "frame.time_delta_displayed");
        assertEquals("1\t0.000000000\n3\t0.000019000\n", r.out());
        r = run("read", capture.toString(), "-Y", "frame.cap_len < frame.len", "-T", "fields", "-e", "frame.number");
        assertEquals(Main.USAGE, r.code());
    }

    @Test
    void summaryTreeAndJson() {
        Result r = run("read", capture.toString(), "-c", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("    1   0.000000 "), r.out());
        r = run("read", capture.toString(), "-V", "-c", "1");
        assertTrue(r.out().startsWith("Frame 1: 48 bytes on wire (384 bits), 48 bytes captured (384 bits)\n"
                + "    Encapsulation type: Ethernet (1)\n"), r.out());
        r = run("read", capture.toString(), "-T", "json", "-e", "frame.number", "-Y", "frame.number == 3");
        assertTrue(r.out().contains("\"frame.number\": [\n          \"3\"\n        ]"), r.out());
        assertTrue(r.out().startsWith("[\n  {\n    \"_index\": \"packets-2026-11-24\""), r.out());
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        Result r = run("read");
        assertEquals(Main.USAGE, r.code());
        assertEquals("mptcp-inspect read: no capture file given: use read FILE or read -r FILE\n", r.err());
        r = run("read", capture.toString(), "-T", "fields", "-e", "foo.bar", "-e", "frame.number", "-e", "baz");
        assertEquals(Main.USAGE, r.code());
        assertEquals("mptcp-inspect read: some fields aren't valid: foo.bar, baz\n", r.err());
        assertEquals("", r.out());
        r = run("read", capture.toString(), "-T", "fields");
        assertEquals(Main.USAGE, r.code());
        r = run("read", capture.toString(), "-e", "frame.number");
        assertEquals(Main.USAGE, r.code());
        r = run("read", capture.toString(), "-T", "xml");
        assertEquals(Main.USAGE, r.code());
        r = run("read", capture.toString(), "-E", "quote=x", "-T", "fields", "-e", "frame.number");
        assertEquals(Main.USAGE, r.code());
        r = run("read", capture.toString(), "--bogus");
        assertEquals(Main.USAGE, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        r = run("frobnicate");
        assertEquals(Main.USAGE, r.code());
        r = run();
        assertEquals(Main.USAGE, r.code());
    }

    @Test
    void badFilterPointsAtTheProblem() {
        Result r = run("read", capture.toString(), "-Y", "frame.number == abc");
        assertEquals(Main.USAGE, r.code());
        assertEquals("""
                mptcp-inspect read: "abc" is not a valid number.
                    frame.number == abc
                                    ^~~
                """, r.err());
    }

    @Test
    void unreadableCapturesFailWithOneLine() throws IOException {
        Result r = run("read", dir.resolve("missing.pcap").toString());
        assertEquals(Main.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("mptcp-inspect: ") && r.err().contains("missing.pcap"), r.err());

        Path garbage = dir.resolve("garbage.pcap");
        Files.writeString(garbage, "this is not a capture at all");
        r = run("read", garbage.toString());
        assertEquals(Main.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());

        // Cut in the middle of the third frame: the first two are printed, then the error.
        byte[] whole = Files.readAllBytes(capture);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        r = run("read", cut.toString(), "-T", "fields", "-e", "frame.number");
        assertEquals(Main.FAILED, r.code());
        assertEquals("1\n2\n", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("cut short"), r.err());
    }

    @Test
    void helpAndVersion() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("mptcp-inspect "), r.out());
        r = run("read", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("-Y=FILTER"), r.out());
    }
}
