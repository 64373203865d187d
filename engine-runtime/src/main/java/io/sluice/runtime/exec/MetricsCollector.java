package io.sluice.runtime.exec;

import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.Transform.Kind;
import io.sluice.runtime.op.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums the counters of every operator instance into {@link JobMetrics}. Reads plain fields written by the
 * worker threads: values may lag while the job runs, and are exact once it has ended (thread termination
 * orders the reads after the writes).
 */
final class MetricsCollector {

    private MetricsCollector() {
    }

    static JobMetrics collect(List<VertexRuntime> vertices, long expected, long elapsedNanos) {
        List<OperatorMetrics> ops = new ArrayList<>();
        List<VertexMetrics> vertexMetrics = new ArrayList<>();
        long sourceRecords = 0;
        long sinkRecords = 0;
        double fill = 0;
        int outboxes = 0;
        for (VertexRuntime v : vertices) {
            List<Transform> chain = v.plan().chain();
            long[] in = new long[chain.size()];
            long[] out = new long[chain.size()];
            long[] late = new long[chain.size()];
            long watermark = Long.MAX_VALUE;
            double vertexFill = 0;
            long alignmentPauses = 0;
            for (int i = 0; i < v.tasklets().size(); i++) {
                Tasklet tasklet = v.tasklets().get(i);
                Operator[] operators = v.operatorsByInstance().get(i);
                long upstream = tasklet instanceof SourceTasklet
                        ? ((SourceTasklet) tasklet).emittedCount()
                        : ((ProcessorTasklet) tasklet).receivedCount();
                for (int j = 0; j < chain.size(); j++) {
                    long emitted = operators[j] == null ? upstream : operators[j].emittedCount();
                    late[j] += operators[j] == null ? 0 : operators[j].lateCount();
                    in[j] += upstream;
                    out[j] += emitted;
                    upstream = emitted;
                }
                ChainRuntime runtime = tasklet instanceof SourceTasklet
                        ? ((SourceTasklet) tasklet).chain() : ((ProcessorTasklet) tasklet).chain();
                if (runtime.outbox() != null) {
                    double f = runtime.outbox().fillRatio();
                    fill += f;
                    vertexFill += f;
                    outboxes++;
                }
                if (tasklet instanceof SourceTasklet source) {
                    alignmentPauses += source.alignmentPauses();
                }
                watermark = Math.min(watermark, tasklet instanceof SourceTasklet
                        ? ((SourceTasklet) tasklet).watermark() : ((ProcessorTasklet) tasklet).watermark());
            }
            int instances = v.tasklets().size();
            vertexMetrics.add(new VertexMetrics(v.plan().id(), v.plan().parallelism(),
                    instances == 0 ? Long.MIN_VALUE : watermark, instances == 0 ? 0 : vertexFill / instances,
                    alignmentPauses));
            for (int j = 0; j < chain.size(); j++) {
                Transform t = chain.get(j);
                // A source counts its bad records over all its instances (thread-safe, read once per vertex).
                long errors = t.function() instanceof BadRecordCounter counter ? counter.badRecords() : 0;
                ops.add(new OperatorMetrics(v.plan().id(), t.name(), t.uid(), t.kind().label(),
                        v.plan().parallelism(), in[j], out[j], late[j], errors));
                if (t.kind() == Kind.SOURCE) {
                    sourceRecords += out[j];
                } else if (t.kind() == Kind.SINK) {
                    sinkRecords += out[j];
                }
            }
        }
        return new JobMetrics(List.copyOf(ops), sourceRecords, sinkRecords, expected, elapsedNanos,
                outboxes == 0 ? 0 : fill / outboxes, List.copyOf(vertexMetrics));
    }
}
