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
 * A {@code chronicle:} sink: appends one excerpt per record ({@link ExcerptLayout}: write time, schema stamp, the
 * codec's bytes) to one queue, from one instance, so the queue's order is the order the sink saw. Optional
 * retention deletes old cycles ({@link Retention}). Immutable.
 *
 * <p><b>Guarantee today: at-least-once</b> across a clean run; appended excerpts are in the memory-mapped
 * file at once and survive a crash of the JVM (not of the machine unless the OS flushed them).
 *
 * <p><b>Exactly-once (designed, built with checkpoints).</b> Chronicle has no transactions, so the sink will
 * make its appends idempotent instead: with checkpointing on, each excerpt also carries the checkpoint epoch
 * it was written in and its sequence number within the epoch (a header version 2 adding two int64 fields), and
 * {@code preCommit(n)} returns {@code (epoch n, count)} as the committable. On restore from checkpoint {@code n},
 * the writer scans the queue's tail back to the first excerpt of epoch {@code n+1} or later and remembers how
 * many excerpts of the epochs after {@code n} are already there; the replayed records of those epochs are
 * counted and skipped instead of appended until the count is reached, since a deterministic replay from the
 * checkpointed source positions produces the same records in the same order. Readers that must never see
 * records of an epoch that was not checkpointed read up to the last committed epoch marker (a metadata excerpt
 * written at {@code commit}).
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
    private final TimeProvider time;

    ChronicleSink(String name, Path dir, RollCycle roll, Duration retention, Codec<T> codec, SchemaId stamp,
                  TimeProvider time) {
        this.name = name;
        this.dir = dir;
        this.roll = roll;
        this.retention = retention;
        this.codec = codec;
        this.stamp = stamp;
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
    public SinkWriter<T> createWriter(SinkContext context) {
        return new ChronicleSinkWriter<>(dir, roll, retention, codec, stamp, time);
    }

    @Override
    public String toString() {
        return name;
    }
}
