package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.schema.SchemaId;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;

/**
 * A {@code chronicle:} sink: appends records to one queue, from one instance, so the queue's order is the order the
 * sink saw, in batches of up to {@code batch} records per excerpt ({@link ExcerptLayout}: write time, schema
 * stamp, then each record's length and the codec's bytes; {@code batch=1}: one record per excerpt, without
 * lengths). Optional retention deletes old cycles ({@link Retention}). Immutable.
 *
 * <p><b>Without checkpointing</b> the writer ({@link ChronicleSinkWriter}) appends a batch when it is full and at
 * the end of each batch of the worker: excerpts are in the memory-mapped file at once and survive a crash of the
 * JVM (a batch not yet appended is lost with the process, as a record in flight is); a job that is simply rerun
 * writes its output again (at-least-once).
 *
 * <p><b>With checkpointing the sink is exactly-once</b> ({@link TransactionalChronicleSinkWriter}). Chronicle
 * cannot truncate a queue or take an append back, so nothing may reach the queue before the checkpoint that
 * covers it is durable. The writer stages the records of each checkpoint epoch in a file next to the queue
 * ({@code <queue>.staging/<job>-<sink uid>-<instance>/}), and when checkpoint {@code n} completes it appends epoch
 * {@code n}'s records to the queue, in batches. Those excerpts carry the writer's tag, and a small commit log
 * records the queue index before each commit and the commit in progress, so a commit cut short by a crash is
 * completed on restore (the records already appended are counted and skipped), never duplicated; a commit the log
 * records
 * as done is not repeated. The queue therefore only ever holds the records of complete checkpoints, once each,
 * in order, and <em>every</em> reader sees exactly-once output: our source, the {@code copy} job, or a plain
 * Chronicle tailer of another program that knows the {@link ExcerptLayout}, with no marker to understand.
 *
 * <p>Why stage rather than append at once and mark epochs as committed or aborted afterwards (Kafka's
 * transaction markers): with markers, uncommitted and aborted records sit in the queue forever, so every reader
 * must filter them (holding back an open epoch until its marker, with a second tailer looking ahead) and a
 * plain tailer sees duplicates after each crash; and a reader that filters sees a record no earlier than a
 * staging one, since it must wait for the same checkpoint. Staging costs a second write of each record (a
 * sequential file write, then the append at commit, on the sink's worker thread) and output appears one
 * checkpoint interval later for every reader; {@code docs/performance.md} has the figures.
 *
 * <p>Durability is Chronicle's: the staged files, the commit log and the queue are not fsynced, so this holds
 * through any crash of the process (SIGKILL, OOM); after a crash of the machine, what the OS had not written back
 * is lost, as for any Chronicle queue.
 *
 * @param <T> the record type
 */
final class ChronicleSink<T> implements Sink<T> {

    private final String name;
    private final Path dir;
    private final RollCycle roll;
    private final Duration retention;
    private final Codec<T> codec;
    private final SchemaId stamp;
    private final int batch;
    private final TimeProvider time;

    /** @param batch the most records per excerpt (1: one per excerpt) */
    ChronicleSink(String name, Path dir, RollCycle roll, Duration retention, Codec<T> codec, SchemaId stamp, int batch,
                  TimeProvider time) {
        this.name = name;
        this.dir = dir;
        this.roll = roll;
        this.retention = retention;
        this.codec = codec;
        this.stamp = stamp;
        this.batch = batch;
        this.time = time;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) throws java.io.IOException {
        if (context.checkpointingEnabled()) {
            return new TransactionalChronicleSinkWriter<>(dir, roll, retention, codec, stamp == null ? null : stamp.toBytes(),
                    batch, time, context.jobName() + "-" + context.uid() + "-" + context.instanceIndex(), context.restored());
        }
        return new ChronicleSinkWriter<>(dir, roll, retention, codec, stamp, batch, time);
    }

    @Override
    public String toString() {
        return name;
    }
}
