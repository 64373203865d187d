package io.sluice.api.connector;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;

/**
 * Creates sources and sinks for one URI scheme. Implementations are found with
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services/io.sluice.api.connector.ConnectorFactory})
 * and must have a public no-argument constructor.
 *
 * <p>Factories validate the URI eagerly (unknown parameters, missing files) and report problems as
 * {@link BadInputException} with a one-line message naming the URI.
 */
public interface ConnectorFactory {

    /** The scheme handled, lower case, without the colon, e.g. {@code file}. */
    String scheme();

    /**
     * A source of records decoded with {@code codec} (sources whose records are objects already, such as
     * generators, return them directly when {@code codec.type()} accepts them).
     */
    default <T> Source<T> createSource(ConnectorUri uri, Codec<T> codec) {
        throw new BadInputException("'" + scheme() + ":' cannot be used as a source (" + uri + ")");
    }

    /** A sink writing records encoded with {@code codec}. */
    default <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        throw new BadInputException("'" + scheme() + ":' cannot be used as a sink (" + uri + ")");
    }
}
