package io.sluice.runtime.exec;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.Source;
import io.sluice.api.transform.Transform;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointCoordinator;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.checkpoint.CheckpointStorage;
import io.sluice.runtime.checkpoint.RestoredCheckpoint;
import io.sluice.runtime.checkpoint.TaskletSnapshot;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a job into checkpointing: finds the checkpoint to restore, checks that its state fits the job
 * (operators matched by uid), links every tasklet to the {@link CheckpointCoordinator} and runs the
 * coordinator on its own thread.
 */
final class JobCheckpointing {

    private static final Logger LOG = LoggerFactory.getLogger(JobCheckpointing.class);

    private final CheckpointCoordinator coordinator;
    private final Thread thread;

    private JobCheckpointing(CheckpointCoordinator coordinator, String jobName) {
        this.coordinator = coordinator;
        this.thread = new Thread(coordinator, "sluice-" + jobName + "-checkpoints");
        this.thread.setDaemon(true);
    }

    /** The checkpoint to start from, or {@code null} for a fresh start. */
    static RestoredCheckpoint loadRestore(PhysicalPlan plan, CheckpointConfig config) throws Exception {
        if (config == null || config.restore() == null) {
            return null;
        }
        RestoredCheckpoint restored;
        if (config.restore().equals("latest")) {
            CheckpointStorage storage = new CheckpointStorage(config.directory(), config.retained());
            restored = storage.latest(LOG::warn).orElse(null);
            if (restored == null) {
                LOG.warn("no complete checkpoint in {}: starting from the beginning", config.directory());
                return null;
            }
        } else {
            try {
                restored = CheckpointStorage.load(Path.of(config.restore()));
            } catch (java.io.IOException e) {
                throw new BadInputException("cannot restore from " + config.restore() + ": " + e.getMessage(), e);
            }
        }
        checkFits(plan, restored, config.allowNonRestoredState());
        LOG.info("restoring job '{}' from {}", plan.jobName(), restored.path());
        return restored;
    }

    /** Every uid in the checkpoint must belong to an operator of the job, unless the user allowed dropping it. */
    private static void checkFits(PhysicalPlan plan, RestoredCheckpoint restored, boolean allowNonRestored) {
        Set<String> uids = new TreeSet<>();
        for (VertexPlan v : plan.vertices()) {
            for (Transform t : v.chain()) {
                uids.add(t.uid());
            }
        }
        Set<String> orphaned = new TreeSet<>(restored.uids());
        orphaned.removeAll(uids);
        if (orphaned.isEmpty()) {
            return;
        }
        if (!allowNonRestored) {
            throw new BadInputException("checkpoint " + restored.path() + " holds state of operators the job no longer has: "
                    + orphaned + " (give them their uid back with .uid(...), or pass --allow-non-restored-state to drop it)");
        }
        LOG.warn("dropping the state of {} from {}: no operator of the job has that uid", orphaned, restored.path());
    }

    /** Links every tasklet of the job to a new coordinator; call {@link #start()} once the workers run. */
    static JobCheckpointing attach(PhysicalPlan plan, CheckpointConfig config, List<VertexRuntime> vertices,
                                   RestoredCheckpoint restored) throws Exception {
        CheckpointStorage storage = new CheckpointStorage(config.directory(), config.retained());
        List<Tasklet> all = new ArrayList<>();
        List<Boolean> sources = new ArrayList<>();
        for (VertexRuntime v : vertices) {
            for (Tasklet t : v.tasklets()) {
                all.add(t);
                sources.add(t instanceof SourceTasklet);
            }
        }
        MpscArrayQueue<TaskletSnapshot> acks = CheckpointCoordinator.ackQueue(all.size());
        List<CheckpointParticipant> participants = new ArrayList<>();
        boolean[] isSource = new boolean[all.size()];
        int index = 0;
        for (VertexRuntime v : vertices) {
            for (Tasklet t : v.tasklets()) {
                CheckpointParticipant p = new CheckpointParticipant(index, acks);
                participants.add(p);
                if (t instanceof SourceTasklet source) {
                    isSource[index] = true;
                    Source<?> s = (Source<?>) v.plan().first().function();
                    source.enableCheckpoints(p, v.plan().first().uid(), s.splitCodec());
                } else {
                    ((ProcessorTasklet) t).enableCheckpoints(p);
                }
                index++;
            }
        }
        long firstId = Math.max(storage.highestId(), restored == null ? 0 : restored.checkpointId()) + 1;
        CheckpointCoordinator coordinator = new CheckpointCoordinator(plan.jobName(), storage,
                config.interval().toNanos(), participants, isSource, acks, firstId, LOG::warn);
        return new JobCheckpointing(coordinator, plan.jobName());
    }

    /** Starts the coordinator; if checkpointing fails, {@code onFailure} is told (the job then fails). */
    void start(java.util.function.Consumer<Throwable> onFailure) {
        coordinator.onFailure(onFailure);
        thread.start();
    }

    /**
     * Stops triggering and waits (briefly) for a checkpoint that is being written to finish, so that when the
     * job reports its end, the checkpoint directory no longer changes.
     */
    void stop() {
        coordinator.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    CompletableFuture<CheckpointStats> savepoint(boolean thenStop) {
        return coordinator.savepoint(thenStop);
    }

    CheckpointStats lastCompleted() {
        return coordinator.lastCompleted();
    }
}
