package org.mptcpinspect.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mptcpinspect.dissector.analysis.counters.HostAddress;
import org.mptcpinspect.dissector.capture.CaptureException;
import org.mptcpinspect.dissector.capture.CaptureFilterException;
import org.mptcpinspect.dissector.capture.LiveCapture;
import org.mptcpinspect.dissector.capture.PcapWriter;
import org.mptcpinspect.dissector.capture.ReadAheadReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mptcp-inspect live}: captures from an interface through libpcap, like tshark -i, and
 * prints the packets with read's output options while (optionally) saving them with -w. Ends
 * at -c/-a or Ctrl-C, then reports libpcap's counters and the MPTCP summary on standard error.
 */
@Command(name = "live", header = "Captures from an interface like tshark -i, printing as read does.", versionProvider = Main.Version.class,
        description = {"Captures packets from a network interface (like tshark -i) and prints",
            "them as read does: summary lines, -V, -T fields, json, ek, pdml, psml.",
            "Stops after -c packets, at an -a condition or on Ctrl-C, then prints",
            "libpcap's counters and an MPTCP summary on standard error.",
            "Capturing needs root (or CAP_NET_RAW and CAP_NET_ADMIN)."},
        sortOptions = false)
final class LiveCommand implements Callable<Integer> {
    /** How often packets printed or saved so far are pushed out while the capture waits. */
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(200);
    /**
     * After Ctrl-C: how long the frames captured so far may take to be dissected and printed
     * before the process gives up and exits anyway (status 1, with a message).
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);
    private static final int DEFAULT_BUFFER_MIB = LiveCapture.Options.DEFAULT_BUFFER_BYTES >> 20;

    private final OutputStream stdout;
    private final PrintStream err;

    @Mixin
    private HelpOptions helpOptions;

    @Parameters(arity = "0..1", paramLabel = "IFACE", description = "Interface to capture on (or use -i); see -D.")
    private String iface;

    @Option(names = "-i", paramLabel = "IFACE", description = "Interface to capture on (tshark's spelling).")
    private String interfaceOption;

    @Option(names = "-D", description = "List the interfaces that can be captured on, and exit.")
    private boolean listInterfaces;

    @Option(names = "-f", paramLabel = "BPF", description = "Capture filter in libpcap (tcpdump) syntax.")
    private String captureFilter;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
    private Long count;

    @Option(names = "-a", paramLabel = "COND", description = {"Autostop condition (repeatable; the first",
        "met stops): duration:SECONDS, filesize:KB (with -w;", "kB = 1000 bytes), packets:N."})
    private List<String> autostop = new ArrayList<>();

    @Option(names = "-w", paramLabel = "FILE", description = {"Save every captured packet to FILE; as in tshark,",
        "summary lines are then printed only with -P."})
    private Path writeFile;

    @Option(names = "-F", paramLabel = "FORMAT", description = "Format of the -w file: pcap (default) or pcapng.")
    private String fileFormat = "pcap";

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes kept of each packet (default and 0: 262144).")
    private Integer snapLength;

    @Option(names = "-p", description = "Don't put the interface into promiscuous mode.")
    private boolean noPromiscuous;

    @Option(names = "-B", paramLabel = "MiB", description = "Kernel capture buffer in MiB (default " + DEFAULT_BUFFER_MIB
        + "; tshark's is 2). Frames wait there while the JVM pauses; when it is full, they are dropped.")
    private Integer bufferMib;

    @Option(names = "--counters", description = "Print the MPTcpExt counters instead of the packets: every --interval, nstat's delta"
        + " report (NAME, increment, RATE per second) of each host seen.")
    private boolean counters;

    @Option(names = "--interval", paramLabel = "SEC", description = "Seconds between --counters reports (default 1).")
    private double interval = 1;

    @Option(names = "--host", paramLabel = "ADDR[,ADDR...]", split = ",", hideParamSyntax = true,
            description = "With --counters: report only the host owning these addresses, in nstat's exact layout.")
    private List<String> hostAddresses = new ArrayList<>();

    /** What -z alone stands for (picocli takes an empty fallback value as none). */
    private static final String ZEROS = "zeros";

