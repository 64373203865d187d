package io.sluice.connectors.schema;

import io.sluice.api.codec.Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A codec that knows the event type it encodes: sinks stamp its {@link #schema()} on every record, sources
 * check every record's stamp against its {@link #reader()} rule (at start for the first and latest record of
 * each partition or queue, then per record). Create one with {@link Schemas}. Immutable and thread-safe
 * when the wrapped codec is.
 *
 * @param <T> the value type
 */
public final class VersionedCodec<T> implements Codec<T> {

    private final Codec<T> codec;
    private final ReaderSchema reader;

    VersionedCodec(Codec<T> codec, ReaderSchema reader) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The type name and version this codec writes and reads. */
    public SchemaId schema() {
        return reader.id();
    }

    /** Which stamped versions this codec can read. */
    public ReaderSchema reader() {
        return reader;
    }

    /** The same codec with another compatibility rule. */
    public VersionedCodec<T> withCompatibility(Compatibility compatibility) {
        return new VersionedCodec<>(codec, new ReaderSchema(reader.id(), compatibility, reader.since()));
    }

    /** The same codec, accepting no version below {@code version}. */
    public VersionedCodec<T> since(int version) {
        return new VersionedCodec<>(codec, reader.since(version));
    }

    /** The codec that does the work. */
    public Codec<T> unwrap() {
        return codec;
    }

    @Override
    public Class<T> type() {
        return codec.type();
    }

    @Override
    public void encode(T value, OutputStream out) throws IOException {
        codec.encode(value, out);
    }

    @Override
    public T decode(byte[] bytes, int offset, int length) throws IOException {
        return codec.decode(bytes, offset, length);
    }

    @Override
    public String toString() {
        return codec + " as " + reader;
    }
}
