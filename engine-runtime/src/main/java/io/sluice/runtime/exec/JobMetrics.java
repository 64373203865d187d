package io.sluice.runtime.exec;

import java.util.List;

/**
 * A point-in-time view of a running or finished job. Counters read while the job runs may lag by one batch.
 *
 * @param operators      per operator, in plan order
 * @param sourceRecords  records read by all sources
 * @param sinkRecords    records written by all sinks
 * @param expectedSourceRecords what the sources expect to read in all, or -1 when unknown (unbounded input)
 * @param elapsedNanos   time since the job started (until it ended, once it has)
 * @param backpressure   mean fill ratio of all queues (0 = empty, 1 = full)
 * @param vertices       per vertex: watermark and backpressure, in plan order
 */
public record JobMetrics(List<OperatorMetrics> operators, long sourceRecords, long sinkRecords,
                         long expectedSourceRecords, long elapsedNanos, double backpressure,
                         List<VertexMetrics> vertices) {

    /** Metrics without the per-vertex view. */
    public JobMetrics(List<OperatorMetrics> operators, long sourceRecords, long sinkRecords,
                      long expectedSourceRecords, long elapsedNanos, double backpressure) {
        this(operators, sourceRecords, sinkRecords, expectedSourceRecords, elapsedNanos, backpressure, List.of());
    }

    /** Source records per second over the run so far. */
    public double sourceRate() {
        return elapsedNanos == 0 ? 0 : sourceRecords * 1e9 / elapsedNanos;
    }
}