    @Option(names = "-z", arity = "0..1", fallbackValue = ZEROS, paramLabel = "STATISTIC", description = "Alone, with"
        + " --counters: also print counters that did not change (as nstat -z). With a value, as tshark -z: print that"
        + " statistic when the capture ends (see read -z).")
    private List<String> zOptions = new ArrayList<>();

    /** -z alone: nstat's zeros. */
    private boolean zeros;

    @Mixin
    private OutputOptions output;

    LiveCommand(OutputStream stdout, PrintStream err) {
        this.stdout = stdout;
        this.err = err;
    }

    private int usage(String message) {
        err.println("mptcp-inspect live: " + message);
        return Main.USAGE;
    }

    /** When to stop, besides Ctrl-C. */
    private record Stop(long packets, Duration duration, long fileBytes) {
    }

    @Override
    public Integer call() {
        if (listInterfaces) {
            return listInterfaces();
        }
        CaptureSaver.Format format = CaptureSaver.Format.of(fileFormat);
        if (format == null) {
            return usage("invalid -F format \"" + fileFormat + "\" (use pcap or pcapng)");
        }
        int snap = snapLength == null || snapLength == 0 ? PcapWriter.DEFAULT_SNAP_LENGTH : snapLength;
        if (snap < 0 || snap > PcapWriter.DEFAULT_SNAP_LENGTH) {
            return usage("-s needs a snaplen from 1 to " + PcapWriter.DEFAULT_SNAP_LENGTH + " (0: the default), not "
                    + snapLength);
        }
        String name;
        int buffer = bufferMib == null ? DEFAULT_BUFFER_MIB : bufferMib;
        if (buffer < 1 || buffer > 2048) {
            return usage("-B needs a buffer size from 1 to 2048 MiB, not " + buffer);
        }
        Stop stop;
        PacketPipeline pipeline;
        LiveCounters counterReports = null;
        try {
            zeros = zOptions.contains(ZEROS);
            output.statistics(zOptions.stream().filter(z -> !z.equals(ZEROS)).toList());
            if (counters) {
                counterReports = counterReports();
                output.silent();
            } else if (!hostAddresses.isEmpty() || zeros) {
                throw new UsageException("--host and -z go with --counters");
            }
            name = UsageException.eitherSpelling(iface, interfaceOption, "interface",
                    "use live IFACE or live -i IFACE (live -D lists them)");
            stop = stopConditions();
            if (writeFile != null) {
                output.writingFile();
            }
            pipeline = output.pipeline(stdout);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        LiveCapture capture;
        try {
            capture = LiveCapture.open(new LiveCapture.Options(name).withSnapLength(snap)
                    .withPromiscuous(!noPromiscuous).withFilter(captureFilter)
                    .withBufferSize(buffer << 20));
        } catch (CaptureFilterException e) {
            return usage(e.getMessage());
        } catch (CaptureException e) {
            err.println("mptcp-inspect live: " + e.getMessage());
            return Main.FAILED;
        }
        try (capture) {
            return capture(capture, pipeline, stop, format, snap, counterReports);
        }
    }

    private LiveCounters counterReports() throws UsageException {
        if (!(interval >= 0.1) || interval > 86_400) {
            throw new UsageException("--interval needs seconds from 0.1 to 86400, not " + interval);
        }
        List<HostAddress> host = new ArrayList<>();
        for (String a : hostAddresses) {
            try {
                host.add(HostAddress.parse(a));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--host: " + e.getMessage());
            }
        }
        return new LiveCounters(host, zeros, stdout);
    }

    private Stop stopConditions() throws UsageException {
        long packets = Long.MAX_VALUE;
        if (count != null) {
            if (count <= 0) {
                throw new UsageException("-c needs a number of packets > 0, not " + count);
            }
            packets = count;
        }
        Duration duration = null;
        long fileBytes = Long.MAX_VALUE;
        for (String condition : autostop) {
            int colon = condition.indexOf(':');
            String key = colon < 0 ? condition : condition.substring(0, colon);
            String value = colon < 0 ? "" : condition.substring(colon + 1);
            try {
                switch (key) {
                    case "duration" -> {
                        double seconds = Double.parseDouble(value);
                        if (!(seconds > 0) || seconds > 1e9) {
                            throw new NumberFormatException();
                        }
                        duration = Duration.ofNanos((long) (seconds * 1e9));
                    }
                    case "filesize" -> fileBytes = Math.multiplyExact(positive(value), 1000L);
                    case "packets" -> packets = Math.min(packets, positive(value));
                    default -> throw new UsageException("invalid -a condition \"" + condition
                            + "\" (use duration:SECONDS, filesize:KB or packets:N)");
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException("invalid -a condition \"" + condition
                        + "\": " + key + " needs a number > 0");
            }
        }
        if (fileBytes != Long.MAX_VALUE && writeFile == null) {
            throw new UsageException("-a filesize needs a file to write (-w FILE)");
        }
        return new Stop(packets, duration, fileBytes);
    }

    private static long positive(String value) {
        long n = Long.parseLong(value);
        if (n <= 0) {
            throw new NumberFormatException();
        }
        return n;
    }

    private int capture(LiveCapture capture, PacketPipeline pipeline, Stop stop, CaptureSaver.Format format,
                        int snap, LiveCounters counterReports) {
        CaptureSaver saver = null;
        if (writeFile != null) {
            try {
                saver = CaptureSaver.create(writeFile, format, capture.linkType(), snap);
            } catch (IOException e) {
                err.println("mptcp-inspect live: cannot write " + writeFile + ": " + Main.oneLine(e));
                return Main.FAILED;
            }
            pipeline.addListener(saver);
            if (stop.fileBytes() != Long.MAX_VALUE) {
                CaptureSaver file = saver;
                pipeline.addListener(packets -> {
                    if (file.bytes() >= stop.fileBytes()) {
                        capture.stop();
                        pipeline.stop();
                    }
                });
            }
        }
        List<CaptureSummary> summaries = List.of(new MptcpOptionSummary(), new ConnectionSummary());
        summaries.forEach(pipeline::addListener);
        if (counterReports != null) {
            pipeline.addListener(counterReports);
        }
        pipeline.trackMptcp();
        err.println("Capturing on '" + capture.interfaceName() + "'");

        // Ctrl-C (SIGINT) or SIGTERM start the JVM's shutdown: the hook stops the capture, which
        // ends the pipeline's loop below as if the capture had ended; the hook then waits until
        // everything is printed and exits with the command's status (the JVM would say 130).
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger status = new AtomicInteger(Main.FAILED);
        Thread hook = new Thread(() -> {
            capture.stop();
            try {
                if (finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    Runtime.getRuntime().halt(status.get());
                }
                err.println("mptcp-inspect live: stopped after " + SHUTDOWN_GRACE.toSeconds()
                        + " s with captured frames not yet printed");
                err.flush();
                Runtime.getRuntime().halt(Main.FAILED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            status.set(run(capture, pipeline, saver, summaries, stop, counterReports));
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down (Ctrl-C): the hook exits with the status.
        }
        return status.get();
    }

    private int run(LiveCapture capture, PacketPipeline pipeline, CaptureSaver saver, List<CaptureSummary> summaries,
                    Stop stop, LiveCounters counterReports) {
        List<Thread> helpers = new ArrayList<>();
        if (counterReports != null) {
            Duration every = Duration.ofNanos((long) (interval * 1e9));
            helpers.add(Thread.ofVirtual().name("live-counters").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(every);
                        counterReports.report();
                    }
                } catch (InterruptedException | IOException e) {
                    // The capture ended (the last report follows), or standard output is gone.
                }
            }));
        }
        helpers.add(Thread.ofVirtual().name("live-flush").start(() -> flushRegularly(pipeline, saver)));
        if (stop.duration() != null) {
            helpers.add(Thread.ofVirtual().name("live-autostop").start(() -> {
                try {
                    Thread.sleep(stop.duration());
                    capture.stop();
                } catch (InterruptedException e) {
                    // The capture ended first.
                }
            }));
        }
        // A thread of its own drains libpcap's ring buffer into memory while frames are
        // dissected, as dumpcap does for tshark: a burst (or the JIT warming up) then costs
        // memory, not packets dropped by the kernel.
        ReadAheadReader frames = ReadAheadReader.ofLiveCapture(capture);
        int status;
        try {
            status = pipeline.run(frames, true, stop.packets(), err);
        } catch (IOException e) {
            status = PacketPipeline.outputFailed(e, err);
        } finally {
            capture.stop();
            frames.close();
            stopAll(helpers);
        }
        if (saver != null) {
            try {
                saver.close();
            } catch (IOException e) {
                err.println("mptcp-inspect live: cannot write " + writeFile + ": " + Main.oneLine(e));
                status = Main.FAILED;
            }
        }
        if (counterReports != null) {
            try {
                counterReports.lastReport(); // the last, partial interval: the reports add up to the capture's counters
            } catch (IOException e) {
                status = PacketPipeline.outputFailed(e, err);
            }
        }
        printStatistics(capture, pipeline.frames());
        summaries.forEach(summary -> summary.print(err));
        err.flush();
        return status;
    }

    /** Interrupts the helper threads and waits for them, so none writes after the files close. */
    private static void stopAll(List<Thread> helpers) {
        helpers.forEach(Thread::interrupt);
        try {
            for (Thread helper : helpers) {
                helper.join(Duration.ofSeconds(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** tshark's count, then libpcap's counters in tcpdump's words. */
    private void printStatistics(LiveCapture capture, long captured) {
        err.println(packets(captured) + " captured");
        try {
            LiveCapture.Statistics statistics = capture.statistics();
            err.println(packets(statistics.received()) + " received by filter");
            err.println(packets(statistics.dropped()) + " dropped by kernel");
            err.println(packets(statistics.interfaceDropped()) + " dropped by interface");
        } catch (CaptureException e) {
            err.println("mptcp-inspect live: " + e.getMessage());
        }
    }

    private static String packets(long n) {
        return n + (n == 1 ? " packet" : " packets");
    }

    private void flushRegularly(PacketPipeline pipeline, CaptureSaver saver) {
        try {
            while (true) {
                Thread.sleep(FLUSH_INTERVAL);
                if (saver == null) {
                    pipeline.flush();
                } else {
                    pipeline.flush(saver);
                }
            }
        } catch (InterruptedException e) {
            // The capture ended; the pipeline flushes what is left.
        } catch (IOException e) {
            // The pipeline meets the same error on its next write and reports it.
        }
    }

    /** -D: "1. eth0", "3. lo (Loopback)", as tshark -D prints them on Linux. */
    private int listInterfaces() {
        try {
            int n = 1;
            StringBuilder list = new StringBuilder();
            for (LiveCapture.Interface i : LiveCapture.interfaces()) {
                list.append(n++).append(". ").append(i.name()).append(i.loopback() ? " (Loopback)" : "").append('\n');
            }
            stdout.write(list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            stdout.flush();
            return Main.OK;
        } catch (CaptureException e) {
            err.println("mptcp-inspect live: " + e.getMessage());
            return Main.FAILED;
        } catch (IOException e) {
            return PacketPipeline.outputFailed(e, err);
        }
    }
}
