package io.sluice.runtime.exec;

/**
 * Checkpoint barrier {@code n}: injected at every source by the coordinator (through the source tasklet's
 * control inbox, never a lock), it travels in-band with the records. Everything before it on a channel
 * belongs to checkpoint {@code n}; a tasklet with several channels stops draining each channel at the
 * barrier until it arrived on all of them (alignment), snapshots its operators and passes it on.
 */
public final class CheckpointBarrier extends ControlItem {

    private final long checkpointId;
    private final boolean savepoint;

    public CheckpointBarrier(long checkpointId, boolean savepoint) {
        this.checkpointId = checkpointId;
        this.savepoint = savepoint;
    }

    public long checkpointId() {
        return checkpointId;
    }

    /** Taken on request (a savepoint) rather than on the interval. */
    public boolean isSavepoint() {
        return savepoint;
    }

    @Override
    public String toString() {
        return (savepoint ? "Savepoint(" : "Barrier(") + checkpointId + ")";
    }
}
