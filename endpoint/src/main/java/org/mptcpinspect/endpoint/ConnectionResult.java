package org.mptcpinspect.endpoint;

/**
 * Everything one endpoint observed on one connection. {@code local}/{@code remote} are the
 * initial subflow's addresses (getsockname/getpeername) for matching it in a capture; times
 * are epoch milliseconds. {@code beforeShutdown} is the kernel's view when our sending was
 * done (after the hold), {@code atClose} just before close(). {@code error} is the first
 * failure (e.g. reset by peer), null when the connection ended cleanly or by our own abort.
 */
public record ConnectionResult(
        int index,
        Protocol protocol,
        SockAddr local,
        SockAddr remote,
        StreamSummary sent,
        StreamSummary received,
        boolean fallback,
        boolean aborted,
        String error,
        KernelView beforeShutdown,
        KernelView atClose,
        long startedAtMs,
        long endedAtMs) {
}
