package org.mptcpinspect.endpoint;

import java.lang.foreign.MemorySegment;

/**
 * The struct tcp_info counters of one subflow that a capture can be checked against: subflow
 * level bytes and segments (include/uapi/linux/tcp.h, offsets of the 6.x layout).
 */
public record SubflowTcpInfo(
        int state,
        long totalRetrans,
        long bytesAcked,
        long bytesReceived,
        long segsOut,
        long segsIn,
        long dataSegsIn,
        long dataSegsOut,
        long bytesSent,
        long bytesRetrans) {

    /** sizeof(struct tcp_info) up to tcpi_snd_wnd; the kernel copies at most what it has. */
    static final int SIZE = 232;

    static SubflowTcpInfo parse(MemorySegment t) {
        return new SubflowTcpInfo(
                MptcpInfo.u8(t, 0),
                MptcpInfo.u32(t, 100),
                MptcpInfo.u64(t, 120),
                MptcpInfo.u64(t, 128),
                MptcpInfo.u32(t, 136),
                MptcpInfo.u32(t, 140),
                MptcpInfo.u32(t, 152),
                MptcpInfo.u32(t, 156),
                MptcpInfo.u64(t, 200),
                MptcpInfo.u64(t, 208));
    }
}
