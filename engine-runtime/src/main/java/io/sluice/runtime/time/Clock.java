package io.sluice.runtime.time;

/**
 * Processing time as the runtime sees it: for processing-time timers, idle timeouts and metrics. Tests
 * replace it with a {@link io.sluice.runtime.testing.ManualClock} to make time-driven behaviour
 * deterministic. Implementations must be safe to read from every worker thread.
 */
public interface Clock {

    /** Wall-clock time, epoch milliseconds. */
    long millis();

    /** A monotonic time in nanoseconds, for measuring intervals. */
    long nanos();

    /** The system clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public String toString() {
            return "SystemClock";
        }
    };
}
