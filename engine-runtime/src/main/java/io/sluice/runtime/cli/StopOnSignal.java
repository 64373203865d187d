package io.sluice.runtime.cli;

import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobHandle;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code sluice run}: stops the job cleanly so the command can print its
 * summary and exit 0. With checkpointing on it first takes a final savepoint (a checkpoint on request), so
 * {@code --restore latest} continues exactly where the job stopped. A second signal stops at once.
 * {@link #close()} puts the previous handlers back.
 */
final class StopOnSignal implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final JobHandle job;
    private final boolean savepointFirst;
    private final Duration savepointTimeout;
    private final PrintWriter err;
    private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
    private volatile boolean stopping;
    private volatile CheckpointStats savepoint;

    StopOnSignal(JobHandle job, boolean savepointFirst, Duration savepointTimeout, PrintWriter err) {
        this.job = job;
        this.savepointFirst = savepointFirst;
        this.savepointTimeout = savepointTimeout;
        this.err = err;
        for (int i = 0; i < SIGNALS.length; i++) {
            try {
                previous[i] = Signal.handle(new Signal(SIGNALS[i]), this::onSignal);
            } catch (IllegalArgumentException e) {
                previous[i] = null; // this platform does not let us handle it; the JVM default applies
            }
        }
    }

    /** The savepoint taken on the way out, or {@code null}. */
    CheckpointStats savepoint() {
        return savepoint;
    }

    private void onSignal(Signal signal) {
        if (stopping) {
            job.cancel();
            return;
        }
        stopping = true;
        // Signal handlers run on their own thread; the savepoint must not hold it up.
        Thread stopper = new Thread(() -> {
            if (savepointFirst) {
                err.println();
                err.println("sluice: taking a final savepoint before stopping (press Ctrl-C again to stop at once) ...");
                err.flush();
                try {
                    savepoint = job.stopWithSavepoint().get(savepointTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    err.println("sluice: no final savepoint: " + rootMessage(e));
                    err.flush();
                }
            }
            job.cancel();
        }, "sluice-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.length; i++) {
            if (previous[i] != null) {
                try {
                    Signal.handle(new Signal(SIGNALS[i]), previous[i]);
                } catch (IllegalArgumentException e) {
                    // nothing to restore
                }
            }
        }
    }
}
