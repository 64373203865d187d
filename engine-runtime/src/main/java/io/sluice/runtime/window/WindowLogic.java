package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.codec.Codec;
import io.sluice.api.window.WindowDefinition;

/**
 * What differs between kinds of windows: how a key's state takes an event, which of its windows fire when
 * the watermark advances, when its next action is due, and how it is written to snapshots. The
 * {@link WindowOperator} does the rest (keys, lateness, timers, watermarks, emission). Stateless apart from
 * its settings, and called by one worker thread.
 */
abstract class WindowLogic {

    final AggregateOp<Object, Object, Object> op;
    /** Allowed lateness in ms: window state is kept that long after the window fired. */
    final long lateness;

    WindowLogic(AggregateOp<Object, Object, Object> op, long lateness) {
        this.op = op;
        this.lateness = lateness;
    }

    static WindowLogic of(WindowDefinition definition, AggregateOp<Object, Object, Object> op) {
        long lateness = definition.allowedLatenessMillis();
        if (definition.kind() == WindowDefinition.Kind.SESSION) {
            return new SessionWindows(op, lateness, definition.gapMillis());
        }
        return new SlicedWindows(op, lateness,
                new SliceGrid(definition.sizeMillis(), definition.slideMillis(), definition.offsetMillis()));
    }

    /**
     * How close to either end of the {@code long} range an event time may come: within it, a window's bounds,
     * timers or session end would overflow. Twice the window's size, slide and allowed lateness (gap and lateness
     * for sessions), plus one; a real clock is never there, so an event time within it is garbage. The lowest
     * event time windows place is {@code Long.MIN_VALUE + margin}, which also keeps out {@code NO_TIMESTAMP};
     * the highest is {@code Long.MAX_VALUE - margin}.
     */
    static long timeMargin(WindowDefinition d) {
        long span = SliceGrid.saturatedAdd(SliceGrid.saturatedAdd(d.sizeMillis(), d.slideMillis()),
                SliceGrid.saturatedAdd(d.allowedLatenessMillis(), 1));
        return SliceGrid.saturatedAdd(span, span);
    }

    /** An empty state for a new key. */
    abstract KeyWindows newState();

    /**
     * Folds an accepted event (not late: {@code timestamp >= watermark - lateness}) into {@code state}. An
     * event behind the watermark updates windows that already fired: they are emitted again at once. Asks the
     * operator for a timer when the event created a window that is due before the key's timer.
     */
    abstract void add(WindowOperator operator, Object key, KeyWindows state, Object item, long timestamp,
                      long watermark) throws Exception;

    /**
     * The watermark advanced from {@code previous} to {@code watermark}: emits the key's windows that became
     * complete (due in {@code (previous, watermark]}) and drops the state that the allowed lateness no longer
     * needs.
     */
    abstract void fire(WindowOperator operator, Object key, KeyWindows state, long previous, long watermark);

    /** When the key next needs {@link #fire} (a window to emit or to drop), after {@code watermark}; or MAX. */
    abstract long nextAction(KeyWindows state, long watermark);

    /** Emits the running result of every window of the key that has not fired yet. */
    abstract void emitEarly(WindowOperator operator, Object key, KeyWindows state, long watermark);

    /** The snapshot codec of this kind's per-key state. */
    abstract Codec<KeyWindows> stateCodec();
}
