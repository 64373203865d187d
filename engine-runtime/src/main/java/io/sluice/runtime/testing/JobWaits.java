package io.sluice.runtime.testing;

import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobHandle;
import java.time.Duration;

/**
 * Waiting for a running job in tests, by polling its public state (no hooks into the runtime). Called from a
 * test's thread while the job runs on its own threads.
 */
public final class JobWaits {

    private JobWaits() {
    }

    /**
     * Waits until the job has completed {@code count} checkpoints (or savepoints), counted from the first one
     * this call sees. Fails with an {@link AssertionError} when the job ends first or the time runs out.
     */
    public static void awaitCheckpoints(JobHandle job, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long first = -1;
        while (System.nanoTime() < deadline) {
            CheckpointStats s = job.lastCheckpoint();
            if (s != null) {
                if (first < 0) {
                    first = s.checkpointId();
                }
                if (s.checkpointId() - first + 1 >= count) {
                    return;
                }
            }
            if (job.isDone()) {
                throw new AssertionError("the job ended before " + count + " checkpoints");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + count + " checkpoints within " + timeout.toSeconds() + " s");
    }
}
