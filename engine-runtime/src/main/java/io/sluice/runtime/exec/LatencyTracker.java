package io.sluice.runtime.exec;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * End-to-end latency of one job, from the {@link LatencyMarker}s its sink tasklets receive, in nanoseconds.
 * Worker threads record without locks (HdrHistogram's {@link Recorder}, wait-free for writers); one reader
 * at a time takes what was recorded since its last call with {@link #takeInterval}.
 */
public final class LatencyTracker {

    /** How often each source instance sends a marker. */
    static final long MARKER_INTERVAL_NANOS = 100_000_000L;
    /** The highest latency kept exactly (an hour); longer ones count as an hour. */
    public static final long HIGHEST_NANOS = 3_600_000_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);

    /** Called by worker threads. */
    void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
    }

    /**
     * The latencies recorded since the previous call (not thread-safe among readers: one reader only).
     *
     * @param recycle a histogram an earlier call returned and the caller no longer needs, or {@code null}
     */
    public Histogram takeInterval(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }
}
