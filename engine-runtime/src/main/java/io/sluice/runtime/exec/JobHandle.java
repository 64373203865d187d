package io.sluice.runtime.exec;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A running job. Thread-safe: any thread may query, cancel or wait for it.
 */
public interface JobHandle {

    String jobName();

    /** Waits for the job to end. A failure is thrown as {@link JobFailedException}; a cancel returns normally. */
    JobResult join() throws JobFailedException, InterruptedException;

    /** Like {@link #join()}, with a limit. */
    JobResult join(Duration timeout) throws JobFailedException, InterruptedException, TimeoutException;

    /** Asks every worker to stop after its current round; returns at once. */
    void cancel();

    boolean isDone();

    /** Current counters. */
    JobMetrics metrics();

    /**
     * Takes a savepoint (a checkpoint on request); the future completes when it is durable, or fails when the
     * job takes no checkpoints or ends first.
     */
    java.util.concurrent.CompletableFuture<io.sluice.runtime.checkpoint.CheckpointStats> savepoint();

    /**
     * Takes a savepoint as the job's last checkpoint, then stops the job: no checkpoint follows the savepoint,
     * and the output exactly-once sinks staged up to it is committed before the job ends, so the committed
     * output ends exactly at the savepoint and a restore from it continues there. The future completes when
     * the savepoint is durable (the job is stopping then; {@link #join()} waits for the end), or fails when it
     * could not be taken, in which case the job is stopped all the same.
     */
    java.util.concurrent.CompletableFuture<io.sluice.runtime.checkpoint.CheckpointStats> stopWithSavepoint();

    /** The checkpoint directory the job was restored from, or {@code null} for a fresh start. */
    String restoredFrom();

    /** The newest completed checkpoint or savepoint, or {@code null}. */
    io.sluice.runtime.checkpoint.CheckpointStats lastCheckpoint();
}
