package org.mptcpinspect.dissector.analysis.mptcp;

/** Chooses where each direction of each connection's data-level stream goes. */
@FunctionalInterface
public interface DataStreamSinkFactory {
    /** The sink for connection {@code connection} (mptcp.stream), client-to-server or not. */
    DataStreamSink create(int connection, boolean clientToServer);

    /** SHA-256 of every stream. */
    DataStreamSinkFactory DIGEST = (connection, clientToServer) -> new DigestSink();
}
