package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.function.KeyFn;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.WindowDefinition;
import io.sluice.runtime.op.Operator;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The local first stage of a two-stage window aggregation (tumbling and sliding windows): fused at the end of
 * the chain that feeds a window through a queue, it folds its instance's records into one accumulator per key
 * and slice, and sends each accumulator on as a {@link WindowPartial} once its slice is complete. The window
 * behind the queue then combines a few partials instead of taking every record, which is what lets keyed and
 * whole-stream windows scale with parallelism (and spreads a hot key's records over all producers).
 *
 * <p><b>Same results as one stage.</b> Only the window, which merges the watermarks of all its inputs, can
 * tell whether a record is late, so this stage decides nothing about lateness:
 * <ul>
 *   <li>a record at or after this stage's watermark goes into its slice: its window cannot have fired, since the
 *       window's watermark is at most this one;</li>
 *   <li>a record behind this stage's watermark (or without a timestamp) is sent alone, with its own timestamp,
 *       and the window accepts it, refires for it or rejects it as late exactly as it would the record;</li>
 *   <li>a slice is sent, with the timestamp {@code end - 1}, before the first watermark that reaches its end is
 *       passed on, so it always reaches the window before its windows are due.</li>
 * </ul>
 * Two cases where the window's watermark may be ahead of this stage's: after this stage's input went idle (an
 * idle input stops holding the window back; the open slices go out ahead of the idle marker, and from then on
 * every record goes alone), and after a restore (the window comes back with its watermark, the sources with
 * none: until every window instance has reported its restored watermark, and below the highest, records go
 * alone; see {@link RestoredWindowWatermark}). A record sent alone first sends its key's open accumulator of
 * the same slice, so that the window folds the key's records in their order. And when a slice folded too few
 * records per key to pay (more partials than half its records: high-cardinality keys), records go alone for
 * the next eight slices of event time, after which folding is tried again.
 *
 * <p><b>No state of its own in checkpoints.</b> Before a barrier ({@link #beforeSnapshot}) every open slice is
 * sent: the partials travel ahead of the barrier into the window's snapshot, so the job restores with one stage
 * or two, at any parallelism.
 *
 * <p>Called by the worker thread that owns its tasklet only.
 */
public final class LocalWindowAggregator extends Operator {

    private final KeyFn<Object, Object> keyFn;
    private final AggregateOp<Object, Object, Object> op;
    private final SliceGrid grid;
    private long watermark = Long.MIN_VALUE;
    /**
     * Records below this are sent alone: the largest of this stage's watermark and, after a restore, the window's
     * restored watermark ({@link #restoreFloor}); {@code Long.MAX_VALUE} once this instance has been idle.
     */
    private long sendAloneBelow = Long.MIN_VALUE;
    /** After a restore: the window's highest restored watermark, {@code Long.MAX_VALUE} until it is known. */
    private long restoreFloor = Long.MIN_VALUE;
    private RestoredWindowWatermark restoredWindow;
    /**
     * Set once this instance declared itself idle: the window's watermark may have moved past this one's since
     * (an idle input does not hold it back), so records go alone from then on, and the window judges each.
     */
    private boolean wasIdle;
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
        final HashMap<Object, Object> byKey = new HashMap<>();
        Object all;
    }

    /** The local stage of {@code aggregation}, which must be a tumbling or sliding window without early results. */
    public LocalWindowAggregator(WindowAggregation aggregation) {
        WindowDefinition d = aggregation.definition();
        if (!supports(d)) {
            throw new IllegalArgumentException("a two-stage window needs tumbling or sliding windows without early "
                    + "results, not " + d);
        }
        this.keyFn = aggregation.keyFn();
        this.op = aggregation.op();
        this.grid = new SliceGrid(d.sizeMillis(), d.slideMillis(), d.offsetMillis());
    }

    /**
     * Whether windows of {@code definition} can be aggregated in two stages: sessions cannot (a session's extent
     * depends on every instance's records), nor early results (the window alone would not see the open slices).
     */
    public static boolean supports(WindowDefinition definition) {
        return definition.kind() != WindowDefinition.Kind.SESSION && definition.earlyResultsMillis() <= 0
                && definition.earlyResultsProcessingTimeMillis() <= 0;
    }

    @Override
    public void process(Object item, long timestamp) {
        try {
            Object key = null;
            if (keyFn != null) {
                key = keyFn.key(item);
                if (key == null) {
                    throw new NullPointerException("the key function returned null for " + item);
                }
            }
            if (timestamp < sendAloneBelow || timestamp == NO_TIMESTAMP) {
                if (timestamp != NO_TIMESTAMP) {
                    sendOpenAccumulatorOf(key, timestamp); // the earlier records of its slice go first
                }
                emitted++;
                downstream.process(WindowPartial.ofRecord(key, item), timestamp);
                return;
            }
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
            HashMap<Object, Object> byKey = s.byKey;
            Object acc = byKey.get(key);
            if (acc == null) {
                byKey.put(key, checked(op.accumulate(op.create(), item)));
            } else {
                Object updated = op.accumulate(acc, item);
                if (updated != acc) {
                    byKey.put(key, checked(updated));
                }
            }
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    private static Object checked(Object acc) {
        if (acc == null) {
            throw new NullPointerException("the aggregation returned a null accumulator");
        }
        return acc;
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

    /**
     * The input went idle, so the window's watermark stops waiting for this instance: every open slice goes now
     * (ahead of the idle marker), and since the window may then move past this instance's watermark, every
     * later record goes alone.
     */
    @Override
    public void processIdle() {
        sendSlicesEndingBy(Long.MAX_VALUE);
        wasIdle = true;
        updateSendAloneBelow();
        downstream.processIdle();
    }

    /** After a restore, folds nothing below the window's restored watermark (the window reports it). */
    public void foldOnlyAfter(RestoredWindowWatermark window) {
        this.restoredWindow = window;
        this.restoreFloor = Long.MAX_VALUE;
        updateSendAloneBelow();
    }

    @Override
    public void flush() throws Exception {
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

    private void updateSendAloneBelow() {
        sendAloneBelow = wasIdle || watermark < bypassUntil ? Long.MAX_VALUE : Math.max(watermark, restoreFloor);
    }

    /** Sends {@code key}'s accumulator of the open slice holding {@code timestamp}, if there is one. */
    private void sendOpenAccumulatorOf(Object key, long timestamp) {
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
            downstream.process(WindowPartial.ofAccumulator(key, acc), s.end - 1);
        }
    }

    /** Sends every open slice ahead of the barrier, so that the window's snapshot holds them. */
    @Override
    public void beforeSnapshot(long checkpointId) {
        sendSlicesEndingBy(Long.MAX_VALUE);
    }

    @Override
    public void finish() throws Exception {
        sendSlicesEndingBy(Long.MAX_VALUE);
        super.finish();
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
                downstream.process(WindowPartial.ofAccumulator(null, s.all), timestamp);
                s.all = null;
            }
        } else {
            int partials = s.byKey.size();
            for (Map.Entry<Object, Object> e : s.byKey.entrySet()) {
                emitted++;
                downstream.process(WindowPartial.ofAccumulator(e.getKey(), e.getValue()), timestamp);
            }
            s.byKey.clear();
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
