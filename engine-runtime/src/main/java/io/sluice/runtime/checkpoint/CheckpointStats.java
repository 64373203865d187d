package io.sluice.runtime.checkpoint;

/**
 * What one completed checkpoint cost.
 *
 * @param checkpointId  its id
 * @param savepoint     taken on request
 * @param durationNanos from triggering to the manifest being durable
 * @param bytes         written to disk
 * @param maxAlignNanos the longest barrier alignment of any tasklet
 * @param maxSyncNanos  the longest pause of any worker for its synchronous snapshot
 * @param path          where it is
 */
public record CheckpointStats(long checkpointId, boolean savepoint, long durationNanos, long bytes,
                              long maxAlignNanos, long maxSyncNanos, String path) {
}
