package io.sluice.api;

import io.sluice.api.function.TimestampFn;
import java.time.Duration;
import java.util.Objects;

/**
 * How a source's records get their event time and how its watermarks are made.
 *
 * <p><b>Watermark semantics.</b> A watermark {@code W} says: every record that arrives later with a
 * timestamp below {@code W} is late. So an event-time window {@code [start, end)} is complete, and fires, once
 * the watermark reaches {@code end}; a record is late when its timestamp is below the current watermark.
 *
 * <p>Watermarks are made per source split (a file, a partition, a generator's share), and a source instance's
 * watermark is the minimum over its splits; downstream, a stage's watermark is the minimum over its inputs.
 * A split (or input) that has sent nothing for the {@linkplain #withIdleTimeout idle timeout} stops holding
 * the minimum back until it sends again. When a bounded source ends, it sends a final watermark that fires
 * every remaining window.
 *
 * <p><b>Alignment.</b> With {@link #withAlignment} a source instance whose watermark runs ahead of the slowest
 * aligned instance by more than the allowed drift stops reading until the others catch up, so that a fast
 * instance does not fill the state of downstream joins and timers with records that wait for a slow one.
 * Keyed windows at parallelism 2 or more are such a case: nothing else stops one instance from running ahead
 * (the window takes its records and keeps them until the watermark comes), and the NEXMark generator's two
 * instances drifted up to 200 s of event time apart, so a 1 s window stage held up to 200 open windows per key.
 * A drift of about one window length keeps it to two or three.
 *
 * <p>Immutable.
 *
 * @param <T> the record type of the source
 */
public final class WatermarkPolicy<T> {

    /** Where timestamps and watermarks come from. */
    public enum Mode {
        /** The source's own timestamps and watermarks (e.g. {@code gen:} emits both). The default. */
        FROM_SOURCE,
        /** Timestamps from a function; watermark = highest timestamp seen − the allowed delay. */
        BOUNDED_OUT_OF_ORDER,
        /** Processing time: no timestamps, no watermarks; event-time stages cannot follow. */
        NONE
    }

    private final Mode mode;
    private final TimestampFn<? super T> timestampFn;
    private final Duration maxDelay;
    private final Duration idleTimeout;
    private final Duration maxDrift;

    private WatermarkPolicy(Mode mode, TimestampFn<? super T> timestampFn, Duration maxDelay, Duration idleTimeout,
                            Duration maxDrift) {
        this.mode = mode;
        this.timestampFn = timestampFn;
        this.maxDelay = maxDelay;
        this.idleTimeout = idleTimeout;
        this.maxDrift = maxDrift;
    }

