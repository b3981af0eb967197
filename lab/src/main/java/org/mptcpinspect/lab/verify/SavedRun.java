package org.mptcpinspect.lab.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.PcapngWriter;
import org.mptcpinspect.dissector.capture.RawFrame;
import org.mptcpinspect.dissector.capture.TimestampResolution;
import org.mptcpinspect.lab.Truth;

/**
 * Keeps a live verification run for later: every frame the live capture handed to the analysis,
 * as captured (before any test alteration), in NAME.pcap and NAME.pcapng, and the run's ground
 * truth naming them in NAME.truth.json: the files {@code lab} records, so {@code verify --recorded}
 * and every other command can look at a failed run again. Frames come from the capture thread;
 * a write error is kept and reported once, and the analysis goes on.
 */
final class SavedRun implements Consumer<RawFrame> {
    private final Path dir;
    private final String name;
    private PcapWriter pcap;
    private PcapngWriter pcapng;
    private int linkType = -1;
    private long frames;
    private volatile String failure;

    SavedRun(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    @Override
    public void accept(RawFrame frame) {
        if (failure != null) {
            return;
        }
        try {
            if (pcap == null) {
                Files.createDirectories(dir);
                linkType = frame.linkType();
                pcap = PcapWriter.create(dir.resolve(name + ".pcap"), linkType, TimestampResolution.NANOSECONDS);
                pcapng = PcapngWriter.create(dir.resolve(name + ".pcapng"));
                pcapng.addInterface(linkType, PcapWriter.DEFAULT_SNAP_LENGTH, TimestampResolution.NANOSECONDS, 0);
            }
            if (frame.linkType() != linkType) {
                // A pcap file has one link type; the lab's "any" capture never mixes them.
                failure = "frame " + frame.number() + " has link type " + frame.linkType() + ", the file " + linkType;
                return;
            }
            pcap.write(frame);
            pcapng.writePacket(0, frame.timestampNanos(), frame.originalLength(), frame.data());
            frames++;
        } catch (IOException e) {
            failure = "writing " + dir.resolve(name) + ".pcap/.pcapng: " + e.getMessage();
        }
    }

    /**
     * Closes the captures and writes the truth naming them. Returns the check that says where the
     * run was saved, or why it was not.
     */
    Check finish(Truth truth) {
        try {
            if (pcap != null) {
                pcap.close();
                pcapng.close();
            }
        } catch (IOException e) {
            failure = failure != null ? failure : "closing " + dir.resolve(name) + ".pcap/.pcapng: " + e.getMessage();
        }
        Path truthFile = dir.resolve(name + ".truth.json");
        if (failure == null && pcap == null) {
            failure = "no frame was captured";
        }
        if (failure == null && truth != null) {
            try {
                truth.withCaptures(name + ".pcap", name + ".pcapng").write(truthFile);
            } catch (IOException e) {
                failure = "writing " + truthFile + ": " + e.getMessage();
            }
        }
        if (failure == null && truth == null) {
            failure = "the lab run failed: no ground truth to save";
        }
        String saved = failure == null ? frames + " frames, " + truthFile : failure;
        return new Check(name, "-", "run saved", "NAME.pcap, .pcapng, .truth.json", saved, failure == null);
    }
}
