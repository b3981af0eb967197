package org.mptcpinspect.dissector.capture;

import java.io.EOFException;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/** What reading frames through pcap4j/libpcap needs, for files and live interfaces alike. */
final class Libpcap {

    /** The message for a JVM that cannot load libpcap (pcap4j throws linkage errors). */
    static final String MISSING = "libpcap is not available (install it: apt-get install libpcap0.8)";

    private Libpcap() {
    }

    /**
     * Fails with {@link #MISSING} unless libpcap loads. pcap4j reports a missing library
     * inconsistently (a linkage error, or "not supported by the pcap library" for some calls).
     */
    static void require(String name) throws CaptureException {
        try {
            Pcaps.libVersion();
        } catch (LinkageError e) {
            throw new CaptureException(name + ": " + MISSING, e);
        }
    }

    /**
     * The next frame from a handle, or null when libpcap has no more (end of file, or
     * pcap_breakloop on a live handle).
     *
     * @throws TimeoutException    when a live handle's read timeout passed without a frame
     * @throws PcapNativeException with libpcap's message when reading failed
     */
    static RawFrame next(PcapHandle handle, long number, int linkType)
            throws TimeoutException, PcapNativeException, NotOpenException {
        byte[] data;
        try {
            data = handle.getNextRawPacketEx();
        } catch (EOFException e) {
            return null;
        }
        // pcap4j keeps the header of the packet just read in thread-locals.
        Timestamp timestamp = handle.getTimestamp();
        long nanos = Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000_000L + timestamp.getNanos();
        return new RawFrame(number, nanos, 0, linkType, handle.getOriginalLength(), data);
    }

    /**
     * The LINKTYPE_ value for the handle's DLT_ value: libpcap translates file link types to
     * the platform's DLT_ numbers, which differ for a few old types, raw IP among them.
     */
    static int linkType(PcapHandle handle) {
        int dlt = handle.getDlt().value();
        return switch (dlt) {
            case 11 -> 100;            // DLT_ATM_RFC1483
            case 12, 14 -> LinkType.RAW; // DLT_RAW (14 on OpenBSD)
            case 15 -> 102;            // DLT_SLIP_BSDOS
            case 16 -> 103;            // DLT_PPP_BSDOS
            default -> dlt;
        };
    }

    private static final String PCAP4J_PREFIX = "Error occurred in pcap_next_ex(): ";

    /** libpcap's own message, on one line, without pcap4j's wrapping. */
    static String message(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith(PCAP4J_PREFIX)) {
            message = message.substring(PCAP4J_PREFIX.length());
        }
        return message.replace('\n', ' ').strip();
    }
}
