package io.sluice.runtime.server;

import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.exec.VertexMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the REST API, the metrics endpoint and the dashboard show about one job at one moment
 * (design.md §9), read once so that the views agree with each other.
 *
 * @param record         the stored record
 * @param metrics        counters of the current or last run, or {@code null} before the first run
 * @param operators      per operator, in plan order, with what its vertex shows; empty before the first run
 * @param latency        end-to-end latency
 * @param checkpoint     the newest completed checkpoint or savepoint, or {@code null}
 * @param restoredFrom   the checkpoint the current run restored from, or {@code null}
 * @param nowMillis      when it was taken (wall clock)
 */
record JobSnapshot(JobRecord record, JobMetrics metrics, List<Operator> operators, LatencyWindow.Snapshot latency,
                   CheckpointStats checkpoint, String restoredFrom, long nowMillis) {

    /**
     * One operator.
     *
     * @param watermark    its vertex's watermark (epoch ms), or {@code null} when there is none yet
     * @param backpressure its vertex's outbound queue fill ratio
     * @param failures     failures of the job attributed to this operator, over all its runs (its records that
     *                     could not be processed in the current run are {@code counters().errors()})
     */
    record Operator(OperatorMetrics counters, double recordsPerSecond, Long watermark, double backpressure,
                    long failures) {

        /** How far the watermark is behind the wall clock, in ms, or {@code null}. */
        Long watermarkLagMillis(long nowMillis) {
            return watermark == null ? null : Math.max(0, nowMillis - watermark);
        }
    }

    static JobSnapshot of(ManagedJob job) {
        JobRecord record = job.record();
        JobMetrics metrics = job.metrics();
        List<Operator> operators = new ArrayList<>();
        if (metrics != null) {
            double[] rates = job.rates().update(metrics);
            Map<Integer, VertexMetrics> byVertex = new HashMap<>();
            for (VertexMetrics v : metrics.vertices()) {
                byVertex.put(v.vertex(), v);
            }
            Map<String, Long> failures = job.failuresByOperator();
            for (int i = 0; i < metrics.operators().size(); i++) {
                OperatorMetrics m = metrics.operators().get(i);
                VertexMetrics v = byVertex.get(m.vertex());
                Long watermark = v == null || v.watermark() == Long.MIN_VALUE || v.watermark() == Long.MAX_VALUE
                        ? null : v.watermark();
                long failed = failures.getOrDefault("'" + m.name() + "' (" + m.uid() + ")", 0L);
                operators.add(new Operator(m, i < rates.length ? rates[i] : 0, watermark,
                        v == null ? 0 : v.backpressure(), failed));
            }
        }
        return new JobSnapshot(record, metrics, operators, job.latency().snapshot(), job.lastCheckpoint(),
                job.restoredFrom(), System.currentTimeMillis());
    }

    /** Records per second read by the sources (the job's throughput). */
    double throughput() {
        double sum = 0;
        for (Operator o : operators) {
            if (o.counters().kind().equals("source")) {
                sum += o.recordsPerSecond();
            }
        }
        return sum;
    }

    /** The highest backpressure of any vertex. */
    double maxBackpressure() {
        double max = 0;
        for (Operator o : operators) {
            max = Math.max(max, o.backpressure());
        }
        return max;
    }

    /** The largest watermark lag of any operator that has a watermark, or {@code null}. */
    Long watermarkLagMillis() {
        Long max = null;
        for (Operator o : operators) {
            Long lag = o.watermarkLagMillis(nowMillis);
            if (lag != null && (max == null || lag > max)) {
                max = lag;
            }
        }
        return max;
    }

    /** Records the current run could not process, per record its sources saw (see {@link JobMetrics#errorRate()}). */
    double errorRate() {
        return metrics == null ? 0 : metrics.errorRate();
    }

    /** Records the current run could not process. */
    long errors() {
        return metrics == null ? 0 : metrics.errors();
    }

    /** Failures per minute since the job was submitted. */
    double failuresPerMinute() {
        double minutes = Math.max(1, nowMillis - record.submittedAt()) / 60_000.0;
        return record.failures() / minutes;
    }
}
