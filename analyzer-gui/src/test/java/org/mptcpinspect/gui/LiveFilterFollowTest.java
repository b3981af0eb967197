package org.mptcpinspect.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mptcpinspect.gui.FxTestSupport.await;
import static org.mptcpinspect.gui.FxTestSupport.onFx;
import static org.mptcpinspect.gui.FxTestSupport.until;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mptcpinspect.dissector.analysis.mptcp.FormattingSink;
import org.mptcpinspect.dissector.capture.CaptureFiles;
import org.mptcpinspect.dissector.fields.FieldRegistry;
import org.mptcpinspect.dissector.filter.DisplayFilter;

/**
 * A display filter and Follow MPTCP Stream while a capture runs (a kernel capture replayed as a
 * live one, in steps, into the real window), as Wireshark's packet list keeps filtering new
 * packets: both work before Stop, take each step's new frames without being asked again, and at
 * Stop show exactly what they show on the capture opened as a file.
 */
class LiveFilterFollowTest extends WindowFixture {
    private static final String CAPTURE = "fullmesh.pcap";
    /** Needs the connection tracker (mptcp.stream) as well as TCP. */
    private static final String FILTER = "mptcp.stream == 0 && tcp.len > 0";


    /** The frame numbers the packet list shows, in order. */
    private int[] shownFrames() {
        return onFx(() -> window.table().getItems().stream().mapToInt(PacketRow::number).toArray());
    }

    /** The frame numbers (1-based) of {@code rows} (0-based) below {@code frames}. */
    private static int[] framesBelow(int[] rows, int frames) {
        return Arrays.stream(rows).filter(r -> r < frames).map(r -> r + 1).toArray();
    }

    /** One direction's delivered bytes. */
    private static byte[] bytes(FollowedStream s, boolean clientToServer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            s.write(out, clientToServer, FormattingSink.Format.raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean isPrefix(byte[] prefix, byte[] whole) {
        return prefix.length <= whole.length && Arrays.equals(prefix, 0, prefix.length, whole, 0, prefix.length);
    }

    @Test
    void filterAndFollowedStreamKeepUpWithTheCaptureAndEndAsTheFiles() throws Exception {
        Path file = FxTestSupport.capture(CAPTURE);
        // The oracle: the capture opened as a file, filtered and followed after it is indexed.
        CaptureSession opened = new CaptureSession(file);
        assertTrue(opened.load((n, f) -> { }, () -> false).complete());
        int total = opened.index().size();
        assertEquals(216, total, "the kernel capture this test's steps are chosen for");
        DisplayFilter filter = DisplayFilter.compile(FILTER, FieldRegistry.standard());
        int[] fileRows = opened.filter(filter, (n, f) -> { }, () -> false);
        FollowedStream fileStream = opened.follow(0, (n, f) -> { });
        byte[] c2s = bytes(fileStream, true);
        byte[] s2c = bytes(fileStream, false);
        assertTrue(c2s.length > 0 && s2c.length > 0, "data both ways");

        showWindow();
        ReplayFrames replay = new ReplayFrames(CaptureFiles.open(file), 60);
        CompletableFuture<CaptureSession.Outcome> stopped = onFx(() -> window.startCapture(replay));
        until("60 frames indexed", () -> onFx(() -> window.captureSession().index().size()) == 60);

        // The filter, applied while capturing: the packets so far that pass, at once.
        int shown = await(onFx(() -> window.applyFilter(filter)));
        assertTrue(onFx(() -> window.capturing()), "still capturing");
        int[] first = framesBelow(fileRows, 60);
        assertTrue(first.length > 3, "data packets of connection 0 in the first 60 frames: " + first.length);
        assertEquals(first.length, shown);
        assertArrayEquals(first, shownFrames());

        // New frames that pass are added as they come, the filter not applied again.
        replay.playTo(130);
        int[] more = framesBelow(fileRows, 130);
        assertTrue(more.length > first.length);
        until("the filter's rows of 130 frames", () -> Arrays.equals(more, shownFrames()));

        // Follow MPTCP Stream while capturing: the bytes delivered so far, a prefix of the whole stream.
        FollowedStream soFar = await(onFx(() -> window.followStream(0)));
        assertNotNull(soFar, "connection 0 has begun");
        assertTrue(isPrefix(bytes(soFar, true), c2s) && isPrefix(bytes(soFar, false), s2c),
                "what was delivered so far begins the stream");
        int before = bytes(soFar, true).length + bytes(soFar, false).length;
        assertTrue(before > 0 && before < c2s.length + s2c.length, before + " bytes of " + (c2s.length + s2c.length));

        // The rest of the capture, the stream tab on screen: it grows to the whole stream before Stop.
        replay.playTo(total);
        until("every frame filtered", () -> Arrays.equals(framesBelow(fileRows, total), shownFrames()));
        until("the whole stream followed", () -> onFx(() -> {
            FollowedStream s = window.streamView().stream();
            return Arrays.equals(bytes(s, true), c2s) && Arrays.equals(bytes(s, false), s2c);
        }));
        assertTrue(onFx(() -> window.capturing()), "still capturing");
        assertTrue(onFx(() -> window.streamView().lines().getItems().size()) > 0, "lines on screen");

        // Stop: exactly the file's rows and stream (its finished report too).
        onFx(() -> {
            window.stopCapture();
            return null;
        });
        CaptureSession.Outcome outcome = await(stopped);
        assertNull(outcome.error(), outcome.toString());
        assertArrayEquals(framesBelow(fileRows, total), shownFrames());
        FollowedStream atStop = onFx(() -> window.streamView().stream());
        assertEquals(fileStream.connection(), atStop.connection(), "the finished report, as the file's");
        assertEquals(fileStream.pieces().size(), atStop.pieces().size());
        assertArrayEquals(c2s, bytes(atStop, true));
        assertArrayEquals(s2c, bytes(atStop, false));
        // A filter applied after Stop is a file's filter over the spool: the same rows.
        assertEquals(fileRows.length, (int) await(onFx(() -> window.applyFilter(filter))));
        assertArrayEquals(framesBelow(fileRows, total), shownFrames());
    }
}
