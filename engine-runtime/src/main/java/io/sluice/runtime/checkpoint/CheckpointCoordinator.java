package io.sluice.runtime.checkpoint;

import io.sluice.runtime.exec.CheckpointParticipant;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checkpoints on its own thread, off the data path. Every interval (or on a savepoint request) it hands
 * a barrier to every live source tasklet through that tasklet's inbox, collects one {@link TaskletSnapshot} per
 * tasklet from the shared lock-free queue, writes them and the manifest ({@link CheckpointStorage}), then
 * tells every tasklet the checkpoint is complete (sinks commit). One checkpoint is in flight at a time.
 * A tasklet that finished contributes its final snapshot to every later checkpoint.
 *
 * <p>A worker only freezes its keyed state at the barrier; its snapshot arrives {@link TaskletSnapshot#pending
 * pending}, and this coordinator hands it to its checkpoint I/O threads, which write the frozen state into bytes
 * and put the finished snapshot back into the same queue. The worker never waits for that and takes no lock.
 */
public final class CheckpointCoordinator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

    private final String jobName;
    private final CheckpointStorage storage;
    private final long intervalNanos;
    private final List<CheckpointParticipant> participants;
    private final boolean[] isSource;
    private final MpscArrayQueue<TaskletSnapshot> acks;
    private final TaskletSnapshot[] finals;
    private final ConcurrentLinkedQueue<SavepointRequest> savepointRequests = new ConcurrentLinkedQueue<>();
    /** A savepoint that ends the job was triggered: no checkpoint may follow it (coordinator thread only). */
    private boolean finalSavepointTriggered;
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
    /** Tasklets whose snapshot of the checkpoint in flight a checkpoint I/O thread is writing. */
    private boolean[] writing;
    private long startNanos;
    /** Writes pending snapshots off the workers; tasks it never ran are released when the coordinator stops. */
    private final ThreadPoolExecutor io;
    private volatile Throwable ioFailure;

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
        int threads = Math.max(1, Math.min(participants.size(), Runtime.getRuntime().availableProcessors() / 2));
        AtomicInteger n = new AtomicInteger();
        // Off the data path: only the coordinator thread submits here (workers reach it through the MPSC acks).
        this.io = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sluice-" + jobName + "-checkpoint-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queue sized so that senders never wait: per tasklet at most a final snapshot and a regular one, which may
     * pass through twice (pending from the worker, finished from a checkpoint I/O thread).
     */
    public static MpscArrayQueue<TaskletSnapshot> ackQueue(int tasklets) {
        return new MpscArrayQueue<>(Math.max(16, tasklets * 4));
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                Throwable writeFailure = ioFailure;
                if (writeFailure != null) {
                    throw writeFailure;
                }
                drainAcks();
                if (inFlight < 0) {
                    SavepointRequest request = finalSavepointTriggered ? null : savepointRequests.poll();
                    if (request != null) {
                        finalSavepointTriggered = request.thenStop();
                        trigger(true, request.done());
                    } else if (!finalSavepointTriggered && System.nanoTime() >= nextTriggerNanos) {
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
            releaseAll();
            SavepointRequest request;
            while ((request = savepointRequests.poll()) != null) {
                request.done().completeExceptionally(new IllegalStateException("the job ended before the savepoint was taken"));
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

    /**
     * Asks for a savepoint; the future completes when it is durable. With {@code thenStop} the savepoint is the
     * job's last checkpoint: no checkpoint is triggered after it, so output that 2PC sinks stage after its
     * barrier is never committed and a restore from it continues exactly where the committed output ends. The
     * caller then stops the job.
     */
    public CompletableFuture<CheckpointStats> savepoint(boolean thenStop) {
        CompletableFuture<CheckpointStats> f = new CompletableFuture<>();
        if (stopped) {
            f.completeExceptionally(new IllegalStateException("checkpointing has stopped"));
        } else {
            savepointRequests.add(new SavepointRequest(f, thenStop));
        }
        return f;
    }

    private record SavepointRequest(CompletableFuture<CheckpointStats> done, boolean thenStop) {
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
        writing = new boolean[participants.size()];
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
            if (s.pending() != null) {
                if (s.checkpointId() == inFlight) {
                    writing[s.tasklet()] = true;
                    io.execute(new WriteFrozen(s));
                } else {
                    s.pending().release();
                }
            } else if (s.checkpointId() == CheckpointParticipant.FINAL) {
                finals[s.tasklet()] = s;
                // not when its snapshot of the checkpoint in flight is on its way: the final state is after the barrier
                if (inFlight >= 0 && received[s.tasklet()] == null && !writing[s.tasklet()]) {
                    received[s.tasklet()] = s;
                }
            } else if (s.checkpointId() == inFlight) {
                received[s.tasklet()] = s;
                writing[s.tasklet()] = false;
            }
        }
    }

    /** Writes one tasklet's frozen state into bytes, off its worker, and queues the finished snapshot. */
    private final class WriteFrozen implements Runnable {
        final TaskletSnapshot taken;

        WriteFrozen(TaskletSnapshot taken) {
            this.taken = taken;
        }

        @Override
        public void run() {
            try {
                TaskletSnapshot done = taken.complete();
                while (!acks.offer(done) && !stopped) {
                    Thread.onSpinWait();
                }
            } catch (Throwable t) {
                taken.pending().release();
                ioFailure = new IOException("could not write the state of tasklet " + taken.tasklet() + " for checkpoint "
                        + taken.checkpointId() + ": " + t, t);
            }
        }
    }

    /** The coordinator stops: no pending snapshot may keep the state copying. */
    private void releaseAll() {
        for (Runnable r : io.shutdownNow()) {
            ((WriteFrozen) r).taken.pending().release();
        }
        TaskletSnapshot s;
        while ((s = acks.poll()) != null) {
            if (s.pending() != null) {
                s.pending().release();
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private boolean allReceived() {
        for (int i = 0; i < received.length; i++) {
            if (received[i] == null || writing[i]) {
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
        long maxAsync = 0;
        for (TaskletSnapshot s : received) {
            if (s.checkpointId() == id) { // a finished tasklet's final snapshot cost nothing now
                maxAlign = Math.max(maxAlign, s.alignNanos());
                maxSync = Math.max(maxSync, s.syncNanos());
                maxAsync = Math.max(maxAsync, s.asyncNanos());
            }
        }
        CheckpointStats stats = new CheckpointStats(id, inFlightSavepoint, System.nanoTime() - startNanos, bytes,
                maxAlign, maxSync, maxAsync, storage.root().resolve((inFlightSavepoint ? "sp-" : "chk-") + id).toString());
        lastCompleted = stats;
        LOG.info("{} {} complete: {} bytes in {} ms; worker pause (max over tasklets) {} ms, async write {} ms, "
                        + "alignment {} ms", inFlightSavepoint ? "savepoint" : "checkpoint", id, bytes,
                millis(stats.durationNanos()), millis(maxSync), millis(maxAsync), millis(maxAlign));
        for (CheckpointParticipant p : participants) {
            // a finished tasklet no longer reads its inbox; a full inbox would only mean it is gone
            p.offer(new CheckpointCommand.Completed(id));
        }
        storage.prune(-1);
        inFlight = -1;
        received = null;
        writing = null;
        if (inFlightRequest != null) {
            inFlightRequest.complete(stats);
            inFlightRequest = null;
        }
    }
}
