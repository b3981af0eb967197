package org.mptcpinspect.endpoint;

import java.util.List;

/**
 * A snapshot of what the kernel says about one connection at {@code takenAtMs} (epoch ms):
 * whether it fell back to TCP, its MPTCP_INFO (null for plain TCP or after fallback) and its
 * subflows with their addresses.
 */
public record KernelView(long takenAtMs, boolean fallback, MptcpInfo info, List<SubflowInfo> subflows) {
    public KernelView {
        subflows = List.copyOf(subflows);
    }
}
