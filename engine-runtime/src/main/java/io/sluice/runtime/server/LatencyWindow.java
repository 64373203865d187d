package io.sluice.runtime.server;

import io.sluice.runtime.exec.LatencyTracker;
import java.util.ArrayDeque;
import org.HdrHistogram.Histogram;

/**
 * The end-to-end latency of a server job over the last ten seconds and over its whole run, read from the
 * job's {@link LatencyTracker} at most once a second. Thread-safe (the REST handlers share it).
 */
final class LatencyWindow {

    private static final int WINDOW_INTERVALS = 10;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final ArrayDeque<Histogram> recent = new ArrayDeque<>();
    private final Histogram total = new Histogram(LatencyTracker.HIGHEST_NANOS, 3);
    private LatencyTracker tracker;
    private Histogram spare;
    private long lastRollNanos;

    /** Follows a new run of the job (after a restart); the totals go on. */
    synchronized void follow(LatencyTracker newTracker) {
        this.tracker = newTracker;
        this.spare = null;
    }

    /** The last ten seconds ({@code recent}) and the whole run ({@code total}). */
    synchronized Snapshot snapshot() {
        long now = System.nanoTime();
        if (tracker != null && (recent.isEmpty() || now - lastRollNanos >= INTERVAL_NANOS)) {
            lastRollNanos = now;
            Histogram interval = tracker.takeInterval(spare);
            total.add(interval);
            recent.addLast(interval);
            spare = null;
            if (recent.size() > WINDOW_INTERVALS) {
                recent.removeFirst(); // not recycled: it may come from the tracker of an earlier run
            }
        }
        Histogram window = new Histogram(LatencyTracker.HIGHEST_NANOS, 3);
        for (Histogram h : recent) {
            window.add(h);
        }
        return new Snapshot(Percentiles.of(window), Percentiles.of(total));
    }

    record Snapshot(Percentiles recent, Percentiles total) {
    }

    /** A latency distribution in nanoseconds; all 0 without samples. */
    record Percentiles(long count, long p50, long p99, long p999, long max) {

        static Percentiles of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            return new Percentiles(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue());
        }
    }
}
