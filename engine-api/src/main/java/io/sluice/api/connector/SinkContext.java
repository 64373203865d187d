package io.sluice.api.connector;

/** What a sink instance knows about where it runs. */
public interface SinkContext {

    /** Index of this parallel instance, {@code 0 <= index < parallelism()}. */
    int instanceIndex();

    /** Number of parallel instances of the sink. */
    int parallelism();

    /** Name of the running job. */
    String jobName();

    /** Whether the job takes checkpoints, so a {@link TwoPhaseCommitSinkWriter} must stage its output. */
    boolean checkpointingEnabled();

    /**
     * Whether the job started from a checkpoint: a transactional writer must keep what earlier runs committed
     * (and discard only what they left uncommitted) instead of starting its output afresh.
     */
    default boolean restored() {
        return false;
    }
}
