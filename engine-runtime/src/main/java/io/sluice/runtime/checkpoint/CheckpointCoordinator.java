package io.sluice.runtime.checkpoint;

import io.sluice.runtime.exec.CheckpointParticipant;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;

/**
 * Runs checkpoints on its own thread, off the data path. Every interval (or on a savepoint request) it hands
 * a barrier to every live source tasklet through that tasklet's inbox, collects one {@link TaskletSnapshot} per
 * tasklet from the shared lock-free queue, writes them and the manifest ({@link CheckpointStorage}), then
 * tells every tasklet the checkpoint is complete (sinks commit). One checkpoint is in flight at a time.
 * A tasklet that finished contributes its final snapshot to every later checkpoint.
 */
public final class CheckpointCoordinator implements Runnable {

    private final String jobName;
    private final CheckpointStorage storage;
    private final long intervalNanos;
    private final List<CheckpointParticipant> participants;
    private final boolean[] isSource;
    private final MpscArrayQueue<TaskletSnapshot> acks;
    private final TaskletSnapshot[] finals;
    private final ConcurrentLinkedQueue<CompletableFuture<CheckpointStats>> savepointRequests = new ConcurrentLinkedQueue<>();
    private final Consumer<String> warn;
    private volatile Consumer<Throwable> onFailure = t -> { };
    private volatile boolean stopped;
    private volatile CheckpointStats lastCompleted;
    private volatile Throwable failure;
    private long lastId;
    private long nextTriggerNanos;
    private long inFlight = -1;
    private boolean inFlightSavepoint;
    private CompletableFuture<CheckpointStats> inFlightRequest;
    private TaskletSnapshot[] received;
    private long startNanos;

    /**
     * @param participants one per tasklet, indexed by tasklet
     * @param isSource     which tasklets read a source (they receive the barriers)
     * @param acks         the queue the participants send snapshots to
     * @param firstId      the id of the first checkpoint (after any restored one)
     */
    public CheckpointCoordinator(String jobName, CheckpointStorage storage, long intervalNanos,
                                 List<CheckpointParticipant> participants, boolean[] isSource,
                                 MpscArrayQueue<TaskletSnapshot> acks, long firstId, Consumer<String> warn) {
        this.jobName = jobName;
        this.storage = storage;
        this.intervalNanos = intervalNanos;
        this.participants = participants;
        this.isSource = isSource;
        this.acks = acks;
        this.finals = new TaskletSnapshot[participants.size()];
        this.lastId = firstId - 1;
        this.warn = warn;
        this.nextTriggerNanos = System.nanoTime() + intervalNanos;
    }

    /** Queue sized so that senders never wait: a final and a regular snapshot per tasklet at most. */
    public static MpscArrayQueue<TaskletSnapshot> ackQueue(int tasklets) {
        return new MpscArrayQueue<>(Math.max(16, tasklets * 4));
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                drainAcks();
                if (inFlight < 0) {
                    CompletableFuture<CheckpointStats> request = savepointRequests.poll();
                    if (request != null) {
                        trigger(true, request);
                    } else if (System.nanoTime() >= nextTriggerNanos) {
                        trigger(false, null);
                    }
                } else if (allReceived()) {
                    complete();
                }
                LockSupport.parkNanos(500_000);
            }
        } catch (Throwable t) {
            failure = t;
            stopped = true;
            warn.accept("checkpointing failed: " + t);
            onFailure.accept(t);
        } finally {
            stopped = true;
            CompletableFuture<CheckpointStats> request;
            while ((request = savepointRequests.poll()) != null) {
                request.completeExceptionally(new IllegalStateException("the job ended before the savepoint was taken"));
            }
            if (inFlightRequest != null) {
                inFlightRequest.completeExceptionally(new IllegalStateException("the job ended before the savepoint completed"));
            }
        }
    }

    /**
     * Called (on the coordinator thread) when checkpointing fails, e.g. the directory cannot be written: a job
     * whose output is committed by checkpoints must not go on without them.
     */
    public void onFailure(Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    /** Asks for a savepoint; the future completes when it is durable. */
    public CompletableFuture<CheckpointStats> savepoint() {
        CompletableFuture<CheckpointStats> f = new CompletableFuture<>();
        if (stopped) {
            f.completeExceptionally(new IllegalStateException("checkpointing has stopped"));
        } else {
            savepointRequests.add(f);
        }
        return f;
    }

    /** Stops triggering; a checkpoint in flight is abandoned (its directory has no manifest). */
    public void stop() {
        stopped = true;
    }

    /** The newest completed checkpoint, or {@code null}. */
    public CheckpointStats lastCompleted() {
        return lastCompleted;
    }

    /** Why checkpointing stopped by itself (an I/O error), or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    private void trigger(boolean savepoint, CompletableFuture<CheckpointStats> request) {
        boolean anySourceLive = false;
        for (int i = 0; i < participants.size(); i++) {
            anySourceLive |= isSource[i] && finals[i] == null;
        }
        nextTriggerNanos = System.nanoTime() + intervalNanos;
        if (!anySourceLive) {
            if (request != null) {
                request.completeExceptionally(new IllegalStateException("every source has finished; nothing to snapshot"));
            }
            return;
        }
        long id = ++lastId;
        inFlight = id;
        inFlightSavepoint = savepoint;
        inFlightRequest = request;
        startNanos = System.nanoTime();
        received = new TaskletSnapshot[participants.size()];
        for (int i = 0; i < participants.size(); i++) {
            if (finals[i] != null) {
                received[i] = finals[i];
            } else if (isSource[i] && !participants.get(i).offer(new CheckpointCommand.Trigger(id, savepoint))) {
                throw new IllegalStateException("the inbox of tasklet " + i + " is full");
            }
        }
    }

    private void drainAcks() {
        TaskletSnapshot s;
        while ((s = acks.poll()) != null) {
            if (s.checkpointId() == CheckpointParticipant.FINAL) {
                finals[s.tasklet()] = s;
                if (inFlight >= 0 && received[s.tasklet()] == null) {
                    received[s.tasklet()] = s;
                }
            } else if (s.checkpointId() == inFlight) {
                received[s.tasklet()] = s;
            }
        }
    }

    private boolean allReceived() {
        for (TaskletSnapshot s : received) {
            if (s == null) {
                return false;
            }
        }
        return true;
    }

    private void complete() throws IOException {
        long id = inFlight;
        long bytes = storage.write(id, inFlightSavepoint, jobName, Arrays.asList(received));
        long maxAlign = 0;
        long maxSync = 0;
        for (TaskletSnapshot s : received) {
            maxAlign = Math.max(maxAlign, s.alignNanos());
            maxSync = Math.max(maxSync, s.syncNanos());
        }
        CheckpointStats stats = new CheckpointStats(id, inFlightSavepoint, System.nanoTime() - startNanos, bytes,
                maxAlign, maxSync, storage.root().resolve((inFlightSavepoint ? "sp-" : "chk-") + id).toString());
        lastCompleted = stats;
        for (CheckpointParticipant p : participants) {
            // a finished tasklet no longer reads its inbox; a full inbox would only mean it is gone
            p.offer(new CheckpointCommand.Completed(id));
        }
        storage.prune(-1);
        inFlight = -1;
        received = null;
        if (inFlightRequest != null) {
            inFlightRequest.complete(stats);
            inFlightRequest = null;
        }
    }
}
