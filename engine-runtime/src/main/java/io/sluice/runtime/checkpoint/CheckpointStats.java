package io.sluice.runtime.checkpoint;

/**
 * What one completed checkpoint cost.
 *
 * @param checkpointId  its id
 * @param savepoint     taken on request
 * @param durationNanos from triggering to the manifest being durable
 * @param bytes         written to disk
 * @param maxAlignNanos the longest barrier alignment of any tasklet
 * @param maxSyncNanos  the longest pause of any worker for its synchronous snapshot (measured on the worker:
 *                      freezing keyed state, writing small operator state, a sink's pre-commit)
 * @param maxAsyncNanos the longest time a checkpoint thread spent writing one tasklet's frozen keyed state into
 *                      bytes, off the worker (0 when no tasklet had any)
 * @param path          where it is
 */
public record CheckpointStats(long checkpointId, boolean savepoint, long durationNanos, long bytes,
                              long maxAlignNanos, long maxSyncNanos, long maxAsyncNanos, String path) {
}
