package io.sluice.runtime.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server restarts a failed job: after a fixed delay, or after a delay that doubles with every
 * failure up to {@code maxDelay}; after {@code maxFailures} failures the job stays FAILED. Immutable.
 *
 * @param exponential  doubling delays ({@code false}: always {@code delay})
 * @param delay        the delay before the first restart
 * @param maxDelay     the longest delay (exponential only)
 * @param maxFailures  failures after which the job is not restarted again (1 = never restart)
 */
public record RestartStrategy(boolean exponential, Duration delay, Duration maxDelay, int maxFailures) {

    public RestartStrategy {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (delay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("restart delays cannot be negative");
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("max failures must be at least 1, got " + maxFailures);
        }
    }

    /** {@code maxFailures} failures, {@code delay} apart. */
    public static RestartStrategy fixedDelay(Duration delay, int maxFailures) {
        return new RestartStrategy(false, delay, delay, maxFailures);
    }

    /** {@code maxFailures} failures; delays {@code delay}, 2×, 4×, ... at most {@code maxDelay}. */
    public static RestartStrategy exponential(Duration delay, Duration maxDelay, int maxFailures) {
        return new RestartStrategy(true, delay, maxDelay, maxFailures);
    }

    /** Whether a job that has failed {@code failures} times in all may run again. */
    public boolean mayRestart(int failures) {
        return failures < maxFailures;
    }

    /** The wait before the restart that follows failure number {@code failures} (1-based). */
    public Duration delayAfter(int failures) {
        if (!exponential) {
            return delay;
        }
        Duration d = delay;
        for (int i = 1; i < failures && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    @Override
    public String toString() {
        return (exponential ? "exponential " + delay + ".." + maxDelay : "fixed-delay " + delay)
                + ", at most " + maxFailures + " failures";
    }
}
