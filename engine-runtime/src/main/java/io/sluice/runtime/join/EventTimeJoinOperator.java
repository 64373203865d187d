package io.sluice.runtime.join;

import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * A join bound to event time (windowed, interval): records need timestamps; a record older than the join's
 * watermark is late and dropped (counted); the watermark, which survives restore, drives what the join emits
 * or expires before it is passed on. Owned by one worker thread.
 */
abstract class EventTimeJoinOperator extends KeyedJoinOperator {

    private KeyGroupWatermark watermark;
    private long droppedLate;

    EventTimeJoinOperator(JoinSpec spec, Object userFunction) {
        super(spec, userFunction);
    }

    @Override
    final void registerState(KeyedStateBackend backend) {
        watermark = new KeyGroupWatermark(backend, context);
        registerTables(backend);
    }

    abstract void registerTables(KeyedStateBackend backend);

    /**
     * Handles one on-time record ({@code timestamp >= watermark}) of input {@code input}.
     */
    abstract void processOnTime(int input, Object item, long timestamp);

    /** The watermark reached {@code watermark}: emit or expire what it makes final. */
    abstract void onWatermark(long watermark);

    @Override
    public final void processInput(int input, Object item, long timestamp) {
        if (timestamp == NO_TIMESTAMP) {
            throw failure(new IllegalStateException("an event-time join needs records with timestamps: give the "
                    + "source a WatermarkPolicy with a timestamp function (or one that provides timestamps)"));
        }
        if (timestamp < watermark.value()) {
            droppedLate++;
            return;
        }
        processOnTime(input, item, timestamp);
    }

    @Override
    public final void processWatermark(long wm) {
        if (!watermark.advance(wm)) {
            return;
        }
        onWatermark(wm);
        downstream.processWatermark(wm);
    }

    /** The current watermark. */
    final long watermark() {
        return watermark.value();
    }

    /** Late records dropped so far (a metric, not persisted). */
    @Override
    public final long lateCount() {
        return droppedLate;
    }

    @Override
    public final DeferredState snapshotState(StateWriter out) throws IOException {
        watermark.beforeSnapshot();
        return super.snapshotState(out);
    }

    @Override
    final void afterRestore() {
        watermark.afterRestore();
        rebuildAfterRestore();
    }

    /** Rebuilds what is derived from the restored keyed state (the expiry queue). */
    abstract void rebuildAfterRestore();

    /** {@code a + b}, clamped to the range of {@code long} instead of overflowing. */
    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
