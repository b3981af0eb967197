package org.mptcpinspect.dissector.analysis.mptcp;

/** Told about each timeline event as the tracker finds it (e.g. counters, live displays). */
@FunctionalInterface
public interface MptcpEventListener {
    void onEvent(int connection, ConnectionEvent event);
}