    /**
     * Records may arrive up to {@code maxDelay} out of order: the watermark trails the highest timestamp seen
     * by {@code maxDelay}, and a record older than that is late. A timestamp of {@code Long.MIN_VALUE} is taken
     * as {@code Long.MIN_VALUE + 1}: the runtime reserves {@code Long.MIN_VALUE} for "no timestamp".
     */
    public static <T> WatermarkPolicy<T> boundedOutOfOrder(TimestampFn<? super T> timestampFn, Duration maxDelay) {
        Objects.requireNonNull(timestampFn, "timestampFn");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
        }
        return new WatermarkPolicy<>(Mode.BOUNDED_OUT_OF_ORDER, timestampFn, maxDelay, Duration.ZERO, null);
    }

    /** Timestamps never go backwards within a split: the watermark is the highest timestamp seen. */
    public static <T> WatermarkPolicy<T> monotonic(TimestampFn<? super T> timestampFn) {
        return boundedOutOfOrder(timestampFn, Duration.ZERO);
    }

    /** Use the timestamps and watermarks the source itself provides (the default). */
    public static <T> WatermarkPolicy<T> fromSource() {
        return new WatermarkPolicy<>(Mode.FROM_SOURCE, null, Duration.ZERO, Duration.ZERO, null);
    }

    /** Processing time only: records carry no event time and no watermarks are made. */
    public static <T> WatermarkPolicy<T> none() {
        return new WatermarkPolicy<>(Mode.NONE, null, Duration.ZERO, Duration.ZERO, null);
    }

    /**
     * A split that has emitted nothing for {@code timeout} of processing time is idle: it no longer holds the
     * watermark back until it emits again. {@link Duration#ZERO} (the default) never declares a split idle.
     */
    public WatermarkPolicy<T> withIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + timeout);
        }
        return new WatermarkPolicy<>(mode, timestampFn, maxDelay, timeout, maxDrift);
    }

    /**
     * Bounds how far this source's instances may run ahead in event time: an instance whose watermark is more
     * than {@code maxDrift} ahead of the lowest watermark of the alignment group stops reading until the group
     * catches up. Flink calls this watermark alignment.
     *
     * <p><b>The group</b> is every instance of every source of the job that declares alignment (each checks
     * its own {@code maxDrift} against the group's minimum). One group per job rather than one per source,
     * because the drift that hurts is between inputs that meet downstream: two sources feeding a join, or the
     * instances of one source feeding a keyed stage, and one group covers both. So sources whose event times
     * are not comparable (different clocks, replays of different days) should not both declare alignment.
     *
     * <p><b>Guaranteed:</b> an instance starts a read only while its watermark is at most {@code maxDrift}
     * ahead of the group's minimum, so it runs ahead by at most {@code maxDrift} plus what one read batch
     * advances it. An instance that is idle (every split idle, see {@link #withIdleTimeout}) or finished does
     * not hold the others back; an instance that has not made a watermark yet holds them back (as it holds
     * back the watermarks downstream) until it makes one, goes idle or ends. The slowest instance is never
     * paused, so the group cannot deadlock. A paused instance still takes part in checkpoints (its barriers go
     * out at once) and still fires the processing-time timers of operators fused behind it.
     *
     * <p><b>Not guaranteed:</b> any order between instances. Alignment changes only when records are read,
     * not the watermark rules (downstream watermarks are the minimum over the inputs either way), so a job whose
     * results do not depend on how its inputs interleave computes the same results with or without it. Drift between instances is measured on watermarks, so a split that emits far ahead of its watermark
     * (a large {@code maxDelay}) is not bounded by this. An unbounded source instance that goes silent without
     * an idle timeout stalls the group, as it stalls event time downstream.
     *
     * @param maxDrift the allowed lead in event time; {@link Duration#ZERO} lets only the slowest read
     * @throws IllegalStateException for {@link #none()}, which has no watermarks to align
     */
    public WatermarkPolicy<T> withAlignment(Duration maxDrift) {
        if (maxDrift.isNegative()) {
            throw new IllegalArgumentException("max drift must not be negative: " + maxDrift);
        }
        if (mode == Mode.NONE) {
            throw new IllegalStateException("a source without watermarks cannot be aligned");
        }
        return new WatermarkPolicy<>(mode, timestampFn, maxDelay, idleTimeout, maxDrift);
    }

    public Mode mode() {
        return mode;
    }

    /** The timestamp function, or {@code null} unless {@link Mode#BOUNDED_OUT_OF_ORDER}. */
    public TimestampFn<? super T> timestampFn() {
        return timestampFn;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The allowed drift of {@link #withAlignment}, or {@code null} when this source is not aligned. */
    public Duration maxDrift() {
        return maxDrift;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case FROM_SOURCE -> "fromSource";
            case NONE -> "none";
            case BOUNDED_OUT_OF_ORDER -> "boundedOutOfOrder(" + maxDelay.toMillis() + "ms)";
        } + (idleTimeout.isZero() ? "" : ", idle after " + idleTimeout.toMillis() + "ms")
                + (maxDrift == null ? "" : ", aligned within " + maxDrift.toMillis() + "ms");
    }
}
