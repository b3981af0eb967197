package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.mptcp.DataStreamSink;
import org.mptcpinspect.dissector.analysis.mptcp.DsnRange;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpCaptureAnalysis;
import org.mptcpinspect.dissector.analysis.mptcp.MptcpTracker;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.dissector.decode.PacketDecoder;

/**
 * Follow MPTCP Stream in the real window: the saved bytes of each direction are what each
 * endpoint sent (the kernel capture's recorded SHA-256), the hex dump is the stream command's
 * (same tracker, same formatter), and a capture with lost segments shows the tracker's gaps.
 */
class StreamViewTest extends WindowFixture {
    private FollowedStream follow(Path capture) {
        openWindow(capture);
        return await(onFx(() -> window.followStream(0)));
    }

    private Path save(Boolean direction, FormattingSink.Format format, String name) {
        Path out = temp.resolve(name);
        return await(onFx(() -> {
            window.streamView().setDirection(direction);
            window.streamView().setFormat(format);
            return window.saveStream(out);
        }));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void savedDirectionsAreWhatEachEndpointSentAndTheHexDumpIsTheStreamCommands() throws Exception {
        Path capture = FxTestSupport.capture("join-subflow.pcap");
        FollowedStream stream = follow(capture);
        JsonNode truth = new ObjectMapper().readTree(FxTestSupport.capture("join-subflow.truth.json").toFile());
        JsonNode clientSent = truth.path("client").path("connections").get(0).path("sent");
        JsonNode serverSent = truth.path("server").path("connections").get(0).path("sent");

        byte[] c2s = Files.readAllBytes(save(true, FormattingSink.Format.raw, "c2s.bin"));
        byte[] s2c = Files.readAllBytes(save(false, FormattingSink.Format.raw, "s2c.bin"));
        assertEquals(clientSent.path("bytes").asLong(), c2s.length);
        assertEquals(clientSent.path("sha256").asText(), sha256(c2s));
        assertEquals(serverSent.path("bytes").asLong(), s2c.length);
        assertEquals(serverSent.path("sha256").asText(), sha256(s2c));

        // The bytes on display are those bytes, interleaved as the conversation went.
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        boolean sawServer = false;
        for (FollowedStream.Piece p : stream.pieces()) {
            assertFalse(p.isGap());
            if (p.clientToServer()) {
                shown.writeBytes(p.data());
            } else {
                sawServer = true;
            }
        }
        assertTrue(sawServer);
        assertArrayEquals(c2s, shown.toByteArray());
        List<StreamView.Line> lines = onFx(() -> {
            window.streamView().setDirection(null);
            window.streamView().setFormat(FormattingSink.Format.ascii);
            return List.copyOf(window.streamView().lines().getItems());
        });
        assertTrue(lines.stream().anyMatch(StreamView.Line::clientToServer));
        assertTrue(lines.stream().anyMatch(l -> !l.clientToServer()));

        // stream --format hex: the stream command's tracker run with the shared formatter.
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        FormattingSink sink = new FormattingSink(command, FormattingSink.Format.hex);
        try (PcapFileReader reader = CaptureFiles.open(capture)) {
            new MptcpCaptureAnalysis(new MptcpTracker((i, cs) -> i == 0 && !cs ? sink : DataStreamSink.DISCARD))
                    .run(reader, n -> { });
        }
        assertArrayEquals(command.toByteArray(), Files.readAllBytes(save(false, FormattingSink.Format.hex, "s2c.txt")));
        List<StreamView.Line> hex = onFx(() -> List.copyOf(window.streamView().lines().getItems()));
        assertEquals(command.toString(java.nio.charset.StandardCharsets.US_ASCII).lines().toList(),
                hex.stream().map(StreamView.Line::text).toList());
    }

    @Test
    void segmentsMissingFromTheCaptureAreShownAsGaps() throws Exception {
        // The kernel capture without a few data segments of the middle of the transfer.
        Path cut = temp.resolve("lost.pcap");
        try (PcapFileReader reader = CaptureFiles.open(FxTestSupport.capture("join-subflow.pcap"))) {
            PcapWriter w = null;
            RawFrame frame;
            int dropped = 0;
            while ((frame = reader.next()) != null) {
                if (w == null) {
                    w = PcapWriter.create(cut, frame.linkType(), TimestampResolution.MICROSECONDS);
                }
                var tcp = PacketDecoder.decode(frame).tcp();
                if (frame.number() > 40 && dropped < 3 && tcp != null && tcp.payloadLength() > 0) {
                    dropped++;
                    continue;
                }
                w.write(frame);
            }
            w.close();
        }
        FollowedStream stream = follow(cut);
        List<DsnRange> missing = new java.util.ArrayList<>(stream.report(true).missing());
        missing.addAll(stream.report(false).missing());
        assertFalse(missing.isEmpty(), "the tracker finds the lost bytes");
        List<FollowedStream.Piece> gaps = stream.pieces().stream().filter(FollowedStream.Piece::isGap).toList();
        assertEquals(missing.stream().map(DsnRange::length).sorted().toList(),
                gaps.stream().map(FollowedStream.Piece::gap).sorted().toList());
        List<StreamView.Line> lines = onFx(() -> List.copyOf(window.streamView().lines().getItems()));
        assertEquals(gaps.size(), lines.stream().filter(StreamView.Line::gap).count());
        assertTrue(lines.stream().filter(StreamView.Line::gap).allMatch(l -> l.text().contains("bytes missing")));
        // Each gap sits at its stream offset: the bytes before it in its direction plus earlier gaps.
        for (boolean c2s : new boolean[] {true, false}) {
            long offset = 0;
            int g = 0;
            List<DsnRange> ranges = stream.report(c2s).missing();
            for (FollowedStream.Piece p : stream.pieces()) {
                if (p.clientToServer() != c2s) {
                    continue;
                }
                if (p.isGap()) {
                    assertEquals(ranges.get(g).start(), offset);
                    offset += p.gap();
                    g++;
                } else {
                    offset += p.data().length;
                }
            }
            assertEquals(ranges.size(), g);
        }
    }
}
