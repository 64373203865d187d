package io.sluice.runtime.server;

import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.OperatorMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code GET /metrics}: the metrics of design.md §9 for every job in the Prometheus text exposition format,
 * version 0.0.4 ({@code # HELP} and {@code # TYPE} once per family, then one line per sample:
 * {@code name{label="value",...} value}). Jobs are labelled {@code job_id} and {@code job_name} (Prometheus
 * itself attaches the scrape target as {@code job}); operators {@code vertex}, {@code operator}, {@code uid}.
 */
final class PrometheusExposition {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    private PrometheusExposition() {
    }

    static String render(List<JobSnapshot> jobs) {
        PrometheusExposition p = new PrometheusExposition();
        p.jobs(jobs);
        p.operators(jobs);
        return p.out.toString();
    }

    private void jobs(List<JobSnapshot> jobs) {
        family("sluice_job_info", "gauge", "1 for every job, its state as a label", jobs,
                s -> 1, s -> new String[] {"state", s.record().state().name()});
        family("sluice_job_running", "gauge", "1 while the job runs (or waits to restart), else 0", jobs,
                s -> s.record().state().isFinal() ? 0 : 1);
        family("sluice_job_source_records_total", "counter", "Records read by the sources of the current run", jobs,
                s -> s.metrics() == null ? 0 : s.metrics().sourceRecords());
        family("sluice_job_sink_records_total", "counter", "Records written by the sinks of the current run", jobs,
                s -> s.metrics() == null ? 0 : s.metrics().sinkRecords());
        family("sluice_job_records_per_second", "gauge", "Records read by the sources per second", jobs,
                JobSnapshot::throughput);
        family("sluice_job_source_alignment_pauses_total", "counter",
                "Times aligned source instances stopped reading to let slower ones catch up", jobs,
                s -> s.metrics() == null ? 0 : s.metrics().alignmentPauses());
        family("sluice_job_errors_total", "counter",
                "Records the current run could not process (skipped or dead-lettered by their source's policy)", jobs,
                JobSnapshot::errors);
        family("sluice_job_error_rate", "gauge",
                "Records the current run could not process, per record its sources saw", jobs, JobSnapshot::errorRate);
        family("sluice_job_failures_total", "counter", "Failures of the job (each one restarts it or fails it)", jobs,
                s -> s.record().failures());
        family("sluice_job_failures_per_minute", "gauge", "Failures per minute since the job was submitted", jobs,
                JobSnapshot::failuresPerMinute);

        header("sluice_job_latency_seconds", "summary",
                "End-to-end latency, source read to sink write (latency markers), over the last 10 s");
        for (JobSnapshot s : jobs) {
            LatencyWindow.Percentiles p = s.latency().recent();
            String[] quantiles = {"0.5", "0.99", "0.999", "1"};
            long[] values = {p.p50(), p.p99(), p.p999(), p.max()};
            for (int i = 0; i < quantiles.length; i++) {
                sample("sluice_job_latency_seconds", jobLabels(s, "quantile", quantiles[i]), values[i] / 1e9);
            }
            LatencyWindow.Percentiles total = s.latency().total();
            sample("sluice_job_latency_seconds_count", jobLabels(s), total.count());
        }
        family("sluice_job_last_checkpoint_id", "gauge", "Id of the newest completed checkpoint or savepoint", checkpointed(jobs),
                s -> s.checkpoint().checkpointId());
        family("sluice_job_last_checkpoint_duration_seconds", "gauge", "How long the newest checkpoint took", checkpointed(jobs),
                s -> s.checkpoint().durationNanos() / 1e9);
        family("sluice_job_last_checkpoint_size_bytes", "gauge", "Bytes the newest checkpoint wrote", checkpointed(jobs),
                s -> s.checkpoint().bytes());
        family("sluice_job_last_checkpoint_worker_pause_seconds", "gauge",
                "Longest synchronous pause of a worker for the newest checkpoint (freezing its state)", checkpointed(jobs),
                s -> s.checkpoint().maxSyncNanos() / 1e9);
        family("sluice_job_last_checkpoint_async_write_seconds", "gauge",
                "Longest time the newest checkpoint's frozen state took to be written off the workers", checkpointed(jobs),
                s -> s.checkpoint().maxAsyncNanos() / 1e9);
    }

    private static List<JobSnapshot> checkpointed(List<JobSnapshot> jobs) {
        List<JobSnapshot> result = new ArrayList<>();
        for (JobSnapshot s : jobs) {
            CheckpointStats c = s.checkpoint();
            if (c != null) {
                result.add(s);
            }
        }
        return result;
    }

    private void operators(List<JobSnapshot> jobs) {
        operatorFamily("sluice_operator_records_in_total", "counter", "Records the operator received", jobs,
                o -> o.counters().recordsIn());
        operatorFamily("sluice_operator_records_out_total", "counter", "Records the operator emitted (a sink: wrote)", jobs,
                o -> o.counters().recordsOut());
        operatorFamily("sluice_operator_records_per_second", "gauge", "Records the operator emits per second", jobs,
                JobSnapshot.Operator::recordsPerSecond);
        operatorFamily("sluice_operator_errors_total", "counter",
                "Records the operator could not process in the current run (a source: could not read)", jobs,
                o -> o.counters().errors());
        operatorFamily("sluice_operator_failures_total", "counter", "Job failures caused by this operator", jobs,
                JobSnapshot.Operator::failures);
        operatorFamily("sluice_operator_late_records_total", "counter", "Records rejected as late (behind the watermark)", jobs,
                o -> o.counters().lateRecords());
        operatorFamily("sluice_operator_backpressure_ratio", "gauge",
                "Fill ratio of the outbound queues of the operator's chain (1 = full: downstream is the bottleneck)", jobs,
                JobSnapshot.Operator::backpressure);
        header("sluice_operator_watermark_milliseconds", "gauge", "Current event-time watermark of the operator's chain (epoch ms)");
        for (JobSnapshot s : jobs) {
            for (JobSnapshot.Operator o : s.operators()) {
                if (o.watermark() != null) {
                    sample("sluice_operator_watermark_milliseconds", operatorLabels(s, o), o.watermark());
                }
            }
        }
        header("sluice_operator_watermark_lag_seconds", "gauge", "How far the watermark is behind the wall clock");
        for (JobSnapshot s : jobs) {
            for (JobSnapshot.Operator o : s.operators()) {
                Long lag = o.watermarkLagMillis(s.nowMillis());
                if (lag != null) {
                    sample("sluice_operator_watermark_lag_seconds", operatorLabels(s, o), lag / 1e3);
                }
            }
        }
    }

    private void family(String name, String type, String help, List<JobSnapshot> jobs, ToDoubleFunction<JobSnapshot> value) {
        family(name, type, help, jobs, value, s -> new String[0]);
    }

    private void family(String name, String type, String help, List<JobSnapshot> jobs, ToDoubleFunction<JobSnapshot> value,
                        java.util.function.Function<JobSnapshot, String[]> extraLabels) {
        header(name, type, help);
        for (JobSnapshot s : jobs) {
            sample(name, jobLabels(s, extraLabels.apply(s)), value.applyAsDouble(s));
        }
    }

    private void operatorFamily(String name, String type, String help, List<JobSnapshot> jobs,
                                ToDoubleFunction<JobSnapshot.Operator> value) {
        header(name, type, help);
        for (JobSnapshot s : jobs) {
            for (JobSnapshot.Operator o : s.operators()) {
                sample(name, operatorLabels(s, o), value.applyAsDouble(o));
            }
        }
    }

    private static String[] jobLabels(JobSnapshot s, String... extra) {
        String[] labels = new String[4 + extra.length];
        labels[0] = "job_id";
        labels[1] = s.record().id();
        labels[2] = "job_name";
        labels[3] = s.record().job();
        System.arraycopy(extra, 0, labels, 4, extra.length);
        return labels;
    }

    private static String[] operatorLabels(JobSnapshot s, JobSnapshot.Operator o) {
        OperatorMetrics c = o.counters();
        return jobLabels(s, "vertex", Integer.toString(c.vertex()), "operator", c.name(), "uid", c.uid(), "kind", c.kind());
    }

    private void header(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String[] labels, double value) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"");
                escapeLabelValue(labels[i + 1]);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
    }

    private void escapeLabelValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
