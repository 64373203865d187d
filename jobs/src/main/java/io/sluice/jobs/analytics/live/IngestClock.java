package io.sluice.jobs.analytics.live;

/**
 * When the job's source first saw each millisecond of event time: for every {@code t} up to the highest click
 * {@code ts} read so far, the {@link System#nanoTime()} at which the source read the first click with
 * {@code ts >= t}. That is what end-to-end latency of a window result needs: a window ending at {@code end}
 * fires when the watermark reaches {@code end}, i.e. when the source has read a click with
 * {@code ts >= end + maxDelay}; the result's latency is the time from that read to the sink's write.
 *
 * <p><b>Layout.</b> A ring of {@value #SIZE} {@code long}s indexed by {@code t mod SIZE} (one slot per
 * millisecond, so about two minutes), and {@link #maxTs}, the highest {@code ts} seen.
 *
 * <p><b>Threads.</b> One writer, the source's worker thread ({@link #observe}); any number of readers (the
 * sinks' threads, {@link #ingestedAt}). The writer fills the slots of the new milliseconds with plain stores
 * and then publishes them with the volatile store of {@link #maxTs}; a reader's volatile load of {@link #maxTs}
 * makes every slot up to it visible. A reader only trusts slots less than {@value #TRUSTED_MILLIS} ms behind
 * {@code maxTs}, well inside the ring, and checks again after reading, so a slot being reused for a newer
 * millisecond is never taken for an old one (unless event time jumps ahead by more than that in one click).
 * No locks, no allocation.
 */
final class IngestClock {

    static final int SIZE = 1 << 17;
    private static final int MASK = SIZE - 1;
    static final long TRUSTED_MILLIS = SIZE / 2;

    private final long[] nanos = new long[SIZE];
    /** The first click's ts: written once, before the first publication of {@link #maxTs}. */
    private long firstTs = Long.MIN_VALUE;
    private volatile long maxTs = Long.MIN_VALUE;
    /** The writer's own copy of {@link #maxTs}, so that most clicks cost one plain comparison. */
    private long writerMax = Long.MIN_VALUE;

    /** The source just read a click with event time {@code ts}. Writer thread only; reads the clock on a new high. */
    void observe(long ts) {
        if (ts > writerMax) {
            advance(ts, System.nanoTime());
        }
    }

    /** The source read a click with event time {@code ts} at {@code nowNanos}. Writer thread only. */
    void observe(long ts, long nowNanos) {
        if (ts > writerMax) {
            advance(ts, nowNanos);
        }
    }

    private void advance(long ts, long nowNanos) {
        long max = writerMax;
        if (max == Long.MIN_VALUE) {
            firstTs = ts;
        }
        long from = max == Long.MIN_VALUE ? ts : Math.max(max + 1, ts - MASK);
        for (long t = from; t <= ts; t++) {
            nanos[(int) (t & MASK)] = nowNanos;
        }
        writerMax = ts;
        maxTs = ts; // publishes the slots written above
    }

    /** The highest click {@code ts} read so far, or {@link Long#MIN_VALUE}. */
    long maxTs() {
        return maxTs;
    }

    /**
     * The {@code nanoTime} at which the source first read a click with {@code ts >= t}, or -1 when it has not yet,
     * when {@code t} is before the first click or too far back to be known.
     */
    long ingestedAt(long t) {
        long max = maxTs;
        if (max == Long.MIN_VALUE || t > max || t < firstTs || max - t >= TRUSTED_MILLIS) {
            return -1;
        }
        long at = nanos[(int) (t & MASK)];
        return maxTs - t >= TRUSTED_MILLIS ? -1 : at;
    }
}
