package org.mptcpinspect.endpoint;

import java.util.List;

/**
 * The result file of one endpoint run: its role ("server" or "client"), the server address it
 * listened on or connected to, the transfer plan, the base payload seed and one entry per
 * connection (server: in accept order). {@code error} is set when the run failed as a whole.
 */
public record EndpointResult(
        String role,
        Protocol protocol,
        SockAddr serverAddress,
        TransferPlan plan,
        long baseSeed,
        List<ConnectionResult> connections,
        String error) {
    public EndpointResult {
        connections = List.copyOf(connections);
    }
}
