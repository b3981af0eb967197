package org.mptcpinspect.endpoint;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc socket calls the endpoint needs, bound through the Foreign Function & Memory API.
 * Every call that can fail captures errno in the same native call (a later Java-side read of
 * errno could see a value clobbered by the JVM), so each method takes the caller's call-state
 * segment, see {@link #newCallState}.
 */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_MPTCP = 262;

    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_LINGER = 13;
    static final int SOL_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SOL_MPTCP = 284;
    static final int MPTCP_INFO = 1;
    static final int MPTCP_FULL_INFO = 4;

    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SHUT_WR = 1;

    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EPROTONOSUPPORT = 93;
    static final int EOPNOTSUPP = 95;
    static final int ENOPROTOOPT = 92;

    private static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    /** struct pollfd { int fd; short events; short revents; } */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            C_INT.withName("fd"), C_SHORT.withName("events"), C_SHORT.withName("revents"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = withErrno("socket", FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT));
    private static final MethodHandle SETSOCKOPT = withErrno("setsockopt",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, PTR, C_INT));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt",
            FunctionDescriptor.of(C_INT, C_INT, C_INT, C_INT, PTR, PTR));
    private static final MethodHandle BIND = withErrno("bind", FunctionDescriptor.of(C_INT, C_INT, PTR, C_INT));
    private static final MethodHandle LISTEN = withErrno("listen", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    private static final MethodHandle ACCEPT = withErrno("accept", FunctionDescriptor.of(C_INT, C_INT, PTR, PTR));
    private static final MethodHandle CONNECT = withErrno("connect", FunctionDescriptor.of(C_INT, C_INT, PTR, C_INT));
    private static final MethodHandle SEND = withErrno("send", FunctionDescriptor.of(C_LONG, C_INT, PTR, C_LONG, C_INT));
    private static final MethodHandle RECV = withErrno("recv", FunctionDescriptor.of(C_LONG, C_INT, PTR, C_LONG, C_INT));
    private static final MethodHandle POLL = withErrno("poll", FunctionDescriptor.of(C_INT, PTR, C_LONG, C_INT));
    private static final MethodHandle SHUTDOWN = withErrno("shutdown", FunctionDescriptor.of(C_INT, C_INT, C_INT));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(C_INT, C_INT));
    private static final MethodHandle GETSOCKNAME = withErrno("getsockname", FunctionDescriptor.of(C_INT, C_INT, PTR, PTR));
    private static final MethodHandle GETPEERNAME = withErrno("getpeername", FunctionDescriptor.of(C_INT, C_INT, PTR, PTR));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(PTR, C_INT));

    private Libc() {
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** A segment to receive errno; one per thread is enough since calls on it never overlap. */
    static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }

    static int socket(MemorySegment cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs, domain, type, protocol);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int setsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(cs, fd, level, name, value, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int getsockopt(MemorySegment cs, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(cs, fd, level, name, value, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int bind(MemorySegment cs, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(cs, fd, address, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int listen(MemorySegment cs, int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(cs, fd, backlog);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int accept(MemorySegment cs, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) ACCEPT.invokeExact(cs, fd, address, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int connect(MemorySegment cs, int fd, MemorySegment address, int length) {
        try {
            return (int) CONNECT.invokeExact(cs, fd, address, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long send(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) SEND.invokeExact(cs, fd, buffer, length, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static long recv(MemorySegment cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) RECV.invokeExact(cs, fd, buffer, length, flags);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int poll(MemorySegment cs, MemorySegment pollfds, long count, int timeoutMs) {
        try {
            return (int) POLL.invokeExact(cs, pollfds, count, timeoutMs);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int shutdown(MemorySegment cs, int fd, int how) {
        try {
            return (int) SHUTDOWN.invokeExact(cs, fd, how);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int close(MemorySegment cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs, fd);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int getsockname(MemorySegment cs, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(cs, fd, address, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int getpeername(MemorySegment cs, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETPEERNAME.invokeExact(cs, fd, address, length);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    /** invokeExact only throws what the native function cannot: a linkage bug in this class. */
    private static IllegalStateException unexpected(Throwable e) {
        return new IllegalStateException("native call failed to link: " + e, e);
    }
}
