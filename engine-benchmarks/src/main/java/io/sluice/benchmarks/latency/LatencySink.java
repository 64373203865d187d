package io.sluice.benchmarks.latency;

import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.window.WindowResult;
import org.HdrHistogram.Histogram;

/**
 * Records end-to-end latency at the moment a record is written, into one {@link Histogram} (nanoseconds). One
 * instance, whose writer runs on the job's worker thread; read the histogram after the job has ended.
 *
 * <ul>
 *   <li>A {@link Tick} (a pass-through job): {@code now - intended}, the time since the event was due at the
 *   source.</li>
 *   <li>A {@link WindowResult} with a {@code Long} count (a window job): {@code now - nanosAt(windowEnd)}, the
 *   time since the window could first be complete (event time is the intended send time, so the first event
 *   that may close it was due at its end), recorded once per input event it counts. Per input event that is the
 *   time from its intended ingestion until the result containing it is written, minus the wait the window
 *   definition itself imposes ({@code windowEnd - its event time}).</li>
 * </ul>
 *
 * Only events due in {@code [measureFrom, measureUntil)} are recorded (windows: those that start at or after
 * {@code measureFrom} and end before {@code measureUntil}, so the last window, which only the end of input
 * closes, is left out).
 */
public final class LatencySink implements Sink<Object> {

    private final Schedule schedule;
    private final long warmupNanos;
    private final long durationNanos;
    private final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private long results;

    /**
     * @param warmupNanos   time after the origin before which nothing is recorded
     * @param durationNanos the whole schedule, warm-up included
     */
    public LatencySink(Schedule schedule, long warmupNanos, long durationNanos) {
        this.schedule = schedule;
        this.warmupNanos = warmupNanos;
        this.durationNanos = durationNanos;
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    /** The recorded latencies, nanoseconds; complete once the job has ended. */
    public Histogram histogram() {
        return histogram;
    }

    /** Records that were written and recorded (window results, or events of a pass-through). */
    public long results() {
        return results;
    }

    @Override
    public SinkWriter<Object> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            /** Set at the first record: the writer may open before the source has started the schedule. */
            private long from = Long.MIN_VALUE;
            private long until;

            @Override
            public void write(Object record) {
                long now = System.nanoTime();
                if (from == Long.MIN_VALUE) {
                    from = schedule.origin() + warmupNanos;
                    until = schedule.origin() + durationNanos;
                }
                if (record instanceof Tick t) {
                    if (t.intended() >= from && t.intended() < until) {
                        record(now - t.intended(), 1);
                    }
                } else if (record instanceof WindowResult<?, ?> r) {
                    long start = schedule.nanosAt(r.windowStart());
                    long end = schedule.nanosAt(r.windowEnd());
                    if (start >= from && end < until) {
                        record(now - end, (Long) r.value());
                    }
                } else {
                    throw new IllegalArgumentException("cannot time a " + record.getClass().getName());
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private void record(long latencyNanos, long count) {
        results++;
        histogram.recordValueWithCount(Math.max(0, Math.min(latencyNanos, histogram.getHighestTrackableValue())), count);
    }
}
