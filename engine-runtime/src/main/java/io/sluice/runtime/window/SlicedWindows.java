package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.LongAccumulator;
import io.sluice.api.codec.Codec;

/**
 * Tumbling and sliding windows over slices ({@link SliceGrid}): an event is folded into the accumulator of its
 * one slice; a window's result combines its slices when it fires (a tumbling window is one slice, exported as
 * is). A window {@code [start, end)} is due when the watermark reaches {@code end} and is emitted with the
 * timestamp {@code end - 1}; a slice is dropped once the last window holding it is {@code lateness} past its end.
 */
final class SlicedWindows extends WindowLogic {

    private final SliceGrid grid;
    /** The slice of the last event: in-order events skip the division that finds their slice. */
    private long cachedSliceStart = Long.MAX_VALUE;
    private long cachedSliceEnd = Long.MIN_VALUE;
    /**
     * Whether the slices hold the op's {@link LongAccumulator}s unboxed ({@link Slices.Longs}): the op's
     * accumulator is one (its codec is {@link LongAccumulator#CODEC}), and it creates one. The global stage of
     * two-stage windows starts a slice empty and adopts the first partial's accumulator, so it stays boxed: the
     * unboxed form serves windows in one stage (fused with their source, or with early results).
     */
    private final boolean unboxed;
    /** The value of a new accumulator, for unboxed slices: {@code create()} is asked once, here. */
    private final long identity;
    /** The accumulators the op folds and combines on the unboxed path; a slice's value is loaded into them. */
    private final LongAccumulator scratch = new LongAccumulator();
    private final LongAccumulator scratchRight = new LongAccumulator();

    SlicedWindows(AggregateOp<Object, Object, Object> op, long lateness, SliceGrid grid) {
        super(op, lateness);
        this.grid = grid;
        Object empty = (Object) op.accumulatorCodec() == LongAccumulator.CODEC ? op.create() : null;
        this.unboxed = empty instanceof LongAccumulator;
        this.identity = unboxed ? ((LongAccumulator) empty).get() : 0;
    }

    @Override
    KeyWindows newState() {
        return unboxed ? new Slices.Longs() : new Slices.Boxed();
    }

    @Override
    void add(WindowOperator operator, Object key, KeyWindows state, Object item, long timestamp, long watermark)
            throws Exception {
        Slices s = (Slices) state;
        long start;
        if (timestamp >= cachedSliceStart && timestamp < cachedSliceEnd) {
            start = cachedSliceStart;
        } else {
            start = grid.sliceStart(timestamp);
            cachedSliceStart = start;
            cachedSliceEnd = start + grid.slice;
        }
        int i = s.indexOf(start);
        boolean created = i < 0;
        if (s instanceof Slices.Longs longs) {
            if (created) {
                i = -i - 1;
                longs.insert(i, start, identity);
            }
            scratch.set(longs.value(i));
            longs.setValue(i, valueOf(op.accumulate(scratch, item)));
        } else {
            Slices.Boxed boxed = (Slices.Boxed) s;
            if (created) {
                i = -i - 1;
                boxed.insert(i, start, op.create());
            }
            Object acc = boxed.acc(i);
            Object updated = op.accumulate(acc, item);
            if (updated != acc) {
                boxed.setAcc(i, checked(updated));
            }
        }
        if (timestamp < watermark) {
            // Late but allowed: the windows of this slice that already fired get an updated result now.
            emitWindows(operator, key, s, start, Math.min(grid.lastEnd(start), watermark));
        }
        if (created) {
            operator.schedule(key, s, nextActionOf(start, watermark));
        }
    }

    @Override
    void fire(WindowOperator operator, Object key, KeyWindows state, long previous, long watermark) {
        Slices s = (Slices) state;
        if (s.size == 0) {
            return;
        }
        emitWindows(operator, key, s, Math.max(previous, s.start(0)), watermark);
        int drop = 0;
        while (drop < s.size && SliceGrid.saturatedAdd(grid.lastEnd(s.start(drop)), lateness) <= watermark) {
            drop++;
        }
        s.removeFirst(drop);
    }

