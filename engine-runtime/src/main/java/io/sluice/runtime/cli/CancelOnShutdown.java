package io.sluice.runtime.cli;

import io.sluice.runtime.exec.JobHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during {@code sluice run}: a JVM shutdown hook that cancels the job, waits a little for its workers
 * to stop (so sinks flush and close), then waits for the command to print its summary before the JVM exits.
 * {@link #close()} removes the hook once the job has ended on its own.
 */
final class CancelOnShutdown implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    CancelOnShutdown(JobHandle job, Duration grace) {
        this.hook = new Thread(() -> {
            job.cancel();
            try {
                job.join(grace);
            } catch (Exception e) {
                // failed or too slow: the JVM exits anyway; the command reports what it saw
            }
            try {
                reported.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has printed its last words: a hook that is running may let the JVM exit now. */
    void reported() {
        reported.countDown();
    }

    @Override
    public void close() {
        reported();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): the hook is running and must not be removed
        }
    }
}
