package org.mptcpinspect.dissector.capture;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens captures for reading with errors a user can act on: one line, naming the file.
 * The pure-Java {@link PcapFileReader} is the default.
 */
public final class CaptureFiles {

    /** The name that means standard input, as in {@code tshark -r -}. */
    public static final String STANDARD_INPUT = "-";

    private CaptureFiles() {
    }

    /** Opens a capture file, or standard input for {@code "-"}. */
    public static PcapFileReader open(String pathOrDash) throws CaptureException {
        return STANDARD_INPUT.equals(pathOrDash) ? openStandardInput() : open(Path.of(pathOrDash));
    }

    /** Opens a capture file (pcap or pcapng, any size). */
    public static PcapFileReader open(Path file) throws CaptureException {
        return new PcapFileReader(openChannel(file), file.toString());
    }

    /**
     * Reads a capture streamed on this process's standard input (a pipe or a redirected file),
     * without buffering it whole. Closing the reader closes standard input.
     */
    public static PcapFileReader openStandardInput() throws CaptureException {
        return new PcapFileReader(new FileInputStream(FileDescriptor.in).getChannel(), "standard input");
    }

    /**
     * Opens a capture file with libpcap through pcap4j instead (see {@link Pcap4jReader} for
     * what libpcap cannot read).
     */
    public static Pcap4jReader openWithLibpcap(Path file) throws CaptureException {
        return Pcap4jReader.open(file);
    }

    /** Reads a capture from any stream; {@code name} is how errors refer to it. */
    public static PcapFileReader open(InputStream in, String name) throws CaptureException {
        return new PcapFileReader(Channels.newChannel(in), name);
    }

    /** Fails with the same one-line messages as {@link #open(Path)} if the file cannot be read. */
    static void checkReadable(Path file) throws CaptureException {
        try (FileChannel channel = openChannel(file)) {
            channel.size();
        } catch (IOException e) {
            throw new CaptureException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Opens a file for reading, turning the usual failures into one-line messages. */
    static FileChannel openChannel(Path file) throws CaptureException {
        if (Files.isDirectory(file)) {
            throw new CaptureException(file + ": is a directory, not a capture file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CaptureException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new CaptureException(file + ": cannot open: " + e.getMessage(), e);
        }
    }
}
