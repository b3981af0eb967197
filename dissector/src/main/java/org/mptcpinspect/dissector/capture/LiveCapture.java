package org.mptcpinspect.dissector.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;

/**
 * Captures frames from a network interface through pcap4j/libpcap, with nanosecond
 * timestamps. libpcap's own loop hands the frames over through a pipe ({@link PcapPipe}).
 * {@link #next()} blocks until a frame arrives; {@link #stop()}, from any thread (a Ctrl-C
 * handler), makes it return null promptly, after the frames already handed over, so the
 * caller can print statistics and close.
 */
public final class LiveCapture implements CaptureReader {

    /**
     * How to open an interface.
     *
     * @param interfaceName the interface, e.g. "eth0", or "any" for all of them
     * @param snapLength    bytes kept of each frame
     * @param promiscuous   also capture frames not addressed to this host (tcpdump's default)
     * @param filter        a BPF filter in tcpdump syntax, or null for every frame
     * @param readTimeout   how long libpcap may buffer frames before handing them over
     *                      (unless immediate) and how often a stop is noticed at the latest
     * @param immediate     deliver every frame as soon as it arrives
     * @param bufferSize    bytes of the kernel's capture buffer (frames wait there until read;
     *                      when it is full the kernel drops them), or 0 for libpcap's 2 MB
     */
    public record Options(String interfaceName, int snapLength, boolean promiscuous, String filter,
                          Duration readTimeout, boolean immediate, int bufferSize) {

        /**
         * The kernel's capture buffer unless asked otherwise: bigger than libpcap's (and tshark's)
         * 2 MiB, as frames wait there while the JVM pauses for a garbage collection (at 400 Mbit/s,
         * 2 MiB lasts 40 ms; in the GUI's live test it dropped 14 of 67 frames on a loaded machine).
         */
        public static final int DEFAULT_BUFFER_BYTES = 32 << 20;

        /** tcpdump's defaults: 262144-byte snaplen, promiscuous, no filter; immediate delivery; a 32 MiB buffer. */
        public Options(String interfaceName) {
            this(interfaceName, PcapWriter.DEFAULT_SNAP_LENGTH, true, null, Duration.ofMillis(250), true,
                DEFAULT_BUFFER_BYTES);
        }

        public Options withSnapLength(int bytes) {
            return new Options(interfaceName, bytes, promiscuous, filter, readTimeout, immediate, bufferSize);
        }

        public Options withPromiscuous(boolean on) {
            return new Options(interfaceName, snapLength, on, filter, readTimeout, immediate, bufferSize);
        }

        public Options withFilter(String bpf) {
            return new Options(interfaceName, snapLength, promiscuous, bpf, readTimeout, immediate, bufferSize);
        }

        public Options withReadTimeout(Duration timeout) {
            return new Options(interfaceName, snapLength, promiscuous, filter, timeout, immediate, bufferSize);
        }

        public Options withImmediate(boolean on) {
            return new Options(interfaceName, snapLength, promiscuous, filter, readTimeout, on, bufferSize);
        }

        public Options withBufferSize(int bytes) {
            return new Options(interfaceName, snapLength, promiscuous, filter, readTimeout, immediate, bytes);
        }
    }

    /**
     * libpcap's counters since the capture started.
     *
     * @param received         frames the kernel handed to the capture (after filtering)
     * @param dropped          frames dropped because the capture buffer was full
     * @param interfaceDropped frames the interface or its driver dropped
     */
    public record Statistics(long received, long dropped, long interfaceDropped) {
    }

    // pcap_activate's error codes (pcap/pcap.h).
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    private final PcapHandle handle;
    private final String interfaceName;
    private final int linkType;
    private volatile boolean stopped;
    /** libpcap's loop and the pipe it writes frames into, started by the first {@link #next()}. */
    private PcapPipe pipe;
    /** The counters when the capture was closed; null while it is open. */
    private Statistics finalStatistics;

    private LiveCapture(PcapHandle handle, String interfaceName) {
        this.handle = handle;
        this.interfaceName = interfaceName;
        this.linkType = Libpcap.linkType(handle);
    }

