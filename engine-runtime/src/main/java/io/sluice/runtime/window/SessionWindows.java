package io.sluice.runtime.window;

import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.codec.Codec;

/**
 * Merging session windows. An event at {@code t} joins every session of its key with
 * {@code start - gap <= t <= last + gap} (adjacency is inclusive: an event exactly {@code gap} after the last
 * one extends the session), merging them when it bridges several, else starts a session of its own. A session
 * is due once the watermark passes {@code last + gap} (an event at exactly {@code last + gap} would not be late
 * yet) and is emitted with {@code windowEnd = last + gap} and that as its timestamp; it is dropped once the
 * watermark passes {@code last + gap + lateness}.
 */
final class SessionWindows extends WindowLogic {

    private final long gap;

    SessionWindows(AggregateOp<Object, Object, Object> op, long lateness, long gap) {
        super(op, lateness);
        this.gap = gap;
    }

    @Override
    KeyWindows newState() {
        return new Sessions();
    }

    @Override
    void add(WindowOperator operator, Object key, KeyWindows state, Object item, long timestamp, long watermark)
            throws Exception {
        addSpan(operator, key, (Sessions) state, item, timestamp, timestamp, watermark);
    }

    /**
     * Folds a partial session of a two-stage window ({@link LocalSessionAggregator}): its events span
     * {@code [first, last]}, and {@code partial} goes to the aggregation as an event would (the window's
     * {@link WindowPartial.Combining} combines its accumulator). {@code watermark} is the window's firing
     * bound: no session touching the span has fired, as the local stage held it back until then.
     */
    void addPartial(WindowOperator operator, Object key, KeyWindows state, Object partial, long first, long last,
                    long watermark) throws Exception {
        addSpan(operator, key, (Sessions) state, partial, first, last, watermark);
    }

    private void addSpan(WindowOperator operator, Object key, Sessions s, Object item, long first, long last,
                         long watermark) throws Exception {
        int i = s.join(first, last, gap, op);
        Object updated = op.accumulate(s.accs[i], item);
        if (updated == null) {
            throw new NullPointerException("the aggregation returned a null accumulator");
        }
        s.accs[i] = updated;
        long due = dueTime(s.lasts[i]);
        if (due <= watermark) {
            // Late but allowed, into a session that is already complete: emit its updated result now.
            emitSession(operator, key, s, i);
        }
        operator.schedule(key, s, due > watermark ? due : SliceGrid.saturatedAdd(due, lateness));
    }

    @Override
    void fire(WindowOperator operator, Object key, KeyWindows state, long previous, long watermark) {
        Sessions s = (Sessions) state;
        int drop = 0;
        for (int i = 0; i < s.size; i++) {
            long due = dueTime(s.lasts[i]);
            if (due > watermark) {
                break; // sorted: the later ones are not due either
            }
            if (due > previous) {
                emitSession(operator, key, s, i);
            }
            if (SliceGrid.saturatedAdd(due, lateness) <= watermark && drop == i) {
                drop++;
            }
        }
        s.remove(0, drop);
    }

    @Override
    long nextAction(KeyWindows state, long watermark) {
        Sessions s = (Sessions) state;
        long next = Long.MAX_VALUE;
        for (int i = 0; i < s.size; i++) {
            long due = dueTime(s.lasts[i]);
            if (due > watermark) {
                return Math.min(next, due);
            }
            next = Math.min(next, SliceGrid.saturatedAdd(due, lateness));
        }
        return next;
    }

    @Override
    void emitEarly(WindowOperator operator, Object key, KeyWindows state, long watermark) {
        Sessions s = (Sessions) state;
        for (int i = 0; i < s.size; i++) {
            if (dueTime(s.lasts[i]) > watermark) {
                emitSession(operator, key, s, i);
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Codec<KeyWindows> stateCodec() {
        return new Sessions.SessionsCodec((Codec) op.accumulatorCodec());
    }

    /** The first watermark at which no event that is not late can extend a session ending at {@code last}. */
    private long dueTime(long last) {
        return SliceGrid.saturatedAdd(last, gap + 1);
    }

    private void emitSession(WindowOperator operator, Object key, Sessions s, int i) {
        long end = s.lasts[i] + gap;
        operator.emit(key, s.starts[i], end, s.accs[i], end);
    }
}
