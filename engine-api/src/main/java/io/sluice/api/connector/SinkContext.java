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

    /**
     * The checkpoint the job started from, -1 on a fresh start. A transactional writer can use it to tell the
     * transactions of this run from those an earlier run left behind.
     */
    default long restoredCheckpointId() {
        return -1;
    }

    /**
     * The sink's operator uid: the same in every run of the job (checkpoints are matched by it), so a writer can
     * derive names that must stay stable across restarts from it (e.g. Kafka transactional ids).
     */
    default String uid() {
        return "sink";
    }
}
