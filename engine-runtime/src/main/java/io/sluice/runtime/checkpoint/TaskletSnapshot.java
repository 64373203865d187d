package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.StateSnapshot;
import java.util.List;
import java.util.Map;

/**
 * What one tasklet contributes to checkpoint {@code checkpointId}: the state of its stateful operators by uid,
 * the positions of its source (encoded splits, for a source tasklet), and what its snapshot cost.
 *
 * @param checkpointId   the checkpoint
 * @param tasklet        the tasklet's index in the job
 * @param operatorStates state by operator uid (only stateful operators)
 * @param sourceUid      uid of the source this tasklet reads, or {@code null}
 * @param sourceSplits   the source's splits with positions, encoded with the source's split codec
 * @param syncNanos      time the worker spent taking the snapshot (the pause of the data path)
 * @param alignNanos     time from the first barrier to the last on a multi-channel tasklet
 */
public record TaskletSnapshot(long checkpointId, int tasklet, Map<String, StateSnapshot> operatorStates,
                              String sourceUid, List<byte[]> sourceSplits, long syncNanos, long alignNanos) {
}
