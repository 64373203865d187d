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

    private WatermarkPolicy(Mode mode, TimestampFn<? super T> timestampFn, Duration maxDelay, Duration idleTimeout) {
        this.mode = mode;
        this.timestampFn = timestampFn;
        this.maxDelay = maxDelay;
        this.idleTimeout = idleTimeout;
    }

    /**
     * Records may arrive up to {@code maxDelay} out of order: the watermark trails the highest timestamp seen
     * by {@code maxDelay}, and a record older than that is late.
     */
    public static <T> WatermarkPolicy<T> boundedOutOfOrder(TimestampFn<? super T> timestampFn, Duration maxDelay) {
        Objects.requireNonNull(timestampFn, "timestampFn");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
        }
        return new WatermarkPolicy<>(Mode.BOUNDED_OUT_OF_ORDER, timestampFn, maxDelay, Duration.ZERO);
    }

    /** Timestamps never go backwards within a split: the watermark is the highest timestamp seen. */
    public static <T> WatermarkPolicy<T> monotonic(TimestampFn<? super T> timestampFn) {
        return boundedOutOfOrder(timestampFn, Duration.ZERO);
    }

    /** Use the timestamps and watermarks the source itself provides (the default). */
    public static <T> WatermarkPolicy<T> fromSource() {
        return new WatermarkPolicy<>(Mode.FROM_SOURCE, null, Duration.ZERO, Duration.ZERO);
    }

    /** Processing time only: records carry no event time and no watermarks are made. */
    public static <T> WatermarkPolicy<T> none() {
        return new WatermarkPolicy<>(Mode.NONE, null, Duration.ZERO, Duration.ZERO);
    }

    /**
     * A split that has emitted nothing for {@code timeout} of processing time is idle: it no longer holds the
     * watermark back until it emits again. {@link Duration#ZERO} (the default) never declares a split idle.
     */
    public WatermarkPolicy<T> withIdleTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("idle timeout must not be negative: " + timeout);
        }
        return new WatermarkPolicy<>(mode, timestampFn, maxDelay, timeout);
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

    @Override
    public String toString() {
        return switch (mode) {
            case FROM_SOURCE -> "fromSource";
            case NONE -> "none";
            case BOUNDED_OUT_OF_ORDER -> "boundedOutOfOrder(" + maxDelay.toMillis() + "ms)";
        } + (idleTimeout.isZero() ? "" : ", idle after " + idleTimeout.toMillis() + "ms");
    }
}
