package org.mptcpinspect.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The kernel's struct mptcp_info (include/uapi/linux/mptcp.h) for one MPTCP connection, names
 * without the mptcpi_ prefix. {@code length} is how many bytes the kernel filled in: older
 * kernels stop early and the fields past that end read as 0.
 */
public record MptcpInfo(
        int length,
        int subflows,
        int addAddrSignal,
        int addAddrAccepted,
        int subflowsMax,
        int addAddrSignalMax,
        int addAddrAcceptedMax,
        long flags,
        long token,
        @JsonSerialize(using = UnsignedLongJson.Serializer.class)
        @JsonDeserialize(using = UnsignedLongJson.Deserializer.class) long writeSeq,
        @JsonSerialize(using = UnsignedLongJson.Serializer.class)
        @JsonDeserialize(using = UnsignedLongJson.Deserializer.class) long sndUna,
        @JsonSerialize(using = UnsignedLongJson.Serializer.class)
        @JsonDeserialize(using = UnsignedLongJson.Deserializer.class) long rcvNxt,
        int localAddrUsed,
        int localAddrMax,
        int csumEnabled,
        long retransmits,
        long bytesRetrans,
        long bytesSent,
        long bytesReceived,
        long bytesAcked,
        int subflowsTotal,
        long lastDataSent,
        long lastDataRecv,
        long lastAckRecv) {

    /** Size of struct mptcp_info on kernels >= 6.10; what we ask for. */
    static final int SIZE = 96;
    static final long FLAG_FALLBACK = 1;
    static final long FLAG_REMOTE_KEY_RECEIVED = 2;

    /** True when the connection fell back to plain TCP (MPTCP_INFO_FLAG_FALLBACK). */
    @JsonIgnore
    public boolean fallback() {
        return (flags & FLAG_FALLBACK) != 0;
    }

    @JsonIgnore
    public boolean remoteKeyReceived() {
        return (flags & FLAG_REMOTE_KEY_RECEIVED) != 0;
    }

    /** Reads the first {@code length} bytes of a struct mptcp_info; the rest stays 0. */
    static MptcpInfo parse(MemorySegment info, int length) {
        MemorySegment filled = MemorySegment.ofArray(new byte[SIZE]);
        MemorySegment.copy(info, 0, filled, 0, Math.min(length, SIZE));
        return new MptcpInfo(
                Math.min(length, SIZE),
                u8(filled, 0), u8(filled, 1), u8(filled, 2), u8(filled, 3), u8(filled, 4), u8(filled, 5),
                u32(filled, 8), u32(filled, 12),
                u64(filled, 16), u64(filled, 24), u64(filled, 32),
                u8(filled, 40), u8(filled, 41), u8(filled, 42),
                u32(filled, 44),
                u64(filled, 48), u64(filled, 56), u64(filled, 64), u64(filled, 72),
                u8(filled, 80),
                u32(filled, 84), u32(filled, 88), u32(filled, 92));
    }

    static int u8(MemorySegment s, long offset) {
        return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, offset));
    }

    static long u32(MemorySegment s, long offset) {
        return Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, offset));
    }

    static long u64(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_LONG_UNALIGNED, offset);
    }
}
