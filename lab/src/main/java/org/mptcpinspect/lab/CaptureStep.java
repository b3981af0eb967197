package org.mptcpinspect.lab;

import java.util.List;

/**
 * How a lab run captures the client host's traffic: {@link PacketCapture#recorder} writes files
 * with tcpdump and dumpcap (lab record), {@link LiveAnalysisCapture} analyses the frames as they
 * arrive (verify). The lab starts it before the endpoints and stops it after the wire fell silent.
 */
public interface CaptureStep {

    /** Programs this capture runs, for the preflight check. */
    List<String> tools();

    /**
     * Starts capturing in {@code namespace} (the client's) and returns once the kernel delivers
     * packets to the capture.
     *
     * @param interfaces the client's path interfaces, in path order
     */
    Running start(String namespace, List<String> interfaces) throws LabException;

    /** A running capture. */
    interface Running extends AutoCloseable {
        /** Ends the capture after the last packet; fails if it lost packets it should have kept. */
        void stop() throws LabException;

        /** Releases the capture whatever happened; does nothing after {@link #stop()}. */
        @Override
        void close();
    }
}
