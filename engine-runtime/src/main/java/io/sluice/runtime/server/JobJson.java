package io.sluice.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.api.transform.Transform;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.plan.EdgePlan;
import io.sluice.runtime.plan.PhysicalPlan;
import io.sluice.runtime.plan.VertexPlan;
import java.util.Map;

/**
 * The JSON bodies of the REST API (design.md §8) for jobs: the summary {@code GET /jobs} lists, the detail of
 * {@code GET /jobs/{id}} (with the physical plan the dashboard draws) and the metrics of
 * {@code GET /jobs/{id}/metrics}. Times are epoch ms, durations ms, latencies ms with fractions.
 */
final class JobJson {

    private final ObjectMapper json;

    JobJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode summary(JobSnapshot s) {
        JobRecord r = s.record();
        ObjectNode n = json.createObjectNode();
        n.put("id", r.id());
        n.put("job", r.job());
        n.put("state", r.state().name());
        n.put("cause", r.cause());
        n.put("failures", r.failures());
        ObjectNode params = n.putObject("params");
        for (Map.Entry<String, String> e : r.params().entrySet()) {
            params.put(e.getKey(), e.getValue());
        }
        if (r.parallelism() != null) {
            n.put("parallelism", r.parallelism());
        }
        n.put("jar", r.jar() != null);
        n.put("submittedAt", r.submittedAt());
        if (r.endedAt() != 0) {
            n.put("endedAt", r.endedAt());
        }
        n.put("restoredFrom", s.restoredFrom());
        n.put("lastSavepoint", r.lastSavepoint());
        n.set("lastCheckpoint", checkpoint(s.checkpoint()));
        JobMetrics m = s.metrics();
        n.put("sourceRecords", m == null ? 0 : m.sourceRecords());
        n.put("sinkRecords", m == null ? 0 : m.sinkRecords());
        n.put("throughput", round(s.throughput()));
        n.set("latency", latency(s.latency().recent()));
        n.put("backpressure", round(s.maxBackpressure()));
        n.put("alignmentPauses", m == null ? 0 : m.alignmentPauses());
        Long lag = s.watermarkLagMillis();
        if (lag == null) {
            n.putNull("watermarkLagMs");
        } else {
            n.put("watermarkLagMs", lag);
        }
        return n;
    }

    ObjectNode detail(JobSnapshot s, PhysicalPlan plan) {
        ObjectNode n = summary(s);
        n.set("plan", plan(plan));
        n.set("operators", operators(s));
        return n;
    }

    ObjectNode metrics(JobSnapshot s) {
        ObjectNode n = json.createObjectNode();
        JobRecord r = s.record();
        JobMetrics m = s.metrics();
        n.put("id", r.id());
        n.put("job", r.job());
        n.put("state", r.state().name());
        n.put("elapsedMs", m == null ? 0 : m.elapsedNanos() / 1_000_000);
        n.put("sourceRecords", m == null ? 0 : m.sourceRecords());
        n.put("sinkRecords", m == null ? 0 : m.sinkRecords());
        n.put("throughput", round(s.throughput()));
        n.put("errors", s.errors());
        n.put("errorRate", s.errorRate());
        n.put("failuresPerMinute", round(s.failuresPerMinute()));
        n.put("alignmentPauses", m == null ? 0 : m.alignmentPauses());
        ObjectNode latency = n.putObject("latency");
        latency.set("last10s", latency(s.latency().recent()));
        latency.set("total", latency(s.latency().total()));
        n.set("lastCheckpoint", checkpoint(s.checkpoint()));
        n.set("operators", operators(s));
        return n;
    }

    private ArrayNode operators(JobSnapshot s) {
        ArrayNode ops = json.createArrayNode();
        for (JobSnapshot.Operator o : s.operators()) {
            OperatorMetrics c = o.counters();
            ObjectNode op = ops.addObject();
            op.put("vertex", c.vertex());
            op.put("name", c.name());
            op.put("uid", c.uid());
            op.put("kind", c.kind());
            op.put("parallelism", c.parallelism());
            op.put("recordsIn", c.recordsIn());
            op.put("recordsOut", c.recordsOut());
            op.put("recordsPerSecond", round(o.recordsPerSecond()));
            op.put("lateRecords", c.lateRecords());
            op.put("errors", c.errors());
            op.put("failures", o.failures());
            op.put("backpressure", round(o.backpressure()));
            if (o.watermark() == null) {
                op.putNull("watermark");
                op.putNull("watermarkLagMs");
            } else {
                op.put("watermark", o.watermark());
                op.put("watermarkLagMs", o.watermarkLagMillis(s.nowMillis()));
            }
        }
        return ops;
    }

    /** The physical DAG: vertices (fused chains, with their operators) and the edges between them. */
    ObjectNode plan(PhysicalPlan plan) {
        ObjectNode n = json.createObjectNode();
        ArrayNode vertices = n.putArray("vertices");
        ArrayNode edges = n.putArray("edges");
        if (plan == null) {
            return n;
        }
        for (VertexPlan v : plan.vertices()) {
            ObjectNode vn = vertices.addObject();
            vn.put("id", v.id());
            vn.put("name", v.name());
            vn.put("parallelism", v.parallelism());
            ArrayNode chain = vn.putArray("operators");
            for (Transform t : v.chain()) {
                ObjectNode tn = chain.addObject();
                tn.put("name", t.name());
                tn.put("uid", t.uid());
                tn.put("kind", t.kind().label());
            }
        }
        for (EdgePlan e : plan.edges()) {
            ObjectNode en = edges.addObject();
            en.put("from", e.from().id());
            en.put("to", e.to().id());
            en.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return n;
    }

    private ObjectNode checkpoint(CheckpointStats c) {
        if (c == null) {
            return null;
        }
        ObjectNode n = json.createObjectNode();
        n.put("id", c.checkpointId());
        n.put("savepoint", c.savepoint());
        n.put("durationMs", round(c.durationNanos() / 1e6));
        n.put("bytes", c.bytes());
        n.put("alignmentMs", round(c.maxAlignNanos() / 1e6));
        n.put("workerPauseMs", round(c.maxSyncNanos() / 1e6));
        n.put("asyncWriteMs", round(c.maxAsyncNanos() / 1e6));
        n.put("path", c.path());
        return n;
    }

    ObjectNode savepoint(CheckpointStats c, JobRecord r) {
        ObjectNode n = checkpoint(c);
        n.put("jobId", r.id());
        n.put("state", r.state().name());
        return n;
    }

    private ObjectNode latency(LatencyWindow.Percentiles p) {
        ObjectNode n = json.createObjectNode();
        n.put("samples", p.count());
        n.put("p50Ms", round(p.p50() / 1e6));
        n.put("p99Ms", round(p.p99() / 1e6));
        n.put("p999Ms", round(p.p999() / 1e6));
        n.put("maxMs", round(p.max() / 1e6));
        return n;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
