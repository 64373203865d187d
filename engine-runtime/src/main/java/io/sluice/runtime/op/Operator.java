package io.sluice.runtime.op;

import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * The untyped core operator: one link of a fused chain. A chain is a singly linked list of operators that
 * ends in a terminal (an outbox that feeds queues, or a sink); each operator pushes its results straight
 * into {@link #downstream}, so a fused chain runs as one loop with no queue and no buffer in between.
 *
 * <p><b>How it is called.</b> Only by the worker thread that owns the tasklet: {@link #open}, then any mix
 * of {@link #process}, {@link #processWatermark}, {@link #flush}, {@link #snapshotState}; {@link #finish} once at
 * end of input; {@link #close} always, also after a failure. An operator never refuses an item:
 * backpressure is handled by the tasklet, which stops feeding the chain while its outbox holds items it
 * could not hand to a full queue.
 */
public abstract class Operator {

    /** The next link; {@code null} only for terminals. */
    protected Operator downstream;
    protected OperatorContext context;
    /** Items this operator emitted; written by the owning thread only (a plain field: it is on the hot path). */
    protected long emitted;
    /** The job is starting from a checkpoint (set before {@link #open}). */
    protected boolean jobRestored;
    /** The id of the checkpoint the job starts from; -1 on a fresh start. */
    protected long restoredCheckpointId = -1;

    /** Called before {@link #open} when the job starts from checkpoint {@code checkpointId}. */
    public final void markJobRestored(long checkpointId) {
        this.jobRestored = true;
        this.restoredCheckpointId = checkpointId;
    }

    /** Links {@code next} after this operator and returns it. */
    public final Operator then(Operator next) {
        this.downstream = next;
        return next;
    }

    public final Operator downstream() {
        return downstream;
    }

    public void open(OperatorContext context) throws Exception {
        this.context = context;
    }

    /** The timestamp of a record that has none (processing-time pipelines). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    /**
     * Handles one record with its event-time timestamp (epoch ms, or {@link #NO_TIMESTAMP}). The timestamp
     * travels as an argument rather than in a wrapper, so a fused chain allocates nothing to carry it.
     */
    public abstract void process(Object item, long timestamp);

    /**
     * Handles a record that crossed a hash-partitioned queue into this operator, the head of its chain, with the
     * key the producer computed with this operator's own key function and the key's group: a keyed operator uses
     * them instead of computing them again. Others keep the default, which ignores them.
     */
    public void processKeyed(Object item, long timestamp, Object key, int keyGroup) {
        process(item, timestamp);
    }

    /**
     * Handles a record that arrived on input {@code input} of a multi-input operator (a join). Only the head
     * of a chain can have several inputs; single-input operators keep the default.
     */
    public void processInput(int input, Object item, long timestamp) {
        process(item, timestamp);
    }

    /**
     * Processing time advanced to {@code nowMillis}. Called by the tasklet at most about once per millisecond,
     * and only when some operator of the chain {@link #wantsProcessingTime() wants it}; passed down the chain.
     */
    public void processingTime(long nowMillis) {
        if (downstream != null) {
            downstream.processingTime(nowMillis);
        }
    }

    /** Whether this operator needs {@link #processingTime} calls (processing-time timers, idle timeouts). */
    public boolean wantsProcessingTime() {
        return false;
    }

    /**
     * The event-time watermark advanced to {@code watermark}: any record that arrives later with a timestamp
     * below it is late. Stateless operators pass it on; windows fire the windows that end at or before it.
     */
    public void processWatermark(long watermark) {
        downstream.processWatermark(watermark);
    }

    /**
     * A watermark from the local stage of a two-stage session window, which still holds partial sessions whose
     * first event is at or after {@code heldFrom} ({@code Long.MAX_VALUE}: none) and will send them later: the
     * window behind the queue must not fire a session they could still join. Only the outbox carries the hold
     * over (with the watermark); any other operator takes the watermark alone.
     */
    public void processWatermark(long watermark, long heldFrom) {
        processWatermark(watermark);
    }

    /**
     * For the head of a chain behind a queue: the lowest hold over the inputs that are neither idle nor ended
     * changed to {@code heldFrom} (see {@link #processWatermark(long, long)}); {@code Long.MAX_VALUE} when no
     * input holds anything. Only a window that combines partial sessions uses it; others ignore it.
     */
    public void processHold(long heldFrom) {
    }

    /**
     * The tasklet declares itself idle downstream (its watermark stops holding consumers back): operators that
     * hold records for a later watermark send them now. Passed down the chain; the outbox broadcasts it.
     */
    public void processIdle() {
        if (downstream != null) {
            downstream.processIdle();
        }
    }

    /** End of a batch of work: a chance to push buffered output out (sinks flush here). */
    public void flush() throws Exception {
        if (downstream != null) {
            downstream.flush();
        }
    }

    /** End of input: emit whatever is still held, then pass the call on. */
    public void finish() throws Exception {
        if (downstream != null) {
            downstream.finish();
        }
    }

    /** Whether {@link #snapshot} writes anything. */
    public boolean isStateful() {
        return false;
    }

    /**
     * Writes this operator's whole state now, nothing deferred: for snapshots that nothing changes afterwards (a
     * finished tasklet's final snapshot, tests). Called between two {@code process} calls.
     */
    public final void snapshot(StateWriter out) throws IOException {
        DeferredState rest = snapshotState(out);
        if (rest != null) {
            rest.writeTo(out);
        }
    }

    /**
     * Takes this operator's part of a running checkpoint, on the worker thread between two {@code process} calls:
     * writes small state (positions, committables, counters) to {@code out} at once and returns keyed state
     * frozen ({@link io.sluice.runtime.state.KeyedStateBackend#freeze}), which a checkpoint thread writes into the
     * same writer later while this operator goes on; {@code null} when {@code out} already holds everything.
     * Keep the part done here short: it is the pause of the data path.
     */
    public DeferredState snapshotState(StateWriter out) throws IOException {
        return null;
    }

    /**
     * Checkpoint {@code checkpointId} is about to snapshot this operator (called right before
     * {@link #snapshot}, also for stateless operators): a two-phase-commit sink stages its output here.
     */
    public void beforeSnapshot(long checkpointId) throws Exception {
    }

    /** Checkpoint {@code checkpointId} is durable: a two-phase-commit sink makes what it staged visible. */
    public void checkpointComplete(long checkpointId) throws Exception {
    }

    /** Replaces this operator's state with what {@link #snapshot} wrote. Called after {@code open}. */
    public void restore(StateReader in) throws IOException {
    }

    /**
     * The job starts from a checkpoint and this operator is open and restored (also when the checkpoint held no
     * state for it). Called once, after {@link #restore}, before any record.
     */
    public void restoreFinished() {
    }

    public void close() throws Exception {
    }

    /** How many items this operator passed downstream so far (may lag when read from another thread). */
    public long emittedCount() {
        return emitted;
    }

    /**
     * Records this operator rejected as late (event-time operators: too far behind the watermark), whether or
     * not a side output took them; 0 for the others. May lag when read from another thread.
     */
    public long lateCount() {
        return 0;
    }

    public OperatorContext context() {
        return context;
    }

    /** Wraps a failure of user code so the job's error names the operator. */
    protected final RuntimeException failure(Throwable cause) {
        if (cause instanceof OperatorException) {
            return (OperatorException) cause;
        }
        String name = context == null ? getClass().getSimpleName() : context.describe();
        return new OperatorException(name, cause);
    }
}
