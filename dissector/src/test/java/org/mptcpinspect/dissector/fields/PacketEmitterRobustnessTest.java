package org.mptcpinspect.dissector.fields;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.capture.LinkType;
import org.mptcpinspect.dissector.capture.PcapFileReader;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.filter.DisplayFilter;
import org.mptcpinspect.dissector.filter.FilterException;
import org.mptcpinspect.dissector.filter.FilterMatcher;

/**
 * Bad input is shown, never thrown: random frames on every link type, and real frames with
 * flipped bits and cut at every length, go through every sink without an exception.
 */
class PacketEmitterRobustnessTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2,
        LinkType.NULL, LinkType.LOOP, LinkType.RAW, LinkType.IPV4, LinkType.IPV6, 999};

    private final FieldRegistry registry = FieldRegistry.standard();
    private final FieldCollector collector = new FieldCollector(registry.fields(), FieldsOptions.DEFAULT,
            new ValueFormat(ZoneId.of("UTC")), registry.idLimit());
    private final TreePrinter printer = new TreePrinter(new ValueFormat(ZoneId.of("UTC")));
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final JsonPacketWriter json = new JsonPacketWriter(sink, new ValueFormat(ZoneId.of("UTC")),
            ZoneId.of("UTC"));
    private final FilterMatcher filter;
    private final SummaryColumns columns = new SummaryColumns();

    PacketEmitterRobustnessTest() throws FilterException {
        filter = DisplayFilter.compile("tcp.options.mptcp.subtype == 2 or ip.addr == 192.0.2.0/24 or "
                + "eth.src contains 02 or tcp.flags.syn or frame.protocols contains \"mptcp\"", registry).newMatcher();
    }

    private void everySink(PacketEmitter emitter, RawFrame frame) throws IOException {
        emitter.next(frame);
        collector.reset();
        emitter.emit(collector);
        collector.writeRow(sink);
        printer.begin();
        emitter.emit(printer);
        printer.end(sink);
        json.beginPacket(frame.timestampNanos());
        emitter.emit(json);
        json.endPacket();
        filter.reset();
        emitter.emit(filter);
        filter.matches();
        emitter.summarize(columns);
        emitter.displayed();
        sink.reset();
    }

    @Test
    void randomFrames() throws IOException {
        Random random = new Random(20241124);
        PacketEmitter emitter = new PacketEmitter(true);
        for (int i = 1; i <= 20_000; i++) {
            int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
            byte[] data = new byte[random.nextInt(160)];
            random.nextBytes(data);
            // Make IP and TCP likelier than pure noise would.
            if (data.length > 24) {
                data[linkType == LinkType.ETHERNET ? 14 : 0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
            }
            everySink(emitter, new RawFrame(i, i * 1000L, 0, linkType, data.length + random.nextInt(3), data));
        }
    }

    @Test
    void realFramesFlippedAndCut() throws IOException, CaptureException {
        Path capture = Path.of("../testdata/pcaps/join-subflow.pcap");
        if (!Files.exists(capture)) {
            capture = Path.of("testdata/pcaps/join-subflow.pcap");
        }
        List<RawFrame> frames = new ArrayList<>();
        try (PcapFileReader reader = CaptureFiles.open(capture)) {
            RawFrame f;
            while ((f = reader.next()) != null && frames.size() < 40) {
                frames.add(f);
            }
        }
        assertTrue(frames.size() >= 20, "the lab capture is there");
        Random random = new Random(7);
        PacketEmitter emitter = new PacketEmitter(false);
        long n = 0;
        for (RawFrame f : frames) {
            for (int cut = 0; cut <= f.data().length; cut++) {
                byte[] data = java.util.Arrays.copyOf(f.data(), cut);
                everySink(emitter, new RawFrame(++n, f.timestampNanos(), 0, f.linkType(), f.originalLength(), data));
            }
            for (int flip = 0; flip < 200; flip++) {
                byte[] data = f.data().clone();
                int at = random.nextInt(data.length);
                data[at] ^= (byte) (1 << random.nextInt(8));
                everySink(emitter, new RawFrame(++n, f.timestampNanos(), 0, f.linkType(), f.originalLength(), data));
            }
        }
    }
}
