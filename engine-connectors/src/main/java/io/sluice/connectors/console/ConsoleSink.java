package io.sluice.connectors.console;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.SinkContext;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.io.LineWriter;
import io.sluice.connectors.io.UnsyncBufferedOutputStream;
import java.io.IOException;

/**
 * Prints records on standard output, one line each, through a 64 KiB buffer that is pushed out when the
 * runtime flushes the writer (after each batch), so output keeps up without a system call per record. One
 * instance, so lines never interleave. Immutable.
 *
 * @param <T> the record type
 */
final class ConsoleSink<T> implements Sink<T> {

    static final int BUFFER_SIZE = 64 * 1024;

    private final Codec<T> codec;

    ConsoleSink(Codec<T> codec) {
        this.codec = codec;
    }

    @Override
    public String name() {
        return "console:";
    }

    @Override
    public int maxParallelism() {
        return 1;
    }

    /** Writes to {@link System#out} as it is when the writer is created; closing the writer leaves it open. */
    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        LineWriter<T> lines = new LineWriter<>(codec, new UnsyncBufferedOutputStream(System.out, BUFFER_SIZE, false));
        return new SinkWriter<>() {
            @Override
            public void write(T record) throws IOException {
                lines.write(record);
            }

            @Override
            public void flush() throws IOException {
                lines.flush();
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
