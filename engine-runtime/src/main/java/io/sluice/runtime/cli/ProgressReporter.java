package io.sluice.runtime.cli;

import io.sluice.runtime.exec.JobMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A live progress line on a terminal's stderr while a job runs, redrawn in place with {@code \r} a few times a
 * second: events read, percentage and ETA when the sources know their total, and the rate.
 *
 * <pre>
 *   3,145,728 / 10,000,000 events  31%  4.21 M events/s  ETA 2s
 * </pre>
 *
 * Runs on its own daemon thread and only reads the job's counters ({@code JobHandle.metrics()}), so it
 * costs the workers nothing. {@link #close()} stops it and erases the line, so the summary or an error
 * starts on a clean line.
 */
final class ProgressReporter implements AutoCloseable {

    private final Supplier<JobMetrics> metrics;
    private final PrintWriter out;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean stopped;
    /** Written by the progress thread only; read by {@link #close()} after joining it. */
    private int lastLength;

    ProgressReporter(Supplier<JobMetrics> metrics, PrintWriter out, Duration interval) {
        this.metrics = metrics;
        this.out = out;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.thread = new Thread(this::loop, "sluice-progress");
        this.thread.setDaemon(true);
    }

    /** Starts redrawing every {@code interval}; returns {@code this}. */
    ProgressReporter start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                break;
            }
            if (!stopped) {
                draw(line(metrics.get()));
            }
        }
    }

    private void draw(String line) {
        // Pad over the previous line: a shorter line must not leave its tail visible.
        String padding = " ".repeat(Math.max(0, lastLength - line.length()));
        out.print('\r' + line + padding);
        out.flush();
        lastLength = line.length();
    }

    /** The progress line for a point in time, without {@code \r}. */
    static String line(JobMetrics m) {
        long done = m.sourceRecords();
        long expected = m.expectedSourceRecords();
        double rate = m.sourceRate();
        StringBuilder sb = new StringBuilder("  ").append(Formats.count(done));
        if (expected > 0) {
            sb.append(" / ").append(Formats.count(expected)).append(" events  ")
                    .append(Math.min(100, done * 100 / expected)).append('%');
        } else {
            sb.append(" events");
        }
        sb.append("  ").append(Formats.rate(rate)).append(" events/s");
        if (expected > 0 && done > 0 && rate > 0) {
            sb.append("  ETA ").append(Formats.eta(Math.max(0, expected - done) / rate));
        }
        sb.append("  ").append(Formats.duration(m.elapsedNanos()));
        return sb.toString();
    }

    /** Stops redrawing and erases the line. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lastLength > 0) {
            out.print('\r' + " ".repeat(lastLength) + '\r');
            out.flush();
        }
    }
}
