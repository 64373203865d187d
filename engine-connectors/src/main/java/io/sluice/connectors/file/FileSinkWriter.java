package io.sluice.connectors.file;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SinkWriter;
import io.sluice.connectors.io.LineWriter;
import io.sluice.connectors.io.UnsyncBufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes records as lines into a file, truncating it when opened and creating missing parent directories.
 * Output is buffered (64 KiB) and pushed to the file on {@link #flush()} and {@link #close()}.
 *
 * <p>Called from one worker thread (see {@link SinkWriter}); not thread-safe.
 *
 * @param <T> the record type
 */
final class FileSinkWriter<T> implements SinkWriter<T> {

    static final int BUFFER_SIZE = 64 * 1024;

    private final LineWriter<T> lines;

    FileSinkWriter(Path path, Codec<T> codec) throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.lines = new LineWriter<>(codec, new UnsyncBufferedOutputStream(Files.newOutputStream(path,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                BUFFER_SIZE, true));
    }

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
}
