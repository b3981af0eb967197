package org.mptcpinspect.endpoint;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Runs one connection's exchange on a connected socket: sends this side's payload per the
 * {@link TransferPlan} while reading everything the peer sends, both on one thread through
 * poll(), then closes (orderly or abort) and reports what happened.
 */
final class Transfer {
    private static final int RECEIVE_BUFFER = 64 * 1024;
    static final String EMPTY_SHA256 = hex(sha256());

    private final NativeSocket socket;
    private final int index;
    private final long seed;
    private final TransferPlan plan;

    private final MessageDigest sentDigest = sha256();
    private final MessageDigest receivedDigest = sha256();
    private final byte[] received = new byte[RECEIVE_BUFFER];
    private long sentBytes;
    private long receivedBytes;
    private boolean endOfStream;
    private String error;

    Transfer(NativeSocket socket, int index, long seed, TransferPlan plan) {
        this.socket = socket;
        this.index = index;
        this.seed = seed;
        this.plan = plan;
    }

    /** Runs the exchange to the end and closes the socket; failures end up in the result. */
    ConnectionResult run() {
        long startedAt = System.currentTimeMillis();
        SockAddr local = null;
        SockAddr remote = null;
        KernelView beforeShutdown = null;
        KernelView atClose = null;
        boolean aborted = false;
        try (Arena arena = Arena.ofConfined()) {
            local = socket.localAddress();
            remote = socket.remoteAddress();
            beforeShutdown = exchange(arena, startedAt);
            aborted = plan.abort() && error == null;
            atClose = snapshot();
        } catch (NativeSocketException e) {
            error = e.getMessage();
        } finally {
            close(aborted || error != null);
        }
        return new ConnectionResult(index, socket.protocol(), local, remote,
                new StreamSummary(sentBytes, hex(sentDigest), seed),
                new StreamSummary(receivedBytes, hex(receivedDigest), null),
                (beforeShutdown != null && beforeShutdown.fallback()) || (atClose != null && atClose.fallback()),
                aborted, error, beforeShutdown, atClose, startedAt, System.currentTimeMillis());
    }

    /**
     * The poll loop. Returns the kernel view taken when sending was done (after the hold),
     * or null if the connection failed before that.
     */
    private KernelView exchange(Arena arena, long startedAt) throws NativeSocketException {
        MemorySegment receiveBuffer = arena.allocate(RECEIVE_BUFFER);
        byte[] chunk = new byte[plan.chunkSize()];
        MemorySegment chunkBuffer = arena.allocate(plan.chunkSize());
        Payload payload = new Payload(seed);
        long deadline = startedAt + plan.timeoutMs();
        int chunkLength = 0;
        int chunkOffset = 0;
        long generated = 0;
        long nextChunkAt = startedAt + plan.startDelayMs();
        long holdUntil = -1;
        boolean outputClosed = false;
        KernelView beforeShutdown = null;

        while (true) {
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                error = "timed out after " + plan.timeoutMs() + " ms (sent " + sentBytes + ", received "
                        + receivedBytes + " bytes)";
                return beforeShutdown;
            }
            boolean allSent = generated == plan.sendBytes() && chunkOffset == chunkLength;
            if (!outputClosed && allSent) {
                if (holdUntil < 0) {
                    holdUntil = now + plan.holdMs();
                }
                if (now >= holdUntil) {
                    beforeShutdown = socket.kernelView();
                    if (plan.abort()) {
                        return beforeShutdown;
                    }
                    socket.shutdownOutput();
                    outputClosed = true;
                }
            }
            if (outputClosed && endOfStream) {
                return beforeShutdown;
            }

            boolean wantWrite = !outputClosed && !allSent && (chunkOffset < chunkLength || now >= nextChunkAt);
            int events = (endOfStream ? 0 : Libc.POLLIN) | (wantWrite ? Libc.POLLOUT : 0);
            long wait = deadline - now;
            if (!outputClosed && !allSent && !wantWrite) {
                wait = Math.min(wait, nextChunkAt - now);
            }
            if (!outputClosed && allSent) {
                wait = Math.min(wait, holdUntil - now);
            }
            int ready = socket.poll(events, (int) Math.max(0, Math.min(wait, Integer.MAX_VALUE)));

            if (!endOfStream && (ready & (Libc.POLLIN | Libc.POLLHUP | Libc.POLLERR)) != 0) {
                try {
                    drain(receiveBuffer);
                } catch (NativeSocketException e) {
                    error = e.getMessage(); // e.g. reset by the peer: nothing more will come
                    return beforeShutdown;
                }
            }
            if (wantWrite && (ready & (Libc.POLLOUT | Libc.POLLERR)) != 0) {
                if (chunkOffset == chunkLength) {
                    chunkLength = (int) Math.min(plan.chunkSize(), plan.sendBytes() - generated);
                    payload.fill(chunk, 0, chunkLength);
                    MemorySegment.copy(chunk, 0, chunkBuffer, ValueLayout.JAVA_BYTE, 0, chunkLength);
                    generated += chunkLength;
                    chunkOffset = 0;
                }
                int sent;
                try {
                    sent = socket.send(chunkBuffer.asSlice(chunkOffset), chunkLength - chunkOffset);
                } catch (NativeSocketException e) {
                    error = e.getMessage();
                    return beforeShutdown;
                }
                sentDigest.update(chunk, chunkOffset, sent);
                sentBytes += sent;
                chunkOffset += sent;
                if (chunkOffset == chunkLength) {
                    nextChunkAt = System.currentTimeMillis() + plan.pauseMs();
                }
            }
        }
    }

    /** Reads whatever is ready; notes end of stream. */
    private void drain(MemorySegment buffer) throws NativeSocketException {
        while (true) {
            int n = socket.recv(buffer, RECEIVE_BUFFER);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                endOfStream = true;
                return;
            }
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, received, 0, n);
            receivedDigest.update(received, 0, n);
            receivedBytes += n;
        }
    }

    private KernelView snapshot() {
        try {
            return socket.kernelView();
        } catch (NativeSocketException e) {
            if (error == null) {
                error = e.getMessage();
            }
            return null;
        }
    }

    private void close(boolean abort) {
        try {
            if (abort) {
                socket.setAbortOnClose();
            }
            socket.close();
        } catch (NativeSocketException e) {
            if (error == null) {
                error = e.getMessage();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
