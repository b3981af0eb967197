package org.mptcpinspect.lab;

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
 * Moves the calling thread into a named network namespace ({@code ip netns add NAME}) with
 * setns(2), through the Foreign Function & Memory API. Linux keeps the network namespace per
 * thread, so only this thread moves; sockets it opens afterwards (e.g. libpcap's packet socket)
 * belong to that namespace for their whole life, whichever thread uses them later.
 */
final class NetworkNamespace {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    // open(2) is variadic: the mode argument is the first variadic one.
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("setns"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("close"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private NetworkNamespace() {
    }

    /** Moves the calling thread into namespace {@code name}; it stays there until it ends. */
    static void enter(String name) throws LabException {
        String path = "/run/netns/" + name;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), O_RDONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw new LabException("cannot open network namespace " + path + ": " + error(state));
            }
            int result = (int) SETNS.invokeExact(state, fd, CLONE_NEWNET);
            String failure = result < 0 ? error(state) : null;
            int closed = (int) CLOSE.invokeExact(fd);
            if (failure != null) {
                throw new LabException("cannot enter network namespace " + name + ": " + failure);
            }
        } catch (LabException e) {
            throw e;
        } catch (Throwable t) {
            throw new LabException("cannot enter network namespace " + name + ": " + t, t);
        }
    }

    private static String error(MemorySegment state) throws Throwable {
        int errno = (int) ERRNO.get(state, 0L);
        MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
        return text.reinterpret(256).getString(0) + " (errno " + errno + ")";
    }
}
