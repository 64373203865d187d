package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.WindowDefinition;
import io.sluice.runtime.op.HasSideOutput;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.KeyedTable;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event-time windows with incremental aggregation, keyed or over the whole stream (then every item has one
 * constant key and the operator runs as a single instance).
 *
 * <p><b>Per event</b> (the hot path): a key, its key group, one table lookup, and the event folded into the one
 * accumulator of its window (its slice, its session) by {@link WindowLogic#add}: no window object, no buffered
 * event. An event older than {@code watermark - allowedLateness} is late: it goes to the side output when the
 * job reads one ({@link HasSideOutput}), and is counted in {@link #lateCount()} either way.
 *
 * <p><b>Firing.</b> Each key has at most one live timer, at or before its next action (a window to emit or to
 * drop), in a {@link TimerQueue} ordered by (time, sequence). A watermark pops the due timers; for each key the
 * logic emits the windows that became complete since the previous watermark, drops what the allowed lateness
 * no longer needs and tells the next action, which becomes the key's new timer. So a watermark costs nothing
 * when no window is due, and the work per window is one heap operation and one lookup.
 *
 * <p><b>State.</b> Per key in a {@link KeyedTable} (per key group, with explicit codecs), including each key's
 * timer, so the heap is rebuilt from the table on restore, in the same order; the watermark is stored per key
 * group too ({@link KeyGroupWatermarks}). A snapshot restores at another parallelism.
 */
public final class WindowOperator extends Operator implements HasSideOutput {

    /** The one key of a whole-stream window. */
    private static final Integer ALL = 0;

    private final KeyFn<Object, Object> keyFn;
    private final AggregateOp<Object, Object, Object> op;
    private final WindowAggregation.ResultFn outputFn;
    private final WindowLogic logic;
    private final long lateness;
    /**
     * Event times outside these cannot be placed in windows ({@link WindowLogic#timeMargin}) and are treated as
     * late; {@link #acceptFrom} is never below the lowest, so {@code NO_TIMESTAMP} is below it too.
     */
    private final long lowestPlaceable;
    private final long highestPlaceable;
    private final long earlyEventTime;
    private final long earlyProcessingTime;
    /** Second stage of a two-stage aggregation: records are {@link WindowPartial}s. */
    private final boolean combinesPartials;
    /** Second stage of two-stage sessions: partial sessions come from {@link LocalSessionAggregator}s. */
    private final boolean combinesSessions;
    /** Loads the classes of keys and accumulators on restore: the job's, whatever loaded this class. */
    private final ClassLoader jobClassLoader;
    private final TimerQueue timers = new TimerQueue();
    private KeyedStateBackend state;
    private KeyedTable<KeyWindows> windows;
    /** The key group of {@link #ALL}, the one key of a whole-stream window. */
    private int allKeyGroup;
    private KeyGroupWatermarks savedWatermark;
    private Operator lateOutput;
    private long watermark = Long.MIN_VALUE;
    /**
     * Windows due up to here have fired, and this is the watermark passed on: the watermark, or less while the
     * local stages of two-stage sessions hold partial sessions from {@link #heldFrom} on.
     */
    private long fired = Long.MIN_VALUE;
    /** The lowest first event time of the partial sessions held upstream; {@code Long.MAX_VALUE}: none. */
    private long heldFrom = Long.MAX_VALUE;
    /** Events below this are late: the watermark minus the allowed lateness, at least {@link #lowestPlaceable}. */
    private long acceptFrom;
    private long lateCount;
    private long nextTimerSeq;
    private long nextEarlyProcessingTime = Long.MIN_VALUE;
    /** Where the second stage of a two-stage window reports its restored watermark to the local stages. */
    private RestoredWindowWatermark restoredWatermarkReport;

    public WindowOperator(WindowAggregation aggregation) {
        this(aggregation, false);
    }

    /**
     * The window behind a {@link LocalWindowStage}: it takes the local stage's {@link WindowPartial}s
     * (routed by {@link WindowPartial#KEY}) and emits what the one-stage window of {@code aggregation} would.
     */
    public static WindowOperator combiningPartials(WindowAggregation aggregation) {
        return new WindowOperator(aggregation, true);
    }

    private WindowOperator(WindowAggregation aggregation, boolean combinesPartials) {
        WindowDefinition definition = aggregation.definition();
        this.combinesPartials = combinesPartials;
        this.combinesSessions = combinesPartials && definition.kind() == WindowDefinition.Kind.SESSION;
        this.jobClassLoader = (aggregation.keyFn() != null ? aggregation.keyFn() : aggregation.op()).getClass()
                .getClassLoader();
        this.keyFn = combinesPartials && aggregation.isKeyed() ? WindowPartial.KEY : aggregation.keyFn();
        this.op = combinesPartials ? new WindowPartial.Combining(aggregation.op()) : aggregation.op();
        this.outputFn = aggregation.outputFn();
        this.logic = WindowLogic.of(definition, op);
        this.lateness = definition.allowedLatenessMillis();
        long margin = WindowLogic.timeMargin(definition);
        this.lowestPlaceable = Long.MIN_VALUE + margin;
        this.highestPlaceable = Long.MAX_VALUE - margin;
        this.acceptFrom = lowestPlaceable;
        this.earlyEventTime = definition.earlyResultsMillis();
        this.earlyProcessingTime = definition.earlyResultsProcessingTimeMillis();
    }

    @Override
    public void connectSideOutput(Operator port) {
        this.lateOutput = port;
    }

    @Override
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        state = new KeyedStateBackend(ctx);
        windows = state.table("windows", logic.stateCodec());
        allKeyGroup = windows.keyGroupOf(ALL);
        savedWatermark = new KeyGroupWatermarks(state, ctx);
    }

    @Override
    public void process(Object item, long timestamp) {
        if (combinesPartials) {
            timestamp = ((WindowPartial) item).timestamp; // partials cross bare, their time inside
        }
        // A partial session is never below lowestPlaceable: its local stage folds no record there.
        if (timestamp < acceptFrom && !isPartialSession(item) || timestamp > highestPlaceable) {
            rejectLate(item, timestamp);
            return;
        }
        try {
            if (keyFn == null) {
                add(item, timestamp, ALL, allKeyGroup);
                return;
            }
            Object key = keyFn.key(item);
            if (key == null) {
                throw new NullPointerException("the key function returned null for " + item);
            }
            add(item, timestamp, key, windows.keyGroupOf(key));
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** A record that crossed a partitioned queue: the producer computed its key and key group to route it. */
    @Override
    public void processKeyed(Object item, long timestamp, Object key, int keyGroup) {
        if (keyFn == null || combinesPartials) {
            process(item, timestamp); // a whole-stream window has its own key; a partial carries its time
            return;
        }
        if (timestamp < acceptFrom && !isPartialSession(item) || timestamp > highestPlaceable) {
            rejectLate(item, timestamp);
            return;
        }
        try {
            add(item, timestamp, key, keyGroup);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** The lowest event time that is not late at {@code watermark}. */
    private long acceptFrom(long watermark) {
        return watermark < lowestPlaceable + lateness ? lowestPlaceable : watermark - lateness;
    }

    /**
     * A partial session is never late: its events were not late when the local stage folded them, and it held
     * back every session they could join ({@link #processHold}); the watermark may have passed them since.
     */
    private boolean isPartialSession(Object item) {
        return combinesSessions && item instanceof WindowPartial.Session;
    }

    private void add(Object item, long timestamp, Object key, int keyGroup) throws Exception {
        KeyWindows s = windows.get(key, keyGroup);
        if (s == null) {
            s = logic.newState();
            windows.insert(key, keyGroup, s);
        }
        if (isPartialSession(item)) {
            WindowPartial.Session p = (WindowPartial.Session) item;
            ((SessionWindows) logic).addPartial(this, key, s, item, p.first, p.last, fired);
        } else {
            logic.add(this, key, s, item, timestamp, fired);
        }
    }

    private void rejectLate(Object item, long timestamp) {
        if (timestamp == NO_TIMESTAMP) {
            throw failure(new IllegalStateException("windows need event time, but a record came without a timestamp: "
                    + "give the source a WatermarkPolicy such as boundedOutOfOrder(...)"));
        }
        lateCount++;
        if (lateOutput != null) {
            lateOutput.process(combinesPartials ? WindowPartial.lateRecord(item) : item, timestamp);
        }
    }

    @Override
    public void processWatermark(long newWatermark) {
        if (newWatermark <= watermark) {
            return; // after a restore, the inputs may start below the restored watermark
        }
        watermark = newWatermark;
        acceptFrom = acceptFrom(newWatermark);
        fireUpTo(Math.min(newWatermark, heldFrom));
    }

    /**
     * Two-stage sessions: the local stages hold partial sessions from {@code newHeldFrom} on, so sessions due
     * after it wait (they could still grow), however far the watermark is.
     */
    @Override
    public void processHold(long newHeldFrom) {
        if (!combinesSessions) {
            return;
        }
        heldFrom = newHeldFrom;
        fireUpTo(Math.min(watermark, newHeldFrom));
    }

    /** Fires what is due up to {@code bound} and passes it on as the watermark. */
    private void fireUpTo(long bound) {
        if (bound <= fired) {
            return;
        }
        long previous = fired;
        fired = bound;
        try {
            fireTimers(previous, bound);
            if (earlyEventTime > 0 && bound != Long.MAX_VALUE
                    && Math.floorDiv(bound, earlyEventTime) > Math.floorDiv(previous, earlyEventTime)) {
                emitEarly();
            }
        } catch (Throwable t) {
            throw failure(t);
        }
        downstream.processWatermark(bound);
    }

    private void fireTimers(long previous, long now) {
        while (!timers.isEmpty() && timers.peekTime() <= now) {
            long time = timers.peekTime();
            long seq = timers.peekSeq();
            Object key = timers.peekKey();
            KeyWindows s = timers.peekState();
            timers.pop();
            s = windows.current(key, windows.keyGroupOf(key), s); // a snapshot may have copied it since
            if (s == null || s.timer != time || s.timerSeq != seq) {
                continue; // stale: the key was dropped, or got an earlier timer that replaced this one
            }
            s.timer = Long.MAX_VALUE;
            logic.fire(this, key, s, previous, now);
            if (s.isEmpty()) {
                windows.remove(key);
            } else {
                schedule(key, s, logic.nextAction(s, now));
            }
        }
    }

    /** Gives the key a timer at {@code time} unless it has one at or before it. */
    void schedule(Object key, KeyWindows s, long time) {
        if (time < s.timer) {
            s.timer = time;
            s.timerSeq = nextTimerSeq++;
            timers.push(time, s.timerSeq, key, s);
        }
    }

    /** Emits the result of one window. */
    void emit(Object key, long windowStart, long windowEnd, Object acc, long timestamp) {
        Object result = op.export(acc);
        if (result == null) {
            throw new NullPointerException("the aggregation exported null");
        }
        Object item = outputFn.apply(keyFn == null ? null : key, windowStart, windowEnd, result);
        emitted++;
        downstream.process(item, timestamp);
    }

    /** Emits the running result of every window that has not fired, keys in the order of their timers. */
    private void emitEarly() {
        List<Map.Entry<Object, KeyWindows>> open = entries(s -> true);
        open.sort((a, b) -> Long.compare(a.getValue().timerSeq, b.getValue().timerSeq));
        for (Map.Entry<Object, KeyWindows> e : open) {
            logic.emitEarly(this, e.getKey(), e.getValue(), watermark);
        }
    }

    @Override
    public boolean wantsProcessingTime() {
        return earlyProcessingTime > 0;
    }

    @Override
    public void processingTime(long nowMillis) {
        if (earlyProcessingTime > 0) {
            if (nextEarlyProcessingTime == Long.MIN_VALUE) {
                nextEarlyProcessingTime = nowMillis + earlyProcessingTime;
            } else if (nowMillis >= nextEarlyProcessingTime) {
                nextEarlyProcessingTime = nowMillis + earlyProcessingTime;
                try {
                    emitEarly();
                } catch (Throwable t) {
                    throw failure(t);
                }
            }
        }
        super.processingTime(nowMillis);
    }

    /** End of input: every window fires (the source's final watermark normally did that already). */
    @Override
    public void finish() throws Exception {
        heldFrom = Long.MAX_VALUE; // every local stage sent what it held before its end of stream
        if (watermark != Long.MAX_VALUE) {
            processWatermark(Long.MAX_VALUE);
        } else {
            fireUpTo(Long.MAX_VALUE);
        }
        super.finish();
    }

    @Override
    public boolean isStateful() {
        return true;
    }

    @Override
    public DeferredState snapshotState(StateWriter out) throws IOException {
        // Local stages send what they hold ahead of the barrier, so this is the watermark; were it not, the windows
        // due between the two must still fire after a restore.
        savedWatermark.store(fired);
        return state.freeze();
    }

    @Override
    public void restore(StateReader in) throws IOException {
        state.restore(in, jobClassLoader);
        watermark = savedWatermark.restored();
        fired = watermark;
        acceptFrom = acceptFrom(watermark);
        // Every key's live timer goes back, in (time, sequence) order: firing order is as if nothing happened.
        List<Map.Entry<Object, KeyWindows>> live = entries(s -> s.timer != Long.MAX_VALUE);
        live.sort((a, b) -> a.getValue().timer != b.getValue().timer
                ? Long.compare(a.getValue().timer, b.getValue().timer)
                : Long.compare(a.getValue().timerSeq, b.getValue().timerSeq));
        timers.clear();
        long maxSeq = -1;
        for (Map.Entry<Object, KeyWindows> e : live) {
            KeyWindows s = e.getValue();
            timers.push(s.timer, s.timerSeq, e.getKey(), s);
            maxSeq = Math.max(maxSeq, s.timerSeq);
        }
        nextTimerSeq = Math.max(nextTimerSeq, maxSeq + 1);
    }

    /**
     * Reports this instance's watermark to {@code report} once it is restored (a two-stage window's local stages
     * fold nothing below the highest one).
     */
    public void reportRestoredWatermark(RestoredWindowWatermark report) {
        this.restoredWatermarkReport = report;
    }

    @Override
    public void restoreFinished() {
        if (restoredWatermarkReport != null) {
            restoredWatermarkReport.reported(watermark);
        }
    }

    /** The (key, state) pairs of every owned key whose state passes {@code filter}; states ready to change. */
    private List<Map.Entry<Object, KeyWindows>> entries(java.util.function.Predicate<KeyWindows> filter) {
        List<Map.Entry<Object, KeyWindows>> all = new ArrayList<>();
        for (int kg = context.firstKeyGroup(); kg < context.endKeyGroup(); kg++) {
            windows.forEach(kg, (key, s) -> {
                if (filter.test(s)) {
                    all.add(Map.entry(key, s));
                }
            });
        }
        return all;
    }

    /** Events rejected as late (beyond the allowed lateness), whether or not a side output took them. */
    @Override
    public long lateCount() {
        return lateCount;
    }

    /** Number of keys with open windows, for tests and metrics. */
    public long keyCount() {
        return windows.size();
    }

    /** The watermark this operator has reached. */
    public long currentWatermark() {
        return watermark;
    }
}
