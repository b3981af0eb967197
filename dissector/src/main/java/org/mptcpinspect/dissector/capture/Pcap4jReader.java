package org.mptcpinspect.dissector.capture;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads a capture file through pcap4j and the system's libpcap ({@code pcap_open_offline}
 * with nanosecond precision): the reference the pure-Java {@link PcapFileReader} is checked
 * against, and a fallback for formats only libpcap knows.
 *
 * <p>libpcap's limits, which {@link PcapFileReader} does not have:
 * <ul>
 *   <li>one link type and one snaplen per file: reading a pcapng file fails at the first
 *       interface whose link type or snaplen differs from the first interface's;</li>
 *   <li>no interface ids: every frame says interface 0;</li>
 *   <li>all sections of a pcapng file must share one byte order;</li>
 *   <li>a simple packet block's time is if_tsoffset, where Wireshark shows none;</li>
 *   <li>a pcap record longer than the file's snaplen is cut to the snaplen.</li>
 * </ul>
 */
public final class Pcap4jReader implements CaptureReader {

    private final PcapHandle handle;
    private final String name;
    private final int linkType;
    private long framesRead;

    private Pcap4jReader(PcapHandle handle, String name) {
        this.handle = handle;
        this.name = name;
        this.linkType = Libpcap.linkType(handle);
    }

    /**
     * Opens a capture file with libpcap.
     *
     * @throws CaptureException one line: the file is missing or unreadable, libpcap refuses it
     *                          (with libpcap's reason), or libpcap is not installed
     */
    public static Pcap4jReader open(Path file) throws CaptureException {
        // The same checks and messages as the pure-Java reader for missing or unreadable files.
        CaptureFiles.checkReadable(file);
        Libpcap.require(file.toString());
        try {
            return new Pcap4jReader(Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO),
                file.toString());
        } catch (PcapNativeException e) {
            throw new CaptureException(file + ": " + Libpcap.message(e), e);
        }
    }

    /** The file's link type (a {@link LinkType} value), the same for every frame. */
    public int linkType() {
        return linkType;
    }

    @Override
    public RawFrame next() throws CaptureException {
        while (true) {
            try {
                RawFrame frame = Libpcap.next(handle, framesRead + 1, linkType);
                if (frame != null) {
                    framesRead++;
                }
                return frame;
            } catch (TimeoutException e) {
                // Only live handles time out; a file never does, so just read on.
            } catch (PcapNativeException e) {
                throw new CaptureException(name + ": after frame " + framesRead + ": " + Libpcap.message(e), e);
            } catch (NotOpenException e) {
                throw new CaptureException(name + ": the reader is closed", e);
            } catch (IllegalArgumentException e) {
                // java.sql.Timestamp refuses a fraction of a second of 10^9 or more.
                throw new CaptureException(name + ": frame " + (framesRead + 1) + " has an impossible timestamp", e);
            }
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
