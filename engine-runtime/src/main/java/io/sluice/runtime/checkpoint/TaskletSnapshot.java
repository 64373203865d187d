package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.StateSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What one tasklet contributes to checkpoint {@code checkpointId}: the state of its stateful operators by uid,
 * the positions of its source (encoded splits, for a source tasklet), and what its snapshot cost. A worker sends
 * it with {@code pending} state when part of it is still to be written off the worker ({@link #complete}).
 *
 * @param checkpointId   the checkpoint
 * @param tasklet        the tasklet's index in the job
 * @param operatorStates state by operator uid (only stateful operators); empty while {@code pending}
 * @param sourceUid      uid of the source this tasklet reads, or {@code null}
 * @param sourceSplits   the source's splits with positions, encoded with the source's split codec
 * @param syncNanos      time the worker spent taking the snapshot (the pause of the data path)
 * @param alignNanos     time from the first barrier to the last on a multi-channel tasklet
 * @param asyncNanos     time a checkpoint thread spent writing the deferred state (0 when there was none)
 * @param pending        operator states still to be written, or {@code null}
 */
public record TaskletSnapshot(long checkpointId, int tasklet, Map<String, StateSnapshot> operatorStates,
                              String sourceUid, List<byte[]> sourceSplits, long syncNanos, long alignNanos,
                              long asyncNanos, PendingStates pending) {

    /** A snapshot with nothing left to write. */
    public TaskletSnapshot(long checkpointId, int tasklet, Map<String, StateSnapshot> operatorStates,
                           String sourceUid, List<byte[]> sourceSplits, long syncNanos, long alignNanos) {
        this(checkpointId, tasklet, operatorStates, sourceUid, sourceSplits, syncNanos, alignNanos, 0, null);
    }

    /**
     * The snapshot of a worker: complete at once when nothing was deferred (cheap: the writers hold it all), else
     * pending for a checkpoint thread.
     */
    public static TaskletSnapshot taken(long checkpointId, int tasklet, PendingStates states, String sourceUid,
                                        List<byte[]> sourceSplits, long syncNanos, long alignNanos) throws IOException {
        if (!states.anyDeferred()) {
            return new TaskletSnapshot(checkpointId, tasklet, states.complete(), sourceUid, sourceSplits, syncNanos,
                    alignNanos);
        }
        return new TaskletSnapshot(checkpointId, tasklet, Map.of(), sourceUid, sourceSplits, syncNanos, alignNanos,
                0, states);
    }

    /** Writes the pending state (on a checkpoint thread) and returns the finished snapshot. */
    public TaskletSnapshot complete() throws IOException {
        if (pending == null) {
            return this;
        }
        long start = System.nanoTime();
        Map<String, StateSnapshot> states = pending.complete();
        return new TaskletSnapshot(checkpointId, tasklet, states, sourceUid, sourceSplits, syncNanos, alignNanos,
                System.nanoTime() - start, null);
    }
}
