package io.sluice.connectors.file;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import java.nio.file.Path;

/**
 * A {@code file:} sink: one line per record into a single file, so one instance. Immutable.
 *
 * <p>Today it writes in place ({@link FileSinkWriter}). The exactly-once version will be a
 * {@link io.sluice.api.connector.TwoPhaseCommitSinkWriter} chosen here when
 * {@link SinkContext#checkpointingEnabled()}: it writes the same lines (through the same
 * {@link io.sluice.connectors.io.LineWriter}) into a staged part file per checkpoint, whose name is the
 * committable, and commits by appending the part to the target and deleting it.
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
        return new FileSinkWriter<>(path, codec);
    }

    @Override
    public String toString() {
        return name;
    }
}
