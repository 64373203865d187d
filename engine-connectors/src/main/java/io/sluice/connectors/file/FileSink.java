package io.sluice.connectors.file;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.nio.file.Path;

/**
 * A {@code file:} sink: one line per record into a single file, so one instance. Immutable.
 *
 * <p>Without checkpoints it writes in place ({@link FileSinkWriter}). With checkpoints it is exactly-once
 * ({@link TransactionalFileSinkWriter}): output is staged per checkpoint and appended to the target only when
 * the checkpoint completes, so the target never holds a duplicate or a hole after a crash.
 *
 * @param <T> the record type
 */
final class FileSink<T> implements Sink<T> {

    private final String name;
    private final Path path;
    private final Codec<T> codec;

    FileSink(String name, Path path, Codec<T> codec) {
        this.name = name;
        this.path = path;
        this.codec = codec;
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
            return new TransactionalFileSinkWriter<>(path, codec, context.restored());
        }
        return new FileSinkWriter<>(path, codec);
    }

    @Override
    public String toString() {
        return name;
    }
}
