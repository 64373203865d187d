package io.sluice.runtime.process;

import io.sluice.api.function.Emitter;
import io.sluice.api.function.KeyFn;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.TimeDomain;
import io.sluice.api.transform.KeyedProcess;
import io.sluice.runtime.op.KeyGroups;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.state.DeferredState;
import io.sluice.runtime.state.KeyedStateBackend;
import io.sluice.runtime.state.StateReader;
import io.sluice.runtime.state.StateWriter;
import java.io.IOException;

/**
 * Runs a {@link KeyedProcessFunction}: for each record it computes the key and key group once, makes them
 * the current key of the {@link KeyScope}, and calls the function; state handles then cost one hash lookup
 * in that key group's table. Timers fire from {@link #processWatermark} (event time, every timer with
 * {@code timestamp <= watermark}, in timestamp order, before the watermark is passed on) and from
 * {@link #processingTime} (processing time). State and timers are keyed tables of one
 * {@link KeyedStateBackend}, so a snapshot is per key group and restores at any parallelism.
 *
 * <p>Output timestamps: the record's in {@code processElement}, the timer's for an event-time timer, the
 * current watermark for a processing-time timer.
 */
public final class KeyedProcessOperator extends Operator {

    private final KeyFn<Object, Object> keyFn;
    private final KeyedProcessFunction<Object, Object, Object> function;
    private final boolean processingTimeEnabled;
    private final Output output = new Output();
    private int maxKeyGroups;
    private KeyedStateBackend backend;
    private TimerService timers;
    private KeyScope scope;
    private StateRegistry registry;
    private FunctionContext functionContext;

    /** The operator of a {@code process(...)} stage. */
    public KeyedProcessOperator(KeyedProcess process) {
        this(process.keyFn(), process.function(), true);
    }

    /**
     * @param processingTime whether the function may use processing time (timers or time-to-live). The tasklet
     *                       asks once, at start, before any timer exists or is restored, so a user function
     *                       always says yes: it then costs one clock read per batch and a check per millisecond
     */
    public KeyedProcessOperator(KeyFn<Object, Object> keyFn, KeyedProcessFunction<Object, Object, Object> function,
                                boolean processingTime) {
        this.keyFn = keyFn;
        this.function = function;
        this.processingTimeEnabled = processingTime;
    }

    @Override
    public void open(OperatorContext ctx) throws Exception {
        super.open(ctx);
        maxKeyGroups = ctx.maxKeyGroups();
        backend = new KeyedStateBackend(ctx);
        timers = new TimerService(backend);
        scope = new KeyScope(ctx.clock());
        registry = new StateRegistry(backend, scope, timers);
        functionContext = new FunctionContext(scope, timers, registry);
        try {
            function.open(registry);
        } catch (Throwable t) {
            throw failure(t);
        }
        registry.seal();
    }

    @Override
    public void process(Object item, long timestamp) {
        Object key;
        try {
            key = keyFn.key(item);
            if (key == null) {
                throw new NullPointerException("the key function returned null for " + item);
            }
        } catch (Throwable t) {
            throw failure(t);
        }
        processKeyed(item, timestamp, key, KeyGroups.keyGroup(key, maxKeyGroups));
    }

    /** Also the entry of a record that crossed a partitioned queue with its key and key group. */
    @Override
    public void processKeyed(Object item, long timestamp, Object key, int keyGroup) {
        try {
            scope.set(key, keyGroup, timestamp, timestamp);
            output.timestamp = timestamp;
            functionContext.timerDomain = null;
            function.processElement(item, functionContext, output);
            if (functionContext.eventTimerDue) {
                fireEventTimers();
            }
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    @Override
    public void processWatermark(long watermark) {
        if (watermark > scope.watermark) {
            scope.watermark = watermark;
            try {
                fireEventTimers();
            } catch (Throwable t) {
                throw failure(t);
            }
        }
        downstream.processWatermark(watermark);
    }

    @Override
    public void processingTime(long nowMillis) {
        try {
            Timer t;
            while ((t = timers.pollProcessingTimer(nowMillis)) != null) {
                fire(t, TimeDomain.PROCESSING_TIME);
            }
            if (functionContext.eventTimerDue) {
                fireEventTimers();
            }
        } catch (Throwable t) {
            throw failure(t);
        }
        super.processingTime(nowMillis);
    }

    @Override
    public boolean wantsProcessingTime() {
        return processingTimeEnabled;
    }

    /** Fires every event-time timer at or below the watermark, including those registered while firing. */
    private void fireEventTimers() throws Exception {
        functionContext.eventTimerDue = false;
        Timer t;
        while ((t = timers.pollEventTimer(scope.watermark)) != null) {
            fire(t, TimeDomain.EVENT_TIME);
        }
        functionContext.eventTimerDue = false;
    }

    private void fire(Timer t, TimeDomain domain) throws Exception {
        boolean eventTime = domain == TimeDomain.EVENT_TIME;
        scope.set(t.key, t.keyGroup, t.timestamp, eventTime ? t.timestamp : Long.MIN_VALUE);
        if (t.kind == Timer.EVENT_CLEANUP || t.kind == Timer.PROCESSING_CLEANUP) {
            long next = registry.expire(domain, scope.now(domain));
            if (next != Long.MAX_VALUE) {
                timers.register(t.key, t.keyGroup, t.kind, next);
            }
            return;
        }
        output.timestamp = eventTime ? t.timestamp : scope.watermark;
        functionContext.timerDomain = domain;
        function.onTimer(t.timestamp, functionContext, output);
    }

    @Override
    public boolean isStateful() {
        return true;
    }

    @Override
    public DeferredState snapshotState(StateWriter out) throws IOException {
        return backend.freeze();
    }

    @Override
    public void restore(StateReader in) throws IOException {
        backend.restore(in, function.getClass().getClassLoader());
        timers.rebuild(context.firstKeyGroup(), context.endKeyGroup());
    }

    /** Pending timers (user timers and time-to-live cleanups), for tests and metrics. */
    public int pendingTimers() {
        return timers.size();
    }

    /** Entries over all state tables, timers included, for tests and metrics. */
    public long stateSize() {
        return backend.size();
    }

    /** Hands the function's output downstream with the timestamp of the current call. */
    private final class Output implements Emitter<Object> {
        long timestamp;

        @Override
        public void emit(Object item) {
            if (item == null) {
                throw new NullPointerException("the process function emitted null");
            }
            emitted++;
            downstream.process(item, timestamp);
        }
    }
}
