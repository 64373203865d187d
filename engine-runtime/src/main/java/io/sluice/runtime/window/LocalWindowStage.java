package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.WindowDefinition;
import io.sluice.runtime.op.Operator;

/**
 * The local first stage of a two-stage window aggregation, fused at the end of the chain that feeds a window
 * through a queue: it folds its instance's records into per-key accumulators ({@link LocalWindowAggregator} for
 * slices of tumbling and sliding windows, {@link LocalSessionAggregator} for partial sessions) and sends those
 * as {@link WindowPartial}s, so that most records never cross to another core.
 *
 * <p><b>Which records it may fold.</b> Only the window, which merges the watermarks of all its inputs, can tell
 * whether a record is late, so this stage decides nothing about lateness. A record at or after this stage's
 * watermark is folded: its window cannot have fired, since the window's watermark is at most this one. A record
 * behind it (or without a timestamp) is sent alone, after its key's open accumulators, so that the window
 * folds the key's records in their order and accepts or rejects it exactly as it would with one stage. Two
 * cases where the window's watermark may be ahead of this stage's: after this stage's input went idle (an idle
 * input stops holding the window back; everything held goes out ahead of the idle marker, and from then on
 * every record goes alone), and after a restore (the window comes back with its watermark, the sources with
 * none: until every window instance has reported its restored watermark, and below the highest, records go
 * alone; see {@link RestoredWindowWatermark}).
 *
 * <p><b>No state of its own in checkpoints.</b> Before a barrier everything held is sent: the partials travel
 * ahead of the barrier into the window's snapshot, so the job restores with one stage or two, at any
 * parallelism.
 *
 * <p>Called by the worker thread that owns its tasklet only.
 */
public abstract class LocalWindowStage extends Operator {

    final KeyFn<Object, Object> keyFn;
    final AggregateOp<Object, Object, Object> op;
    long watermark = Long.MIN_VALUE;
    /**
     * Records below this are sent alone: the largest of this stage's watermark, after a restore the window's
     * restored watermark ({@link #restoreFloor}), and the lowest time windows place ({@link #lowestFoldable});
     * {@code Long.MAX_VALUE} once this instance has been idle.
     */
    private long sendAloneBelow;
    /** After a restore: the window's highest restored watermark, {@code Long.MAX_VALUE} until it is known. */
    private long restoreFloor = Long.MIN_VALUE;
    private RestoredWindowWatermark restoredWindow;
    /**
     * Set once this instance declared itself idle: the window's watermark may have moved past this one's since
     * (an idle input does not hold it back), so records go alone from then on, and the window judges each.
     */
    private boolean wasIdle;
    /**
     * Records outside these go alone, and the window rejects them ({@link WindowLogic#timeMargin}); below the
     * lowest also lies {@code NO_TIMESTAMP}.
     */
    private final long lowestFoldable;
    private final long highestFoldable;

    LocalWindowStage(WindowAggregation aggregation) {
        this.keyFn = aggregation.keyFn();
        this.op = aggregation.op();
        long margin = WindowLogic.timeMargin(aggregation.definition());
        this.lowestFoldable = Long.MIN_VALUE + margin;
        this.highestFoldable = Long.MAX_VALUE - margin;
        this.sendAloneBelow = lowestFoldable;
    }

    /** The local stage of {@code aggregation}, which {@link #supports} must accept. */
    public static LocalWindowStage of(WindowAggregation aggregation) {
        WindowDefinition d = aggregation.definition();
        if (!supports(d)) {
            throw new IllegalArgumentException("no two-stage aggregation for " + d + ": tumbling and sliding windows "
                    + "without early results, or sessions that combine locally");
        }
        return d.kind() == WindowDefinition.Kind.SESSION ? new LocalSessionAggregator(aggregation)
                : new LocalWindowAggregator(aggregation);
    }

    /**
     * Whether windows of {@code definition} can be aggregated in two stages: tumbling and sliding windows without
     * early results (the window alone would not see the open slices), and sessions that allow it
     * ({@link WindowDefinition#combineLocally}: a session's extent depends on every instance's records, so the
     * window must wait for what the local stages hold).
     */
    public static boolean supports(WindowDefinition definition) {
        if (definition.kind() == WindowDefinition.Kind.SESSION) {
            return definition.localCombiningMillis() > 0;
        }
        return definition.earlyResultsMillis() <= 0 && definition.earlyResultsProcessingTimeMillis() <= 0;
    }

    @Override
    public final void process(Object item, long timestamp) {
        try {
            Object key = null;
            if (keyFn != null) {
                key = keyFn.key(item);
                if (key == null) {
                    throw new NullPointerException("the key function returned null for " + item);
                }
            }
            if (timestamp < sendAloneBelow || timestamp > highestFoldable) {
                if (timestamp != NO_TIMESTAMP) {
                    sendOpenAccumulatorsOf(key, timestamp); // the earlier records of its window go first
                }
                emitted++;
                // NO_TIMESTAMP stays: the window then finds the record without event time, as one stage would.
                downstream.process(WindowPartial.ofRecord(key, item, timestamp), NO_TIMESTAMP);
                return;
            }
            fold(key, item, timestamp);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Folds a record at or after the watermark into its key's accumulator. */
    abstract void fold(Object key, Object item, long timestamp) throws Exception;

    /** Sends what {@code key} holds that a record at {@code timestamp} sent alone may belong with. */
    abstract void sendOpenAccumulatorsOf(Object key, long timestamp);

    /** Sends everything held (idle input, barrier, end of input). */
    abstract void sendAll();

    /** Whether records go alone for now whatever their time (a stage that found folding does not pay). */
    boolean bypassing() {
        return false;
    }

    static Object checked(Object acc) {
        if (acc == null) {
            throw new NullPointerException("the aggregation returned a null accumulator");
        }
        return acc;
    }

    /**
     * The input went idle, so the window's watermark stops waiting for this instance: everything held goes now
     * (ahead of the idle marker), and since the window may then move past this instance's watermark, every
     * later record goes alone.
     */
    @Override
    public final void processIdle() {
        sendAll();
        wasIdle = true;
        updateSendAloneBelow();
        downstream.processIdle();
    }

    /** After a restore, folds nothing below the window's restored watermark (the window reports it). */
    public final void foldOnlyAfter(RestoredWindowWatermark window) {
        this.restoredWindow = window;
        this.restoreFloor = Long.MAX_VALUE;
        updateSendAloneBelow();
    }

    @Override
    public final void flush() throws Exception {
        if (restoredWindow != null) {
            long floor = restoredWindow.floor();
            if (floor != Long.MAX_VALUE) {
                restoreFloor = floor;
                restoredWindow = null;
                updateSendAloneBelow();
            }
        }
        super.flush();
    }

    final void updateSendAloneBelow() {
        sendAloneBelow = wasIdle || bypassing() ? Long.MAX_VALUE
                : Math.max(Math.max(watermark, restoreFloor), lowestFoldable);
    }

    /** Sends everything held ahead of the barrier, so that the window's snapshot holds it. */
    @Override
    public final void beforeSnapshot(long checkpointId) {
        sendAll();
    }

    @Override
    public final void finish() throws Exception {
        sendAll();
        super.finish();
    }
}
