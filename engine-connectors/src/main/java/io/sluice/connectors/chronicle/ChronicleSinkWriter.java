package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.schema.SchemaId;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Appends records to a queue, a batch of up to {@code batch} records per excerpt ({@link ExcerptBatch}; see
 * {@link ChronicleSink}). An excerpt is appended when it is full and at every {@link #flush()} (the end of each
 * batch of the worker) and {@link #close()}, so a record waits at most for the rest of the worker's batch. Its
 * write time is when its first record came. The queue and appender are opened on the first write, on the worker
 * thread that owns the writer (Chronicle appenders are confined to one thread). Retention runs from
 * {@link #flush()} when due.
 *
 * <p>Called from one worker thread (see {@link SinkWriter}); not thread-safe.
 *
 * @param <T> the record type
 */
final class ChronicleSinkWriter<T> implements SinkWriter<T> {

    private final Path dir;
    private final RollCycle roll;
    private final Duration retention;
    private final Codec<T> codec;
    private final ExcerptBatch excerpt;
    private final TimeProvider time;
    /** The write time of the excerpt being assembled. */
    private long writeTime;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private Retention retentionPolicy;

    ChronicleSinkWriter(Path dir, RollCycle roll, Duration retention, Codec<T> codec, SchemaId stamp, int batch,
                        TimeProvider time) {
        this.dir = dir;
        this.roll = roll;
        this.retention = retention;
        this.codec = codec;
        this.excerpt = new ExcerptBatch(batch, false, 0, stamp == null ? null : stamp.toBytes());
        this.time = time;
    }

    private void openQueue() {
        queue = ChronicleQueues.open(dir, roll, time);
        appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true); // confined to the worker thread by the SinkWriter contract
        if (retention != null) {
            retentionPolicy = new Retention(queue, retention);
            retentionPolicy.maybeApply();
        }
    }

    @Override
    public void write(T record) throws Exception {
        if (appender == null) {
            openQueue();
        }
        if (excerpt.isEmpty()) {
            writeTime = time.currentTimeMillis();
        }
        excerpt.add(codec, record);
        if (excerpt.isFull()) {
            excerpt.appendTo(appender, writeTime);
        }
    }

    /** Appends the excerpt being assembled, so readers see every record written so far; applies retention when due. */
    @Override
    public void flush() {
        if (!excerpt.isEmpty()) {
            excerpt.appendTo(appender, writeTime);
        }
        if (retentionPolicy != null) {
            retentionPolicy.maybeApply();
        }
    }

    /** Cycle files deleted by retention so far (tests). */
    long deletedCycles() {
        return retentionPolicy == null ? 0 : retentionPolicy.deleted();
    }

    @Override
    public void close() {
        try {
            if (!excerpt.isEmpty()) {
                excerpt.appendTo(appender, writeTime); // records written are records kept, also after a failure
            }
        } finally {
            closeQueue();
        }
    }

    private void closeQueue() {
        try {
            if (appender != null) {
                appender.close();
            }
        } finally {
            if (queue != null) {
                queue.close();
            }
        }
    }
}
