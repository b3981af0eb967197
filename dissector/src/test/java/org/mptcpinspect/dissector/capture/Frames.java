package org.mptcpinspect.dissector.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helpers: made-up frames and reading whole captures. */
final class Frames {

    static final long BASE_TIME_NANOS = 1_700_000_000_123_456_789L;

    private Frames() {
    }

    /** {@code count} frames of random bytes, 1 to 1514 bytes, with strictly increasing times. */
    static List<RawFrame> random(long seed, int count, int linkType) {
        Random random = new Random(seed);
        List<RawFrame> frames = new ArrayList<>(count);
        long time = BASE_TIME_NANOS;
        for (int i = 1; i <= count; i++) {
            byte[] data = new byte[1 + random.nextInt(1514)];
            random.nextBytes(data);
            time += 1 + random.nextInt(2_000_000_000);
            frames.add(new RawFrame(i, time, 0, linkType, data.length, data));
        }
        return frames;
    }

    /** Reads every frame; fails the test on a capture error. */
    static List<RawFrame> readAll(CaptureReader reader) throws CaptureException {
        List<RawFrame> frames = new ArrayList<>();
        for (RawFrame frame = reader.next(); frame != null; frame = reader.next()) {
            frames.add(frame);
        }
        return frames;
    }

    /** The frames a reader delivered before it failed, and its error. */
    record Partial(List<RawFrame> frames, CaptureException error) {
    }

    static Partial readUntilError(CaptureReader reader) {
        List<RawFrame> frames = new ArrayList<>();
        try {
            for (RawFrame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
            }
            return new Partial(frames, null);
        } catch (CaptureException e) {
            return new Partial(frames, e);
        }
    }

    /** A frame as a comparable string: number, time, interface, link type, lengths and bytes. */
    static String describe(RawFrame frame) {
        return frame.number() + " t=" + frame.timestampNanos() + " if=" + frame.interfaceId() + " lt=" + frame.linkType()
            + " len=" + frame.originalLength() + " cap=" + frame.capturedLength() + " " + java.util.HexFormat.of()
            .formatHex(frame.data());
    }

    static List<String> describe(List<RawFrame> frames) {
        return frames.stream().map(Frames::describe).toList();
    }
}
