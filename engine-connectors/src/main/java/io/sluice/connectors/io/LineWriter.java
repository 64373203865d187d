package io.sluice.connectors.io;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes records as lines: the codec's bytes, then {@code '\n'}. Shared by the file and console sinks.
 *
 * <p><b>Thread safety:</b> none; owned by one sink writer. The stream should buffer; this class adds none.
 *
 * @param <T> the record type
 */
public final class LineWriter<T> implements AutoCloseable {

    private final Codec<T> codec;
    private final OutputStream out;
    private long lines;

    public LineWriter(Codec<T> codec, OutputStream out) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.out = Objects.requireNonNull(out, "out");
    }

    public void write(T record) throws IOException {
        codec.encode(record, out);
        out.write('\n');
        lines++;
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
