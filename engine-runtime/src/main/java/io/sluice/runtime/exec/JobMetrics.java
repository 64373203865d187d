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

    /** Records that operators could not process (see {@link OperatorMetrics#errors()}), over the whole job. */
    public long errors() {
        long n = 0;
        for (OperatorMetrics op : operators) {
            n += op.errors();
        }
        return n;
    }

    /**
     * The processing error rate: records that could not be processed per record that came in (read by the
     * sources, or refused by them), 0 when nothing came in.
     */
    public double errorRate() {
        long errors = errors();
        long seen = sourceRecords + errors;
        return seen == 0 ? 0 : (double) errors / seen;
    }

    /**
     * How many times aligned source instances stopped reading to let slower ones catch up
     * ({@code WatermarkPolicy.withAlignment}), over the whole job; 0 without alignment.
     */
    public long alignmentPauses() {
        long n = 0;
        for (VertexMetrics v : vertices) {
            n += v.alignmentPauses();
        }
        return n;
    }

    /** Source records per second over the run so far. */
    public double sourceRate() {
        return elapsedNanos == 0 ? 0 : sourceRecords * 1e9 / elapsedNanos;
    }
}
