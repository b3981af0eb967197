package org.mptcpinspect.dissector.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * A live handle's frames through a pipe, as dumpcap hands them to tshark: libpcap's own loop
 * writes every frame as a pcap record into a FIFO (pcap_loop with pcap_dump as its callback, so
 * no Java code and no JNA call runs per frame on the capturing side), and the pure-Java pcap
 * reader parses them back. Reading frame by frame through pcap4j cost several microseconds of
 * JNA calls and allocations per frame, which lost frames at 1 Gbit/s.
 *
 * <p>pcap_dump writes through a stdio buffer, which a thread flushes every
 * {@link #FLUSH_EVERY} so that a quiet link's frames still arrive promptly. When the loop ends
 * (pcap_breakloop, or an error), the dumper is closed, the reader meets the end of the pcap
 * stream after the last frame written, and no captured frame is lost on the way.
 */
final class PcapPipe implements AutoCloseable {

    static final Duration FLUSH_EVERY = Duration.ofMillis(100);

    private final PcapHandle handle;
    private final String name;
    private final Path directory;
    private final Path fifo;
    private final Thread loop;
    private final FileChannel channel;
    private PcapFileReader reader;
    private volatile PcapDumper dumper;
    /** Why the loop ended early, reported after the frames written before. */
    private volatile CaptureException failure;
    private volatile boolean closing;

    private PcapPipe(PcapHandle handle, String name) throws CaptureException {
        this.handle = handle;
        this.name = name;
        try {
            // The process id in the name tells whose pipe it is (several captures may share /tmp).
            directory = Files.createTempDirectory("mptcp-inspect-capture-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot create a directory for the capture's pipe: " + e.getMessage(), e);
        }
        fifo = directory.resolve("frames.pcap");
        makeFifo();
        loop = Thread.ofPlatform().daemon().name("libpcap-loop").start(this::capture);
        try {
            // Opening a FIFO waits for its other end: the loop's pcap_dump_open, or its failure.
            channel = FileChannel.open(fifo, StandardOpenOption.READ);
        } catch (IOException e) {
            deleteFifo();
            throw new CaptureException(name + ": cannot read the capture's pipe: " + e.getMessage(), e);
        }
    }

    /** Starts libpcap's loop on {@code handle}; frames are then read with {@link #next()}. */
    static PcapPipe start(PcapHandle handle, String name) throws CaptureException {
        return new PcapPipe(handle, name);
    }

    private void makeFifo() throws CaptureException {
        String reason;
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
                .redirectErrorStream(true).start();
            String output = new String(mkfifo.getInputStream().readAllBytes()).strip();
            if (mkfifo.waitFor() == 0) {
                return;
            }
            reason = output;
        } catch (IOException e) {
            reason = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
        deleteFifo();
        throw new CaptureException(name + ": cannot create the capture's pipe (mkfifo: " + reason + ")");
    }

    /** The loop thread: libpcap writes frames into the FIFO until pcap_breakloop or an error. */
    private void capture() {
        PcapDumper opened = null;
        Thread flusher = null;
        try {
            opened = handle.dumpOpen(fifo.toString());
            dumper = opened;
            flusher = Thread.ofPlatform().daemon().name("libpcap-flush").start(this::flushRegularly);
            handle.loop(-1, opened);
        } catch (InterruptedException e) {
            // pcap_breakloop: the capture was stopped.
        } catch (PcapNativeException e) {
            if (!closing) {
                failure = new CaptureException(name + ": capture failed: " + Libpcap.message(e), e);
            }
        } catch (NotOpenException e) {
            // Closed under us: nothing more to capture.
        } finally {
            if (opened != null) {
                dumper = null;
                if (flusher != null) {
                    flusher.interrupt();
                }
                opened.close(); // flushes: the reader gets every frame written, then the end
            } else {
                releaseReader();
            }
        }
    }

    /** pcap_dump_open failed, so nothing opened the FIFO for writing: the waiting reader is let go. */
    private void releaseReader() {
        if (failure == null && !closing) {
            failure = new CaptureException(name + ": cannot write the capture's pipe");
        }
        try (FileOutputStream release = new FileOutputStream(fifo.toFile())) {
            // Opened and closed: the reader sees an empty stream.
        } catch (IOException e) {
            // The reader's open failed as well, and says why.
        }
    }

    private void flushRegularly() {
        try {
            while (true) {
                Thread.sleep(FLUSH_EVERY);
                PcapDumper current = dumper;
                if (current == null) {
                    return;
                }
                current.flush();
            }
        } catch (InterruptedException | NotOpenException | PcapNativeException e) {
            // The loop ended: the dumper's close flushes the rest.
        }
    }

    /** The next frame, blocking until one is written; null once the loop has ended and every frame was read. */
    RawFrame next() throws CaptureException {
        try {
            if (reader == null) {
                reader = new PcapFileReader(channel, name);
            }
            RawFrame frame = reader.next();
            if (frame == null && failure != null) {
                throw failure;
            }
            return frame;
        } catch (CaptureException e) {
            if (closing) {
                return null;
            }
            if (failure != null) {
                throw failure;
            }
            if (reader == null) {
                // The loop ended before pcap_dump_open wrote the file header: nothing was captured.
                return null;
            }
            throw e;
        }
    }

    /**
     * Ends the loop and releases the pipe. The reader's end is closed first, so a loop blocked
     * writing into a full pipe fails its write and sees the pcap_breakloop.
     */
    @Override
    public void close() {
        closing = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Closed already: the loop has ended.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through this end.
        }
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteFifo();
    }

    private void deleteFifo() {
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // A temporary file left behind; nothing is lost.
        }
    }
}
