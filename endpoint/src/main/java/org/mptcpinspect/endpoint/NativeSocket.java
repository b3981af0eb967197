package org.mptcpinspect.endpoint;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel stream socket (MPTCP or TCP) driven through libc. Blocking calls are used for
 * setup (connect, accept); data moves with non-blocking send/recv plus {@link #poll} so one
 * thread can serve both directions of a connection and stop at a deadline.
 */
public final class NativeSocket implements AutoCloseable {
    /** errno lands here; one segment per thread because calls on one thread never overlap. */
    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Libc.newCallState(Arena.ofAuto()));
    private static final int FULL_INFO_HEADER = 40; // offsetof(struct mptcp_full_info, mptcp_info)

    private final int fd;
    private final Protocol protocol;
    private boolean closed;

    private NativeSocket(int fd, Protocol protocol) {
        this.fd = fd;
        this.protocol = protocol;
    }

    /** socket(AF_INET|AF_INET6, SOCK_STREAM, IPPROTO_MPTCP|IPPROTO_TCP). */
    public static NativeSocket open(Family family, Protocol protocol) throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        int fd = Libc.socket(cs, family.af, Libc.SOCK_STREAM, protocol.ipproto);
        if (fd < 0) {
            int errno = Libc.errno(cs);
            throw new NativeSocketException("socket(" + family + ", " + protocol + ")"
                    + (protocol == Protocol.MPTCP && errno == Libc.EPROTONOSUPPORT
                            ? " [is MPTCP enabled? sysctl net.mptcp.enabled]" : ""), errno);
        }
        return new NativeSocket(fd, protocol);
    }

    public Protocol protocol() {
        return protocol;
    }

    public void setReuseAddress() throws NativeSocketException {
        setIntOption(Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)");
    }

    /** For an IPv6 listener: accept only IPv6 peers (no IPv4-mapped addresses). */
    public void setIpv6Only() throws NativeSocketException {
        setIntOption(Libc.SOL_IPV6, Libc.IPV6_V6ONLY, 1, "setsockopt(IPV6_V6ONLY)");
    }

    /**
     * SO_LINGER with a zero timeout: close() then aborts the connection instead of an orderly
     * shutdown; for MPTCP the kernel sends MP_FASTCLOSE.
     */
    public void setAbortOnClose() throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment linger = arena.allocate(8, 4); // struct linger { int l_onoff; int l_linger; }
            linger.set(ValueLayout.JAVA_INT, 0, 1);
            linger.set(ValueLayout.JAVA_INT, 4, 0);
            setOption(Libc.SOL_SOCKET, Libc.SO_LINGER, linger, "setsockopt(SO_LINGER 0)");
        }
    }

    public void bind(SockAddr address) throws NativeSocketException {
        withAddress("bind", address, Libc::bind);
    }

    public void listen(int backlog) throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        if (Libc.listen(cs, fd, backlog) < 0) {
            throw new NativeSocketException("listen", Libc.errno(cs));
        }
    }

    /** Blocks until a connection arrives. */
    public NativeSocket accept() throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        while (true) {
            int client = Libc.accept(cs, fd, MemorySegment.NULL, MemorySegment.NULL);
            if (client >= 0) {
                return new NativeSocket(client, protocol);
            }
            int errno = Libc.errno(cs);
            if (errno != Libc.EINTR) {
                throw new NativeSocketException("accept", errno);
            }
        }
    }

    /** Blocking connect. */
    public void connect(SockAddr address) throws NativeSocketException {
        withAddress("connect", address, Libc::connect);
    }

    /** bind() and connect(): a call taking (call state, fd, sockaddr, length). */
    private interface AddressCall {
        int call(MemorySegment callState, int fd, MemorySegment sockaddr, int length);
    }

    private void withAddress(String name, SockAddr address, AddressCall call) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = address.encode(arena);
            MemorySegment cs = CALL_STATE.get();
            if (call.call(cs, fd, sa, (int) sa.byteSize()) < 0) {
                throw new NativeSocketException(name + "(" + address + ")", Libc.errno(cs));
            }
        }
    }

    /** Non-blocking send; returns the bytes taken, or 0 when the send buffer is full. */
    public int send(MemorySegment buffer, int length) throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        while (true) {
            long sent = Libc.send(cs, fd, buffer, length, Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL);
            if (sent >= 0) {
                return (int) sent;
            }
            int errno = Libc.errno(cs);
            if (errno == Libc.EAGAIN) {
                return 0;
            }
            if (errno != Libc.EINTR) {
                throw new NativeSocketException("send", errno);
            }
        }
    }

    /** Non-blocking receive; returns the bytes read, 0 at end of stream, -1 if none ready. */
    public int recv(MemorySegment buffer, int length) throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        while (true) {
            long received = Libc.recv(cs, fd, buffer, length, Libc.MSG_DONTWAIT);
            if (received >= 0) {
                return (int) received;
            }
            int errno = Libc.errno(cs);
            if (errno == Libc.EAGAIN) {
                return -1;
            }
            if (errno != Libc.EINTR) {
                throw new NativeSocketException("recv", errno);
            }
        }
    }

    /** Waits up to timeoutMs for the events (POLLIN/POLLOUT bits); returns revents, 0 on timeout. */
    public int poll(int events, int timeoutMs) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(Libc.POLLFD);
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, (short) events);
            MemorySegment cs = CALL_STATE.get();
            int ready = Libc.poll(cs, pollfd, 1, timeoutMs);
            if (ready < 0) {
                int errno = Libc.errno(cs);
                if (errno == Libc.EINTR) {
                    return 0;
                }
                throw new NativeSocketException("poll", errno);
            }
            return ready == 0 ? 0 : Short.toUnsignedInt(pollfd.get(ValueLayout.JAVA_SHORT, 6));
        }
    }

    /** shutdown(SHUT_WR): our half is done (FIN; DATA_FIN for MPTCP). */
    public void shutdownOutput() throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        if (Libc.shutdown(cs, fd, Libc.SHUT_WR) < 0) {
            throw new NativeSocketException("shutdown(SHUT_WR)", Libc.errno(cs));
        }
    }

    public SockAddr localAddress() throws NativeSocketException {
        return name(true);
    }

    public SockAddr remoteAddress() throws NativeSocketException {
        return name(false);
    }

    private SockAddr name(boolean local) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SockAddr.STORAGE_SIZE, 8);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, SockAddr.STORAGE_SIZE);
            MemorySegment cs = CALL_STATE.get();
            int result = local ? Libc.getsockname(cs, fd, sa, length) : Libc.getpeername(cs, fd, sa, length);
            if (result < 0) {
                throw new NativeSocketException(local ? "getsockname" : "getpeername", Libc.errno(cs));
            }
            return SockAddr.decode(sa);
        }
    }

    /**
     * The kernel's view of this connection now: MPTCP_INFO and the subflows from
     * MPTCP_FULL_INFO. A plain TCP socket has none; an MPTCP socket that fell back to TCP
     * answers SOL_MPTCP options with EOPNOTSUPP, which is reported as fallback.
     */
    public KernelView kernelView() throws NativeSocketException {
        long now = System.currentTimeMillis();
        if (protocol != Protocol.MPTCP) {
            return new KernelView(now, false, null, List.of());
        }
        int capacity = 8;
        while (true) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment subflows = arena.allocate((long) SubflowInfo.SIZE * capacity, 8);
                MemorySegment tcpInfos = arena.allocate((long) SubflowTcpInfo.SIZE * capacity, 8);
                // struct mptcp_full_info: six u32 sizes/counts, two u64 user pointers, mptcp_info.
                MemorySegment full = arena.allocate(FULL_INFO_HEADER + MptcpInfo.SIZE, 8);
                full.set(ValueLayout.JAVA_INT, 4, SubflowTcpInfo.SIZE);
                full.set(ValueLayout.JAVA_INT, 12, SubflowInfo.SIZE);
                full.set(ValueLayout.JAVA_INT, 20, capacity);
                full.set(ValueLayout.JAVA_LONG, 24, subflows.address());
                full.set(ValueLayout.JAVA_LONG, 32, tcpInfos.address());
                MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
                length.set(ValueLayout.JAVA_INT, 0, (int) full.byteSize());
                MemorySegment cs = CALL_STATE.get();
                if (Libc.getsockopt(cs, fd, Libc.SOL_MPTCP, Libc.MPTCP_FULL_INFO, full, length) < 0) {
                    int errno = Libc.errno(cs);
                    if (errno == Libc.EOPNOTSUPP) {
                        return new KernelView(now, true, null, List.of());
                    }
                    if (errno == Libc.ENOPROTOOPT || errno == Libc.EINVAL /* kernel < 6.6 */) {
                        return infoOnly(now);
                    }
                    throw new NativeSocketException("getsockopt(MPTCP_FULL_INFO)", errno);
                }
                int count = full.get(ValueLayout.JAVA_INT, 16);
                if (count > capacity) {
                    capacity = count; // subflows came up between calls: ask again with room
                    continue;
                }
                int tcpStride = full.get(ValueLayout.JAVA_INT, 4);
                int subflowStride = full.get(ValueLayout.JAVA_INT, 12);
                MptcpInfo info = MptcpInfo.parse(full.asSlice(FULL_INFO_HEADER),
                        length.get(ValueLayout.JAVA_INT, 0) - FULL_INFO_HEADER);
                List<SubflowInfo> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(SubflowInfo.parse(
                            padded(subflows, (long) i * subflowStride, subflowStride, SubflowInfo.SIZE),
                            padded(tcpInfos, (long) i * tcpStride, tcpStride, SubflowTcpInfo.SIZE)));
                }
                return new KernelView(now, info.fallback(), info, List.copyOf(list));
            }
        }
    }

    private KernelView infoOnly(long now) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(MptcpInfo.SIZE, 8);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, MptcpInfo.SIZE);
            MemorySegment cs = CALL_STATE.get();
            if (Libc.getsockopt(cs, fd, Libc.SOL_MPTCP, Libc.MPTCP_INFO, info, length) < 0) {
                int errno = Libc.errno(cs);
                if (errno == Libc.EOPNOTSUPP) {
                    return new KernelView(now, true, null, List.of());
                }
                throw new NativeSocketException("getsockopt(MPTCP_INFO)", errno);
            }
            MptcpInfo parsed = MptcpInfo.parse(info, length.get(ValueLayout.JAVA_INT, 0));
            return new KernelView(now, parsed.fallback(), parsed, List.of());
        }
    }

    /** A stride-sized element copied into a zeroed buffer of the size we parse. */
    private static MemorySegment padded(MemorySegment array, long offset, int stride, int size) {
        MemorySegment copy = MemorySegment.ofArray(new byte[size]);
        MemorySegment.copy(array, offset, copy, 0, Math.min(stride, size));
        return copy;
    }

    private void setIntOption(int level, int name, int value, String what) throws NativeSocketException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
            v.set(ValueLayout.JAVA_INT, 0, value);
            setOption(level, name, v, what);
        }
    }

    private void setOption(int level, int name, MemorySegment value, String what) throws NativeSocketException {
        MemorySegment cs = CALL_STATE.get();
        if (Libc.setsockopt(cs, fd, level, name, value, (int) value.byteSize()) < 0) {
            throw new NativeSocketException(what, Libc.errno(cs));
        }
    }

    @Override
    public void close() throws NativeSocketException {
        if (closed) {
            return;
        }
        closed = true;
        MemorySegment cs = CALL_STATE.get();
        if (Libc.close(cs, fd) < 0) {
            throw new NativeSocketException("close", Libc.errno(cs));
        }
    }
}
