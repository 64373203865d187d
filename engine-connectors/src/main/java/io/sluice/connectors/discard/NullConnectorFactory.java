package io.sluice.connectors.discard;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Sink;
import java.util.Objects;

/**
 * The {@code null:} scheme: a sink that discards records and counts them ({@link NullSink}), for benchmarks
 * and tests. It takes no path and no parameters. Stateless; thread-safe.
 */
public final class NullConnectorFactory implements ConnectorFactory {

    /** Public for {@link java.util.ServiceLoader}. */
    public NullConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "null";
    }

    @Override
    public <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly();
        if (!uri.body().isEmpty()) {
            throw new BadInputException("connector URI '" + uri + "': null: takes no path (write null:)");
        }
        return new NullSink<>();
    }
}
