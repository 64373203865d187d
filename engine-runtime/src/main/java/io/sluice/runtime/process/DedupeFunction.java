package io.sluice.runtime.process;

import io.sluice.api.function.Emitter;
import io.sluice.api.state.KeyedProcessFunction;
import io.sluice.api.state.LongValueState;
import io.sluice.api.state.ProcessContext;
import io.sluice.api.state.StateDeclarations;
import io.sluice.api.state.StateDescriptor;
import io.sluice.api.state.TimerContext;
import io.sluice.api.transform.Deduplication;

/**
 * Deduplication ({@code Stream.dedupe}) as a process function keyed by the record's id. The only state is the
 * id's last sighting (an unboxed {@code long}); one event-time timer per id removes it:
 * <ul>
 *   <li>a record at {@code t} is dropped when {@code t < lastSeen + ttl}, else it passes; either way
 *   {@code lastSeen = max(lastSeen, t)};</li>
 *   <li>the first sighting registers a timer at {@code t + ttl}; when it fires, the id is removed if
 *   {@code lastSeen + ttl <= watermark}, else the timer moves to {@code lastSeen + ttl}.</li>
 * </ul>
 * So an id is forgotten exactly when no record that is not late could be dropped by it any more.
 */
public final class DedupeFunction implements KeyedProcessFunction<Object, Object, Object> {

    static final StateDescriptor<LongValueState> LAST_SEEN = StateDescriptor.longValue("last-seen");

    private final long ttlMillis;

    public DedupeFunction(long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("the dedupe time-to-live must be positive: " + ttlMillis + " ms");
        }
        this.ttlMillis = ttlMillis;
    }

    /** The operator of a {@code dedupe(...)} stage: event time only, so it needs no processing-time calls. */
    public static KeyedProcessOperator operator(Deduplication dedupe) {
        return new KeyedProcessOperator(dedupe.idFn(), new DedupeFunction(dedupe.ttl().toMillis()), false);
    }

    @Override
    public void open(StateDeclarations state) {
        state.declare(LAST_SEEN);
    }

    @Override
    public void processElement(Object item, ProcessContext<Object> ctx, Emitter<Object> out) {
        long t = ctx.timestamp();
        if (t == Long.MIN_VALUE) {
            throw new IllegalStateException("dedupe needs event time, but the record has no timestamp "
                    + "(give the source a WatermarkPolicy with timestamps)");
        }
        LongValueState lastSeen = ctx.state(LAST_SEEN);
        long last = lastSeen.getOrDefault(Long.MIN_VALUE); // no record has that timestamp: it means "never seen"
        if (last == Long.MIN_VALUE) {
            lastSeen.set(t);
            ctx.timers().registerEventTimeTimer(expiry(t));
            out.emit(item);
            return;
        }
        if (t > last) {
            lastSeen.set(t);
        }
        if (t >= expiry(last)) {
            out.emit(item);
        }
    }

    @Override
    public void onTimer(long timestamp, TimerContext<Object> ctx, Emitter<Object> out) {
        LongValueState lastSeen = ctx.state(LAST_SEEN);
        long expiry = expiry(lastSeen.get());
        if (expiry <= ctx.currentWatermark()) {
            lastSeen.clear();
        } else {
            ctx.timers().registerEventTimeTimer(expiry);
        }
    }

    private long expiry(long lastSeen) {
        long e = lastSeen + ttlMillis;
        return e < lastSeen ? Long.MAX_VALUE : e;
    }
}