    /**
     * Opens an interface for capture.
     *
     * @throws CaptureException one line: no such interface (listing those there are), the
     *                          capture needs privileges, the filter is invalid (libpcap's
     *                          reason, as a {@link CaptureFilterException}), or libpcap is not
     *                          installed
     */
    public static LiveCapture open(Options options) throws CaptureException {
        String name = options.interfaceName();
        Libpcap.require(name);
        try {
            if (Pcaps.getDevByName(name) == null) {
                throw noSuchInterface(name);
            }
            PcapHandle.Builder builder = new PcapHandle.Builder(name);
            if (options.bufferSize() > 0) {
                builder.bufferSize(options.bufferSize());
            }
            PcapHandle handle = builder
                .snaplen(options.snapLength())
                .promiscuousMode(options.promiscuous() ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                    : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis((int) Math.max(1, options.readTimeout().toMillis()))
                .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                .immediateMode(options.immediate())
                .build();
            LiveCapture capture = new LiveCapture(handle, name);
            if (options.filter() != null && !options.filter().isBlank()) {
                capture.setFilter(options.filter());
            }
            return capture;
        } catch (PcapNativeException e) {
            throw activationFailure(name, e);
        }
    }

    /**
     * An interface libpcap can capture on.
     *
     * @param description libpcap's description, or null
     * @param loopback    whether it is a loopback interface
     */
    public record Interface(String name, String description, boolean loopback) {
    }

    /** The interfaces libpcap can capture on (including "any" on Linux), in libpcap's order. */
    public static List<Interface> interfaces() throws CaptureException {
        Libpcap.require("capture");
        try {
            List<Interface> interfaces = new ArrayList<>();
            for (PcapNetworkInterface device : Pcaps.findAllDevs()) {
                interfaces.add(new Interface(device.getName(), device.getDescription(), device.isLoopBack()));
            }
            return interfaces;
        } catch (PcapNativeException e) {
            throw new CaptureException("cannot list interfaces: " + Libpcap.message(e), e);
        }
    }

    /** The names of the interfaces libpcap can capture on (including "any" on Linux). */
    public static List<String> interfaceNames() throws CaptureException {
        return interfaces().stream().map(Interface::name).toList();
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** The interface's link type (a {@link LinkType} value). */
    public int linkType() {
        return linkType;
    }

    /**
     * The next captured frame; blocks until one arrives. After {@link #stop()} it returns the
     * frames libpcap had already handed over, then null.
     */
    @Override
    public RawFrame next() throws CaptureException {
        PcapPipe frames;
        synchronized (this) {
            if (pipe == null) {
                if (stopped) {
                    return null;
                }
                pipe = PcapPipe.start(handle, interfaceName);
            }
            frames = pipe;
        }
        return frames.next();
    }

    /** Makes {@link #next()} return null as soon as possible; safe from any thread, any number of times. */
    public void stop() {
        stopped = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Already closed: nothing is waiting.
        }
    }

    /** libpcap's counters so far; after {@link #close()}, the final ones. */
    public synchronized Statistics statistics() throws CaptureException {
        if (finalStatistics != null) {
            return finalStatistics;
        }
        try {
            PcapStat stat = handle.getStats();
            return new Statistics(stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            throw new CaptureException(interfaceName + ": no statistics: " + Libpcap.message(e), e);
        }
    }

    /**
     * Stops the capture if needed and releases the interface, keeping the final counters for
     * {@link #statistics()}. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        stopped = true;
        if (pipe != null) {
            pipe.close();
        }
        if (finalStatistics == null && handle.isOpen()) {
            try {
                finalStatistics = statistics();
            } catch (CaptureException e) {
                // No counters to keep: statistics() will say why.
            }
            handle.close();
        }
    }

    private void setFilter(String filter) throws CaptureException {
        try {
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new CaptureFilterException(interfaceName + ": bad capture filter \"" + filter + "\": "
                + Libpcap.message(e), e);
        }
    }

    private static CaptureException activationFailure(String name, PcapNativeException e) {
        Integer code = e.getReturnCode();
        String reason = Libpcap.message(e);
        if (code != null && code == PCAP_ERROR_NO_SUCH_DEVICE) {
            return noSuchInterface(name);
        }
        if (code != null && (code == PCAP_ERROR_PERM_DENIED || code == PCAP_ERROR_PROMISC_PERM_DENIED)) {
            return new CaptureException(name + ": capturing needs root or the CAP_NET_RAW and CAP_NET_ADMIN "
                + "capabilities (" + reason + ")", e);
        }
        if (code != null && code == PCAP_ERROR_IFACE_NOT_UP) {
            return new CaptureException(name + ": the interface is down (" + reason + ")", e);
        }
        return new CaptureException(name + ": cannot capture: " + reason, e);
    }

    private static CaptureException noSuchInterface(String name) {
        String available;
        try {
            available = String.join(", ", interfaceNames());
        } catch (CaptureException e) {
            available = "none found";
        }
        return new CaptureException(name + ": no such interface (available: " + available + ")");
    }
}
