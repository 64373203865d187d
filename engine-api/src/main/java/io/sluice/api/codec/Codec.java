package io.sluice.api.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Turns values of one type into bytes and back. Codecs carry records in and out of connectors (one record
 * per file line or Kafka message, a batch of them per Chronicle excerpt) and keyed state into snapshots.
 * Sluice never uses Java serialization: every byte that leaves the JVM goes through a codec.
 *
 * <p><b>Thread safety:</b> implementations must be safe to call from several worker threads at once
 * (they are usually stateless).
 *
 * @param <T> the value type
 */
public interface Codec<T> {

    /** The class of values this codec reads and writes. */
    Class<T> type();

    /** Writes the encoded form of {@code value} to {@code out}, with no framing around it. */
    void encode(T value, OutputStream out) throws IOException;

    /** Reads a value from exactly {@code length} bytes of {@code bytes} starting at {@code offset}. */
    T decode(byte[] bytes, int offset, int length) throws IOException;

    /** Encodes into a new array. Convenient, but allocates: connectors on a hot path use the stream form. */
    default byte[] encode(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try {
            encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes a whole array. */
    default T decode(byte[] bytes) throws IOException {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * A copy of {@code value} that can be changed in place without changing what {@code encode(value)} writes.
     * Keyed state uses it for copy-on-write: a checkpoint freezes the state and keeps writing it on another
     * thread while the worker goes on, so a value the worker is about to change in place is copied first.
     * The default encodes and decodes; codecs of immutable types return {@code value} itself, and codecs of
     * small mutable types override it with a direct copy (it runs on the worker thread).
     *
     * @throws UncheckedIOException when the value does not survive its own encoding
     */
    default T copy(T value) {
        try {
            return decode(encode(value));
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy a value of " + type().getName() + " through its codec", e);
        }
    }
}
