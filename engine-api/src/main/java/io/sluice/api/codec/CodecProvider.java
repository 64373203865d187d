package io.sluice.api.codec;

/**
 * Service-provider interface for codec formats that need a library the API does not depend on (JSON is
 * provided by {@code engine-connectors} with Jackson). Implementations are found with
 * {@link java.util.ServiceLoader}; {@link Codecs#json(Class)} asks the provider whose {@link #format()} is
 * {@code "json"}.
 */
public interface CodecProvider {

    /** The format name, e.g. {@code "json"}. */
    String format();

    /** A codec for {@code type}, or an exception naming why the type cannot be handled. */
    <T> Codec<T> codec(Class<T> type);
}
