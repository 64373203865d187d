package io.sluice.runtime.checkpoint;

import io.sluice.runtime.state.StateSnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A complete checkpoint read back for a restore: operator state by uid (the key groups of all former
 * instances merged, ready to be split over the new ones) and source splits by source uid.
 *
 * @param path         the checkpoint directory
 * @param checkpointId its id; new checkpoints continue after it
 * @param states       operator state by uid
 * @param sourceSplits encoded splits by source uid
 */
public record RestoredCheckpoint(Path path, long checkpointId, Map<String, StateSnapshot> states,
                                 Map<String, List<byte[]>> sourceSplits) {

    /** Every uid that has something to restore. */
    public Set<String> uids() {
        Set<String> uids = new TreeSet<>(states.keySet());
        uids.addAll(sourceSplits.keySet());
        return uids;
    }
}
