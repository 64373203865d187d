package io.sluice.benchmarks.latency;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What the platform alone does to latency, after jHiccup: a thread that asks to sleep 1 ms at a time and records
 * by how much each wake-up came late (scheduling delays, safepoints, GC pauses, a busy machine). Run next to a
 * latency measurement, it tells stalls of the engine from stalls of the machine. Costs one wake-up per ms.
 */
public final class HiccupMeter implements AutoCloseable {

    private static final long PERIOD_NANOS = 1_000_000;

    private final Histogram histogram = new Histogram(60_000_000_000L, 3);
    private final Thread thread;
    private volatile boolean running = true;

    private HiccupMeter() {
        thread = new Thread(this::run, "hiccup-meter");
        thread.setDaemon(true);
    }

    /** Starts measuring. */
    public static HiccupMeter start() {
        HiccupMeter meter = new HiccupMeter();
        meter.thread.start();
        return meter;
    }

    private void run() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            long late = System.nanoTime() - before - PERIOD_NANOS;
            histogram.recordValue(Math.max(0, Math.min(late, histogram.getHighestTrackableValue())));
        }
    }

    /** Stops measuring and waits for the thread, so {@link #histogram()} is complete. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** How late the wake-ups were, nanoseconds; read after {@link #close()}. */
    public Histogram histogram() {
        return histogram;
    }
}
