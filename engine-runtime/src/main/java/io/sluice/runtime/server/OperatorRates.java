package io.sluice.runtime.server;

import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.OperatorMetrics;
import java.util.List;

/**
 * Records per second of each operator of a job (records out, in plan order), from two samples of its
 * counters at least a second apart. Thread-safe.
 */
final class OperatorRates {

    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

    private long sampleNanos;
    private long[] sample;
    private double[] rates = new double[0];

    /** The rates as of the newest sample, taking a new one from {@code metrics} when the last is old enough. */
    synchronized double[] update(JobMetrics metrics) {
        List<OperatorMetrics> ops = metrics.operators();
        long now = System.nanoTime();
        if (sample == null || sample.length != ops.size()) {
            sample = counts(ops);
            sampleNanos = now;
            rates = new double[ops.size()];
            return rates.clone();
        }
        if (now - sampleNanos >= MIN_INTERVAL_NANOS) {
            long[] counts = counts(ops);
            double seconds = (now - sampleNanos) / 1e9;
            for (int i = 0; i < counts.length; i++) {
                long delta = counts[i] - sample[i];
                rates[i] = delta < 0 ? 0 : delta / seconds; // a restarted run counts from 0 again
            }
            sample = counts;
            sampleNanos = now;
        }
        return rates.clone();
    }

    private static long[] counts(List<OperatorMetrics> ops) {
        long[] counts = new long[ops.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ops.get(i).recordsOut();
        }
        return counts;
    }
}
