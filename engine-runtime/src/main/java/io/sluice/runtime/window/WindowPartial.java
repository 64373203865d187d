package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.DoubleAccumulator;
import io.sluice.api.aggregate.LongAccumulator;
import io.sluice.api.codec.Codec;
import io.sluice.api.function.KeyFn;

/**
 * What the local stage of a two-stage window aggregation ({@link LocalWindowAggregator},
 * {@link LocalSessionAggregator}) sends to the window: a key's accumulator of one slice or of a partial session,
 * or a single record the local stage did not fold (it may be late, and only the
 * window, which sees the merged watermark of all its inputs, can tell). Travels through an in-process queue
 * only: it is never encoded.
 */
public class WindowPartial {

    /** The key of a partial: what the partitioned edge into the window routes by. */
    public static final KeyFn<Object, Object> KEY = p -> ((WindowPartial) p).key;

    final Object key;
    /** The slice's accumulator, or {@code null} when {@link #item} is set. */
    final Object acc;
    /** The record itself, sent alone, or {@code null}. */
    final Object item;
    /**
     * The event time of the partial: a slice's last instant, a partial session's last event, a record's own. A
     * partial crosses the queue bare, without a timestamped wrapper: one object less per partial to allocate
     * and to fetch from the producer's core.
     */
    final long timestamp;

    private WindowPartial(Object key, Object acc, Object item, long timestamp) {
        this.key = key;
        this.acc = acc;
        this.item = item;
        this.timestamp = timestamp;
    }

    /** A key's accumulator of one slice; the local stage gives it up (see {@link #packed}). */
    static WindowPartial ofAccumulator(Object key, Object acc, long timestamp) {
        return new WindowPartial(packed(key), packed(acc), null, timestamp);
    }

    /**
     * A partial session: {@code acc} folds the events of one key, from {@code first} to {@code last}; the local
     * stage gives it up (see {@link #packed}).
     */
    static Session ofSession(Object key, Object acc, long first, long last) {
        return new Session(packed(key), packed(acc), first, last);
    }

    /**
     * A copy of a key or accumulator of the common small kinds ({@code Long}, {@code Integer},
     * {@link LongAccumulator}, {@link DoubleAccumulator}), allocated with the partial; anything else as it is.
     *
     * <p>Why: the window that takes the partial usually runs on another core. Without the copies it reads three
     * scattered lines the producer's core wrote: the partial, its key (allocated with some record, long before)
     * and its accumulator (allocated with the slice's first record of the key). With them it reads the
     * partials, keys and accumulators of a slice as one run of adjacent memory, which the prefetcher streams.
     * tumbling-count at parallelism 2 went from about 97 to about 87 ns of CPU per event (docs/performance.md).
     * Copying an accumulator is safe: the local stage drops its own once the partial is sent.
     */
    private static Object packed(Object o) {
        if (o instanceof Long l) {
            return Long.valueOf(l.longValue()); // a new box outside Long's small-value cache
        }
        if (o instanceof LongAccumulator a) {
            return new LongAccumulator(a.get());
        }
        if (o instanceof Integer i) {
            return Integer.valueOf(i.intValue());
        }
        if (o instanceof DoubleAccumulator a) {
            return new DoubleAccumulator(a.get());
        }
        return o;
    }

    static WindowPartial ofRecord(Object key, Object item, long timestamp) {
        return new WindowPartial(key, null, item, timestamp);
    }

    /** A partial session ({@link LocalSessionAggregator}): its accumulator and its first and last event time. */
    static final class Session extends WindowPartial {
        final long first;
        final long last;

        private Session(Object key, Object acc, long first, long last) {
            super(key, acc, null, last);
            this.first = first;
            this.last = last;
        }
    }

    /** The record a partial stands for when it goes to the late side output. */
    static Object lateRecord(Object partial) {
        Object item = ((WindowPartial) partial).item;
        if (item == null) {
            // The local stage folds only records the window cannot find late (at or after its own watermark, the
            // window's restored one, and never after an idle spell) and sends a slice before a watermark that
            // reaches its end: a late slice means that rule was broken.
            throw new IllegalStateException("a partial accumulator arrived late at its window");
        }
        return item;
    }

    @Override
    public String toString() {
        return item != null ? "WindowPartial[key=" + key + ", record=" + item + "]"
                : "WindowPartial[key=" + key + ", acc=" + acc + "]";
    }

    /**
     * The window's aggregation seen from the second stage: it folds partials, combining an accumulator into the
     * slice's and accumulating a single record as the one-stage window would. Accumulators and their codec are
     * the original operation's, so the window's state is the same as with one stage and a snapshot restores
     * either way.
     *
     * <p>A new slice starts {@link #EMPTY} and adopts the first partial's accumulator as it is (nothing else
     * holds it once the local stage sent it), which spares a {@code create} and a {@code combine} per partial.
     */
    static final class Combining implements AggregateOp<Object, Object, Object> {
        /** The accumulator of a slice that took nothing yet; never stored in state. */
        private static final Object EMPTY = new Object() {
            @Override
            public String toString() {
                return "EMPTY";
            }
        };

        private final AggregateOp<Object, Object, Object> op;

        Combining(AggregateOp<Object, Object, Object> op) {
            this.op = op;
        }

        @Override
        public Object create() {
            return EMPTY;
        }

        @Override
        public Object accumulate(Object acc, Object partial) throws Exception {
            WindowPartial p = (WindowPartial) partial;
            if (acc == EMPTY) {
                return p.item != null ? op.accumulate(op.create(), p.item) : p.acc;
            }
            return p.item != null ? op.accumulate(acc, p.item) : op.combine(acc, p.acc);
        }

        @Override
        public Object combine(Object left, Object right) {
            if (right == EMPTY) {
                return left;
            }
            return op.combine(left == EMPTY ? op.create() : left, right);
        }

        @Override
        public Object export(Object acc) {
            return op.export(acc == EMPTY ? op.create() : acc);
        }

        @Override
        public Codec<Object> accumulatorCodec() {
            return op.accumulatorCodec();
        }
    }
}
