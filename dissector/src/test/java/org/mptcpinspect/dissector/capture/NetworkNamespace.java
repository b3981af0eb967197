package org.mptcpinspect.dissector.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A network namespace this test creates (ip netns add) and deletes. Code can run inside it
 * on a thread of its own: Linux keeps the network namespace per thread, so a socket (a
 * libpcap capture) opened there stays bound to the namespace's interfaces. Public for other
 * modules' tests (through the test-jar).
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private final String name;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** Why namespaces cannot be used here, or null when they can. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "creating network namespaces needs root";
        }
        if (Tools.find("ip").isEmpty()) {
            return "the ip command (iproute2) is not installed";
        }
        return null;
    }

    public static NetworkNamespace create(String name) throws Exception {
        Tools.run(List.of("ip", "netns", "del", name)); // a leftover from a killed run
        Tools.check("ip", "netns", "add", name);
        NetworkNamespace namespace = new NetworkNamespace(name);
        namespace.exec("ip", "link", "set", "lo", "up");
        return namespace;
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace; it must succeed. */
    public List<String> exec(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return Tools.check(full.toArray(String[]::new));
    }

    /** Runs {@code task} on a new thread that has entered the namespace, and waits for it. */
    <T> T call(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).start(() -> {
            try {
                enter();
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.join();
        }
    }

    /** setns(2) for the calling thread only. */
    private void enter() throws Throwable {
        Linker linker = Linker.nativeLinker();
        // open(2) is variadic (the mode); calling it with none is what C does for O_RDONLY.
        MethodHandle open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2));
        MethodHandle setns = linker.downcallHandle(linker.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom("/run/netns/" + name), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw new IllegalStateException("cannot open /run/netns/" + name);
            }
            int result = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) close.invokeExact(fd);
            if (result != 0) {
                throw new IllegalStateException("setns into " + name + " failed");
            }
        }
    }

    @Override
    public void close() throws Exception {
        Tools.check("ip", "netns", "del", name);
    }
}
