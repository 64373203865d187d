package io.sluice.runtime.checkpoint;

/**
 * What the coordinator tells a tasklet through its control inbox.
 */
public sealed interface CheckpointCommand {

    /** Sources only: inject barrier {@code id} now. */
    record Trigger(long id, boolean savepoint) implements CheckpointCommand {
    }

    /** Checkpoint {@code id} is durable: commit what was staged for it (sinks), commit offsets (sources). */
    record Completed(long id) implements CheckpointCommand {
    }
}
