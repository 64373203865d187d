package io.sluice.api.window;

import java.time.Duration;
import java.util.Objects;

/**
 * How an event-time window operator groups a stream: the kind of windows (made by {@link Windows}) and the
 * options of the operator that runs them. Times are whole milliseconds of event time.
 *
 * <p><b>Which windows an event belongs to.</b> Tumbling and sliding windows are half-open intervals
 * {@code [start, end)} aligned to the epoch, shifted by {@link #withOffset the offset}: a tumbling window of
 * size {@code s} starts at every {@code offset + k·s}; a sliding window of size {@code s} and slide {@code d}
 * starts at every {@code offset + k·d} and holds every event with {@code start ≤ t < end}. A session holds a
 * run of events of one key in which each event is at most {@code gap} after the previous one; its result
 * reports {@code windowStart} = the first event's time and {@code windowEnd} = the last event's time + gap.
 *
 * <p><b>When results come out.</b> A window {@code [start, end)} fires once the watermark reaches {@code end}
 * (no later event can belong to it); a session fires once the watermark passes {@code last + gap} (an event
 * at exactly {@code last + gap} still extends it). Results carry the timestamp {@code end - 1} (for a session
 * {@code last + gap}), the last instant of the window. With {@link #earlyResults} the running result of every
 * open window is also emitted each time the watermark crosses a multiple of the interval;
 * {@link #earlyResultsInProcessingTime} does the same every interval of wall-clock time.
 *
 * <p><b>Late events.</b> An event is late when its timestamp is below the current watermark minus the
 * {@link #allowedLateness allowed lateness}. A late event changes no window: it goes to the window's late
 * side output ({@link WindowedStream#lateEvents()}) when the job declared one, and is counted in the
 * operator's {@code lateRecords} metric either way (without a side output it is dropped, counted). An event
 * behind the watermark but within the allowed lateness is added to its windows; a window that already fired
 * emits an updated result at once. Window state is kept until the watermark passes {@code end + lateness},
 * then dropped. With the default lateness of zero, exactly the events older than the watermark are late. An
 * event time within {@code 2 * (size + slide + lateness + 1)} ms of either end of the {@code long} range (for
 * sessions the gap is the size), far beyond any real clock, cannot be placed in a window without overflow and
 * is treated as late too. A timestamp function's {@code Long.MIN_VALUE} (which the runtime uses for "no event
 * time") is read as {@code Long.MIN_VALUE + 1}, so it is late like the rest of that range.
 *
 * <p>Immutable; the option methods return a changed copy.
 */
public final class WindowDefinition {

    /** The kinds of windows. */
    public enum Kind {
        /** Fixed-size, non-overlapping windows. */
        TUMBLING,
        /** Fixed-size windows that start every slide and overlap when the slide is below the size. */
        SLIDING,
        /** Per-key runs of events separated by gaps longer than the session gap; they merge as events arrive. */
        SESSION
    }

    private final Kind kind;
    private final long sizeMillis;
    private final long slideMillis;
    private final long offsetMillis;
    private final long latenessMillis;
    private final long earlyEventTimeMillis;
    private final long earlyProcessingTimeMillis;
    private final long localCombiningMillis;

    private WindowDefinition(Kind kind, long sizeMillis, long slideMillis, long offsetMillis, long latenessMillis,
                             long earlyEventTimeMillis, long earlyProcessingTimeMillis, long localCombiningMillis) {
        this.kind = kind;
        this.sizeMillis = sizeMillis;
        this.slideMillis = slideMillis;
        this.offsetMillis = offsetMillis;
        this.latenessMillis = latenessMillis;
        this.earlyEventTimeMillis = earlyEventTimeMillis;
        this.earlyProcessingTimeMillis = earlyProcessingTimeMillis;
        this.localCombiningMillis = localCombiningMillis;
        if (localCombiningMillis > 0 && (latenessMillis > 0 || earlyEventTimeMillis > 0 || earlyProcessingTimeMillis > 0)) {
            throw new IllegalArgumentException("sessions combined locally (combineLocally) take neither allowed "
                    + "lateness nor early results: the window would fire later than they promise");
        }
    }

    static WindowDefinition tumbling(Duration size) {
        long s = positiveMillis(size, "size");
        return new WindowDefinition(Kind.TUMBLING, s, s, 0, 0, 0, 0, 0);
    }

    static WindowDefinition sliding(Duration size, Duration slide) {
        long s = positiveMillis(size, "size");
        long d = positiveMillis(slide, "slide");
        if (d > s) {
            throw new IllegalArgumentException("the slide (" + slide + ") must not exceed the window size (" + size
                    + "): every instant must belong to some window");
        }
        return new WindowDefinition(Kind.SLIDING, s, d, 0, 0, 0, 0, 0);
    }

