package org.mptcpinspect.endpoint;

import java.lang.foreign.MemorySegment;

/**
 * One subflow of an MPTCP connection as MPTCP_FULL_INFO reports it: the kernel's subflow id,
 * its local and remote address, and a few struct tcp_info counters of that subflow.
 */
public record SubflowInfo(long id, SockAddr local, SockAddr remote, SubflowTcpInfo tcp) {
    /** sizeof(struct mptcp_subflow_info): u32 id, 4 bytes padding, two sockaddr_storage. */
    static final int SIZE = 8 + 2 * SockAddr.STORAGE_SIZE;

    static SubflowInfo parse(MemorySegment subflowInfo, MemorySegment tcpInfo) {
        return new SubflowInfo(
                MptcpInfo.u32(subflowInfo, 0),
                SockAddr.decode(subflowInfo.asSlice(8, SockAddr.STORAGE_SIZE)),
                SockAddr.decode(subflowInfo.asSlice(8 + SockAddr.STORAGE_SIZE, SockAddr.STORAGE_SIZE)),
                SubflowTcpInfo.parse(tcpInfo));
    }
}
