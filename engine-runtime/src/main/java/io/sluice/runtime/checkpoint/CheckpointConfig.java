package io.sluice.runtime.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Checkpointing settings of a job. Immutable.
 *
 * @param directory              where checkpoints go ({@code <dir>/chk-<id>/})
 * @param interval               time between two checkpoints
 * @param retained               how many complete checkpoints to keep
 * @param restore                {@code null} (fresh start), {@code "latest"}, or a checkpoint directory
 * @param allowNonRestoredState  restore even when the checkpoint holds state of operators the job no longer has
 */
public record CheckpointConfig(Path directory, Duration interval, int retained, String restore,
                               boolean allowNonRestoredState) {

    public CheckpointConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the checkpoint interval must be positive: " + interval);
        }
        if (retained < 1) {
            throw new IllegalArgumentException("at least one checkpoint must be retained");
        }
    }

    /** Every {@code interval} into {@code directory}, keeping 3, no restore. */
    public static CheckpointConfig every(Duration interval, Path directory) {
        return new CheckpointConfig(directory, interval, 3, null, false);
    }

    public CheckpointConfig restoringFrom(String latestOrPath) {
        return new CheckpointConfig(directory, interval, retained, latestOrPath, allowNonRestoredState);
    }

    public CheckpointConfig allowingNonRestoredState(boolean allow) {
        return new CheckpointConfig(directory, interval, retained, restore, allow);
    }

    public CheckpointConfig retaining(int n) {
        return new CheckpointConfig(directory, interval, n, restore, allowNonRestoredState);
    }
}
