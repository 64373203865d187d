package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.io.ByteArrayBuilder;
import io.sluice.connectors.schema.SchemaId;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appends records to a queue, one excerpt each (see {@link ChronicleSink}). The queue and appender are opened on
 * the first write, on the worker thread that owns the writer (Chronicle appenders are confined to one thread).
 * Retention runs from {@link #flush()}, i.e. at the end of each batch, when due.
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
    /** The header every excerpt starts with; the write time is set per record. */
    private final byte[] header;
    private final TimeProvider time;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(256);
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private Retention retentionPolicy;

    ChronicleSinkWriter(Path dir, RollCycle roll, Duration retention, Codec<T> codec, SchemaId stamp, TimeProvider time) {
        this.dir = dir;
        this.roll = roll;
        this.retention = retention;
        this.codec = codec;
        this.header = ExcerptLayout.header(false, 0, stamp == null ? null : stamp.toBytes());
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
        buffer.reset();
        buffer.write(header, 0, header.length);
        ExcerptLayout.setWriteTime(buffer.array(), time.currentTimeMillis());
        codec.encode(record, buffer);
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(buffer.array(), 0, buffer.size()); // header and record in one write
        }
    }

    /** Excerpts are visible to readers as soon as they are appended; this only applies retention when due. */
    @Override
    public void flush() {
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
