package org.mptcpinspect.gui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.mptcpinspect.dissector.capture.CaptureException;

/**
 * A pass over a running capture that keeps up with it (the display filter, the followed stream):
 * each {@link #advance()} runs a step over the frames indexed since the last on the worker thread
 * and shows its result on the FX thread. At most one step is in flight; asking meanwhile runs one
 * more after it, so a busy link costs one catch-up, not a queue. {@link #finish()} runs the last
 * step once the capture has ended. Created, advanced and finished on the FX thread.
 */
final class LivePass<T> {
    /** A step of the pass, on the worker thread. */
    interface Step<T> {
        T run() throws CaptureException;
    }

    private final Executor workers;
    private final Step<T> step;
    private final Step<T> last;
    private final Consumer<T> show;
    private final Consumer<String> failed;
    private final AutoCloseable resources;
    private boolean busy;
    private boolean again;
    private boolean closed;
    /** Whether the resources are closed (worker thread only). */
    private boolean released;
    /** Completes with the first step's result (once shown). */
    private final CompletableFuture<T> first = new CompletableFuture<>();

    /**
     * @param step      the frames indexed since the last step: their result
     * @param last      after the capture's last frame: the final result
     * @param show      shows a result (FX thread), unless the pass was closed meanwhile
     * @param failed    shows a step's error (FX thread); the pass then stops
     * @param resources closed (on the worker thread) when the pass ends
     */
    LivePass(Executor workers, Step<T> step, Step<T> last, Consumer<T> show, Consumer<String> failed,
             AutoCloseable resources) {
        this.workers = workers;
        this.step = step;
        this.last = last;
        this.show = show;
        this.failed = failed;
        this.resources = resources;
    }

    /** Completes with the first result shown (or the first error). */
    CompletableFuture<T> first() {
        return first;
    }

    /** Runs a step over what came since the last one (or one more once the running one ends). */
    void advance() {
        if (closed) {
            return;
        }
        if (busy) {
            again = true;
            return;
        }
        busy = true;
        run(step, false).whenComplete((result, error) -> {
            busy = false;
            if (again && error == null) {
                again = false;
                advance();
            }
        });
    }

    /**
     * The capture has ended: after any step in flight, the last step; completes (FX thread) once
     * its result is shown and the pass is closed.
     */
    CompletableFuture<T> finish() {
        CompletableFuture<T> done = new CompletableFuture<>();
        if (closed) {
            done.complete(null);
            return done;
        }
        again = false;
        // The worker runs one task at a time, in order: the last step runs after any step in flight.
        run(last, true).whenComplete((result, error) -> done.complete(result));
        return done;
    }

    /** Ends the pass without a last step (a new filter, another stream, another capture). */
    void close() {
        if (!closed) {
            closed = true;
            workers.execute(this::release);
        }
    }

    private CompletableFuture<T> run(Step<T> s, boolean closing) {
        CompletableFuture<T> shown = new CompletableFuture<>();
        if (closing) {
            closed = true;
        }
        workers.execute(() -> {
            T result;
            try {
                result = s.run();
            } catch (CaptureException | RuntimeException e) {
                release();
                Platform.runLater(() -> {
                    closed = true;
                    failed.accept(e.getMessage());
                    first.completeExceptionally(e);
                    shown.completeExceptionally(e);
                });
                return;
            }
            if (closing) {
                release();
            }
            Platform.runLater(() -> {
                if (!closed || closing) {
                    show.accept(result);
                }
                first.complete(result);
                shown.complete(result);
            });
        });
        return shown;
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            resources.close();
        } catch (Exception e) {
            // A reader of the spool that did not close: nothing the user can act on.
        }
    }
}