    @Override
    long nextAction(KeyWindows state, long watermark) {
        Slices s = (Slices) state;
        if (s.size == 0) {
            return Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        long firstLastEnd = grid.lastEnd(s.start(0));
        if (firstLastEnd <= watermark) {
            next = SliceGrid.saturatedAdd(firstLastEnd, lateness); // all its windows fired: when it is dropped
        }
        // The earliest window still to fire: window ends grow with the slice start, so the first slice that
        // still has one gives it.
        for (int j = 0; j < s.size; j++) {
            long start = s.start(j);
            long end = grid.firstEndAfter(Math.max(start, watermark));
            if (end <= grid.lastEnd(start)) {
                return Math.min(next, end);
            }
        }
        return next;
    }

    @Override
    void emitEarly(WindowOperator operator, Object key, KeyWindows state, long watermark) {
        Slices s = (Slices) state;
        if (s.size > 0) {
            emitWindows(operator, key, s, Math.max(watermark, s.start(0)), Long.MAX_VALUE);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Codec<KeyWindows> stateCodec() {
        return new Slices.SlicesCodec((Codec) op.accumulatorCodec(), unboxed);
    }

    /** The combined value of unboxed slices {@code [j, k)}, starting from a new accumulator's. */
    private long combineValues(Slices.Longs s, int j, int k) {
        long v = identity;
        for (int m = j; m < k; m++) {
            scratch.set(v);
            scratchRight.set(s.value(m));
            v = valueOf(op.combine(scratch, scratchRight));
        }
        return v;
    }

    private static long valueOf(Object accumulator) {
        return ((LongAccumulator) checked(accumulator)).get();
    }

    private static Object checked(Object accumulator) {
        if (accumulator == null) {
            throw new NullPointerException("the aggregation returned a null accumulator");
        }
        return accumulator;
    }

    /** The next action for a new slice: its first window still to fire, else the time it is dropped. */
    private long nextActionOf(long start, long watermark) {
        long end = grid.firstEndAfter(Math.max(start, watermark));
        long lastEnd = grid.lastEnd(start);
        return end <= lastEnd ? end : SliceGrid.saturatedAdd(lastEnd, lateness);
    }

    /**
     * Emits every window with its end in {@code (after, upTo]} that holds at least one slice, in end order.
     * {@code after} must be a real time (at least the first slice's start), so the grid arithmetic cannot
     * overflow; the walk stops after the last slice even when {@code upTo} is {@code Long.MAX_VALUE}.
     */
    private void emitWindows(WindowOperator operator, Object key, Slices s, long after, long upTo) {
        long end = grid.firstEndAfter(after);
        int j = 0;
        while (end <= upTo) {
            long start = end - grid.size;
            while (j < s.size && s.start(j) < start) {
                j++;
            }
            if (j == s.size) {
                return;
            }
            if (s.start(j) >= end) {
                end = grid.firstEndAfter(s.start(j)); // no slice in this window: jump to the next one that has
                continue;
            }
            int k = j + 1;
            while (k < s.size && s.start(k) < end) {
                k++;
            }
            Object acc;
            if (s instanceof Slices.Longs longs) {
                // The same combines as the boxed path; the result is a new accumulator, which the op may keep.
                long v = k == j + 1 ? longs.value(j) : combineValues(longs, j, k);
                acc = new LongAccumulator(v);
            } else if (k == j + 1) {
                acc = ((Slices.Boxed) s).acc(j);
            } else {
                Slices.Boxed boxed = (Slices.Boxed) s;
                acc = op.create();
                for (int m = j; m < k; m++) {
                    acc = op.combine(acc, boxed.acc(m));
                }
            }
            operator.emit(key, start, end, acc, end - 1);
            end += grid.slide;
        }
    }
}
