package io.sluice.runtime.server;

/**
 * Where a server job is in its life. RUNNING and RESTARTING jobs are resumed when the server starts again;
 * the others are final.
 */
public enum JobState {
    /** Its workers run (possibly restored from a checkpoint). */
    RUNNING,
    /** It failed and waits for its restart delay before running again from its newest checkpoint. */
    RESTARTING,
    /** Its input ended and everything was written. */
    FINISHED,
    /** Stopped by {@code cancel}: output since the last checkpoint is not committed. */
    CANCELLED,
    /** Stopped by {@code savepoint --stop}, after its savepoint. */
    STOPPED,
    /** It failed as often as the restart strategy allows; the cause says why. */
    FAILED;

    /** Whether the job will not run again. */
    public boolean isFinal() {
        return this != RUNNING && this != RESTARTING;
    }
}
