package io.sluice.runtime.window;

import io.sluice.api.transform.WindowAggregation;
import io.sluice.api.window.WindowDefinition;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stage of two-stage session windows ({@link LocalWindowStage},
 * {@link WindowDefinition#combineLocally}): it merges its instance's records into partial sessions per key, by
 * the window's own rule ({@link Sessions#join}), and sends each as a {@link WindowPartial} (its accumulator,
 * first and last event time) once the watermark is (at most) {@code delay} past its first event, where {@code delay} is
 * the smaller of the allowed delay and {@code gap + 1}. A session closed here (watermark past
 * {@code last + gap}) has its first event more than {@code gap} behind the watermark, so it goes by then too,
 * and one queue entry per partial, at most {@code delay} after its first event (due times are multiples of a
 * quarter of the delay), tells when.
 *
 * <p><b>Why the window waits.</b> The window merges partials from every instance into the sessions one stage
 * would have built; but a session it fires could otherwise still be joined by a partial held here. So every
 * watermark goes out with the first event time of what is still held ({@link
 * io.sluice.runtime.op.Operator#processWatermark(long, long)}, at most {@code delay} behind the watermark), and
 * the window fires only up to the lowest such hold: a session due at or below it ends more than the gap before
 * every held partial begins, so none of them can join it. Results are those of one stage; sessions fire up to
 * {@code delay} of event time later. Partials are never late at the window: their records were not late when
 * they were folded, and the window fired nothing they could join since.
 */
final class LocalSessionAggregator extends LocalWindowStage {

    private final long gap;
    /** How long after its first event a partial is held at most. */
    private final long delay;
    /**
     * Due times are multiples of this ({@code delay / 4}, at least 1 ms), so that partials share a handful of due
     * times and the queue appends to a bucket instead of keeping a heap entry per millisecond: a partial goes
     * between {@code delay - grain} and {@code delay} after its first event ({@link #dueTime}).
     */
    private final long grain;
    /** Per key (the one key {@code null} of a whole-stream window), its partial sessions. */
    private final HashMap<Object, Sessions> byKey = new HashMap<>();
    /** When each partial is due to go, by its first event; entries of partials sent early are skipped. */
    private final TimerQueue due = new TimerQueue();
    private long nextSeq;

    LocalSessionAggregator(WindowAggregation aggregation) {
        super(aggregation);
        WindowDefinition d = aggregation.definition();
        this.gap = d.gapMillis();
        this.delay = Math.min(d.localCombiningMillis(), SliceGrid.saturatedAdd(gap, 1));
        this.grain = Math.max(1, delay / 4);
    }

    @Override
    void fold(Object key, Object item, long timestamp) throws Exception {
        Sessions s = byKey.get(key);
        if (s == null) {
            s = new Sessions();
            byKey.put(key, s);
        }
        int i = s.join(timestamp, timestamp, gap, op);
        s.accs[i] = checked(op.accumulate(s.accs[i], item));
        if (s.starts[i] == timestamp) {
            // A new partial, or one that now begins earlier: it is due earlier (the older entry turns stale).
            due.push(dueTime(timestamp), nextSeq++, key, s);
        }
    }

    @Override
    public void processWatermark(long newWatermark) {
        if (newWatermark > watermark) {
            watermark = newWatermark;
            while (!due.isEmpty() && due.peekTime() <= newWatermark) {
                Object key = due.peekKey();
                KeyWindows s = due.peekState();
                due.pop();
                if (byKey.get(key) == s) {
                    sendDue(key, (Sessions) s, newWatermark);
                }
            }
            updateSendAloneBelow();
        }
        downstream.processWatermark(newWatermark, heldFrom());
    }

    /**
     * The first event time of what is still held, or at most that (an entry of a partial sent early may still be
     * queued): {@code Long.MAX_VALUE} when nothing is.
     */
    private long heldFrom() {
        return due.isEmpty() ? Long.MAX_VALUE : due.peekTime() - delay;
    }

    /**
     * When a partial starting at {@code first} goes: {@code first + delay - grain} rounded up to the grain, so in
     * {@code [first + delay - grain, first + delay)}; {@link #heldFrom} (a due time minus the delay) is therefore
     * below the first event of every partial still held.
     */
    private long dueTime(long first) {
        long t = SliceGrid.saturatedAdd(first, delay - grain);
        long rounded = Math.floorDiv(t, grain) * grain;
        return rounded == t || rounded > Long.MAX_VALUE - grain ? t : rounded + grain;
    }

    /** Sends the key's partials due by {@code watermark}: a prefix, as they are sorted by first event. */
    private void sendDue(Object key, Sessions s, long watermark) {
        int n = 0;
        while (n < s.size && dueTime(s.starts[n]) <= watermark) {
            send(key, s, n);
            n++;
        }
        s.remove(0, n);
        if (s.size == 0) {
            byKey.remove(key);
        }
    }

    private void sendEvery(Object key, Sessions s) {
        for (int i = 0; i < s.size; i++) {
            send(key, s, i);
        }
    }

    private void send(Object key, Sessions s, int i) {
        emitted++;
        downstream.process(WindowPartial.ofSession(key, s.accs[i], s.starts[i], s.lasts[i]), NO_TIMESTAMP);
    }

    /** A record that goes alone follows every partial of its key (it may join any of them). */
    @Override
    void sendOpenAccumulatorsOf(Object key, long timestamp) {
        Sessions s = byKey.remove(key);
        if (s != null) {
            sendEvery(key, s);
        }
    }

    /** Sends every partial, and then tells the window nothing is held any more. */
    @Override
    void sendAll() {
        if (byKey.isEmpty() && due.isEmpty()) {
            return;
        }
        for (Map.Entry<Object, Sessions> e : byKey.entrySet()) {
            sendEvery(e.getKey(), e.getValue());
        }
        byKey.clear();
        due.clear();
        downstream.processWatermark(watermark, Long.MAX_VALUE);
    }

    /** Number of keys holding partial sessions (for tests). */
    int heldKeys() {
        return byKey.size();
    }
}