    static WindowDefinition session(Duration gap) {
        long g = positiveMillis(gap, "gap");
        return new WindowDefinition(Kind.SESSION, g, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Shifts the window grid from the epoch by {@code offset} (e.g. {@code tumbling(1 day).withOffset(-2 h)}
     * for days in UTC+2). Taken modulo the slide. Tumbling and sliding windows only.
     */
    public WindowDefinition withOffset(Duration offset) {
        if (kind == Kind.SESSION) {
            throw new IllegalArgumentException("session windows have no grid to offset");
        }
        long o = Math.floorMod(wholeMillis(offset, "offset"), slideMillis);
        return new WindowDefinition(kind, sizeMillis, slideMillis, o, latenessMillis, earlyEventTimeMillis,
                earlyProcessingTimeMillis, localCombiningMillis);
    }

    /**
     * Accepts events up to {@code lateness} behind the watermark: they update their windows (a window that
     * already fired emits an updated result), and window state is kept that much longer. Zero (the default)
     * makes every event behind the watermark late.
     */
    public WindowDefinition allowedLateness(Duration lateness) {
        long l = wholeMillis(lateness, "allowed lateness");
        if (l < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + lateness);
        }
        return new WindowDefinition(kind, sizeMillis, slideMillis, offsetMillis, l, earlyEventTimeMillis,
                earlyProcessingTimeMillis, localCombiningMillis);
    }

    /**
     * Early firing in event time: each time the watermark crosses a multiple of {@code every} (from the
     * epoch), every window that has not fired yet emits its running result.
     */
    public WindowDefinition earlyResults(Duration every) {
        return new WindowDefinition(kind, sizeMillis, slideMillis, offsetMillis, latenessMillis,
                positiveMillis(every, "early-result interval"), earlyProcessingTimeMillis, localCombiningMillis);
    }

    /**
     * Early firing in processing time: every {@code every} of wall-clock time (the job's clock), every window
     * that has not fired yet emits its running result.
     */
    public WindowDefinition earlyResultsInProcessingTime(Duration every) {
        return new WindowDefinition(kind, sizeMillis, slideMillis, offsetMillis, latenessMillis,
                earlyEventTimeMillis, positiveMillis(every, "early-result interval"), localCombiningMillis);
    }

    /**
     * Sessions only: lets every instance feeding the window combine its own records into partial sessions, held
     * up to {@code maxDelay} of event time after their first record, and send those instead of the records. The
     * window merges them into the same sessions, with the same results; what changes is when a session fires:
     * up to {@code maxDelay} of event time after the watermark passed {@code last + gap}, as long as a partial
     * that could still belong to it may be held upstream. This is the trade Flink's mini-batch local-global
     * aggregation makes: at parallelism above 1 most records then stay on the core that read them, instead of
     * every one crossing to its key's window instance. It takes effect where the window does not fuse with its
     * input (at parallelism above 1) unless the job turned two-stage windows off; it does not combine with
     * allowed lateness or early results (rejected: both promise firing times this option delays).
     */
    public WindowDefinition combineLocally(Duration maxDelay) {
        if (kind != Kind.SESSION) {
            throw new IllegalArgumentException("combineLocally is for session windows; tumbling and sliding windows "
                    + "combine locally by themselves");
        }
        return new WindowDefinition(kind, sizeMillis, slideMillis, offsetMillis, latenessMillis, earlyEventTimeMillis,
                earlyProcessingTimeMillis, positiveMillis(maxDelay, "local combining delay"));
    }

    public Kind kind() {
        return kind;
    }

    /** Window size in milliseconds (for sessions: the gap). */
    public long sizeMillis() {
        return sizeMillis;
    }

    /** Distance between window starts in milliseconds (tumbling: the size; sessions: 0). */
    public long slideMillis() {
        return slideMillis;
    }

    /** The session gap in milliseconds; 0 for other kinds. */
    public long gapMillis() {
        return kind == Kind.SESSION ? sizeMillis : 0;
    }

    /** Offset of the window grid from the epoch, in {@code [0, slide)}. */
    public long offsetMillis() {
        return offsetMillis;
    }

    public long allowedLatenessMillis() {
        return latenessMillis;
    }

    /** Event-time early-firing interval, or 0 for none. */
    public long earlyResultsMillis() {
        return earlyEventTimeMillis;
    }

    /** Processing-time early-firing interval, or 0 for none. */
    public long earlyResultsProcessingTimeMillis() {
        return earlyProcessingTimeMillis;
    }

    /** How long (event time) sessions may be held in partial form upstream ({@link #combineLocally}); 0: never. */
    public long localCombiningMillis() {
        return localCombiningMillis;
    }

    private static long positiveMillis(Duration d, String what) {
        long ms = wholeMillis(d, what);
        if (ms < 1) {
            throw new IllegalArgumentException("the " + what + " must be at least 1 ms: " + d);
        }
        return ms;
    }

    private static long wholeMillis(Duration d, String what) {
        Objects.requireNonNull(d, what);
        long ms = d.toMillis();
        if (!Duration.ofMillis(ms).equals(d)) {
            throw new IllegalArgumentException("the " + what + " must be a whole number of milliseconds: " + d);
        }
        return ms;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowDefinition w && w.kind == kind && w.sizeMillis == sizeMillis
                && w.slideMillis == slideMillis && w.offsetMillis == offsetMillis && w.latenessMillis == latenessMillis
                && w.earlyEventTimeMillis == earlyEventTimeMillis
                && w.earlyProcessingTimeMillis == earlyProcessingTimeMillis
                && w.localCombiningMillis == localCombiningMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, sizeMillis, slideMillis, offsetMillis, latenessMillis, earlyEventTimeMillis,
                earlyProcessingTimeMillis, localCombiningMillis);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case TUMBLING -> sb.append("tumbling(").append(sizeMillis).append("ms)");
            case SLIDING -> sb.append("sliding(").append(sizeMillis).append("ms, ").append(slideMillis).append("ms)");
            default -> sb.append("session(").append(sizeMillis).append("ms)");
        }
        if (offsetMillis != 0) {
            sb.append(" offset ").append(offsetMillis).append("ms");
        }
        if (latenessMillis != 0) {
            sb.append(" lateness ").append(latenessMillis).append("ms");
        }
        if (earlyEventTimeMillis != 0) {
            sb.append(" early every ").append(earlyEventTimeMillis).append("ms");
        }
        if (earlyProcessingTimeMillis != 0) {
            sb.append(" early every ").append(earlyProcessingTimeMillis).append("ms processing time");
        }
        if (localCombiningMillis != 0) {
            sb.append(" combined locally up to ").append(localCombiningMillis).append("ms");
        }
        return sb.toString();
    }
}
