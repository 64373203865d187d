package io.sluice.runtime.window;

import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.WindowDefinition;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The local stage of a two-stage tumbling or sliding window ({@link LocalWindowStage}): it folds its instance's
 * records into one accumulator per key and slice, and sends each accumulator on as a {@link WindowPartial} once
 * its slice is complete. The window behind the queue then combines a few partials instead of taking every
 * record, which is what lets keyed and whole-stream windows scale with parallelism (and spreads a hot key's
 * records over all producers).
 *
 * <p>A slice is sent, with the timestamp {@code end - 1}, before the first watermark that reaches its end is
 * passed on, so it always reaches the window before its windows are due. When a slice folded too few records
 * per key to pay (more partials than half its records: high-cardinality keys), records go alone for the next
 * eight slices of event time, after which folding is tried again.
 */
public final class LocalWindowAggregator extends LocalWindowStage {

    private final SliceGrid grid;
    /**
     * Records go alone while the watermark is below this: set when a slice folded too few records per key to be
     * worth it (high-cardinality keys), see {@link #send}.
     */
    private long bypassUntil = Long.MIN_VALUE;
    /** A slice must have folded this many records before its ratio of partials to records decides anything. */
    private static final int MIN_SAMPLE = 1024;
    /** How many slices of event time records go alone after a slice that folded too little. */
    private static final long BYPASS_SLICES = 8;
    /** Open slices, by ascending start. */
    private OpenSlice[] open = new OpenSlice[4];
    private int openCount;
    /** The slice of the last record: in-order records skip the search. */
    private OpenSlice last;
    /** Emptied slices, whose maps keep their capacity for the next. */
    private final ArrayDeque<OpenSlice> spare = new ArrayDeque<>();

    /** One slice's accumulators: per key, or the one of a whole-stream window. */
    private static final class OpenSlice {
        long start;
        long end;
        /** Records folded into it (keyed windows: to judge whether folding pays). */
        int records;
        final SliceAccumulators byKey = new SliceAccumulators();
        Object all;
    }

    /** The local stage of {@code aggregation}, a tumbling or sliding window without early results. */
    LocalWindowAggregator(WindowAggregation aggregation) {
        super(aggregation);
        WindowDefinition d = aggregation.definition();
        this.grid = new SliceGrid(d.sizeMillis(), d.slideMillis(), d.offsetMillis());
    }

    @Override
    void fold(Object key, Object item, long timestamp) throws Exception {
        OpenSlice s = last;
        if (s == null || timestamp < s.start || timestamp >= s.end) {
            s = sliceOf(timestamp);
            last = s;
        }
        if (keyFn == null) {
            s.all = checked(op.accumulate(s.all == null ? op.create() : s.all, item));
            return;
        }
        s.records++;
        SliceAccumulators byKey = s.byKey;
        int slot = byKey.find(key);
        if (slot < 0) {
            byKey.insert(-slot - 1, key, checked(op.accumulate(op.create(), item)));
        } else {
            Object acc = byKey.accAt(slot);
            Object updated = op.accumulate(acc, item);
            if (updated != acc) {
                byKey.setAcc(slot, checked(updated));
            }
        }
    }

    @Override
    public void processWatermark(long newWatermark) {
        if (newWatermark > watermark) {
            watermark = newWatermark;
            sendSlicesEndingBy(newWatermark);
            updateSendAloneBelow();
        }
        downstream.processWatermark(newWatermark);
    }

    @Override
    boolean bypassing() {
        return watermark < bypassUntil;
    }

    @Override
    void sendAll() {
        sendSlicesEndingBy(Long.MAX_VALUE);
    }

    /** Sends {@code key}'s accumulator of the open slice holding {@code timestamp}, if there is one. */
    @Override
    void sendOpenAccumulatorsOf(Object key, long timestamp) {
        long start = grid.sliceStart(timestamp);
        int i = lastAtOrBefore(start);
        if (i < 0 || open[i].start != start) {
            return;
        }
        OpenSlice s = open[i];
        Object acc = keyFn == null ? s.all : s.byKey.remove(key);
        if (acc != null) {
            if (keyFn == null) {
                s.all = null;
            }
            emitted++;
            downstream.process(WindowPartial.ofAccumulator(key, acc, s.end - 1), NO_TIMESTAMP);
        }
    }

    /** Number of open slices (for tests). */
    int openSlices() {
        return openCount;
    }

    /** The index of the last open slice starting at or before {@code start}, or -1 (searched from the newest). */
    private int lastAtOrBefore(long start) {
        int i = openCount - 1;
        while (i >= 0 && open[i].start > start) {
            i--;
        }
        return i;
    }

    private OpenSlice sliceOf(long timestamp) {
        long start = grid.sliceStart(timestamp);
        int i = lastAtOrBefore(start);
        if (i >= 0 && open[i].start == start) {
            return open[i];
        }
        OpenSlice s = spare.isEmpty() ? new OpenSlice() : spare.poll();
        s.start = start;
        s.end = SliceGrid.saturatedAdd(start, grid.slice);
        if (openCount == open.length) {
            open = Arrays.copyOf(open, openCount * 2);
        }
        System.arraycopy(open, i + 1, open, i + 2, openCount - i - 1);
        open[i + 1] = s;
        openCount++;
        return s;
    }

    private void sendSlicesEndingBy(long limit) {
        int sent = 0;
        while (sent < openCount && open[sent].end <= limit) {
            send(open[sent]);
            sent++;
        }
        if (sent == 0) {
            return;
        }
        System.arraycopy(open, sent, open, 0, openCount - sent);
        Arrays.fill(open, openCount - sent, openCount, null);
        openCount -= sent;
        last = null;
        updateSendAloneBelow();
    }

    private void send(OpenSlice s) {
        long timestamp = s.end - 1;
        if (keyFn == null) {
            if (s.all != null) {
                emitted++;
                downstream.process(WindowPartial.ofAccumulator(null, s.all, timestamp), NO_TIMESTAMP);
                s.all = null;
            }
        } else {
            SliceAccumulators byKey = s.byKey;
            int partials = byKey.size();
            for (int i = 0, n = byKey.capacity(); i < n; i++) {
                Object key = byKey.keyAt(i);
                if (key != null) {
                    emitted++;
                    downstream.process(WindowPartial.ofAccumulator(key, byKey.accAt(i), timestamp), NO_TIMESTAMP);
                }
            }
            byKey.clear();
            if (s.records >= MIN_SAMPLE && partials > s.records / 2) {
                // Most keys had a single record in the slice: folding saves the window little and costs a map
                // entry and a partial per record here. Send records alone for a while, then measure again.
                bypassUntil = SliceGrid.saturatedAdd(s.end, BYPASS_SLICES * grid.slice);
            }
        }
        s.records = 0;
        spare.push(s);
    }
}
