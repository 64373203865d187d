package io.sluice.connectors.console;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorFactory;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Sink;
import java.util.Objects;

/**
 * The {@code console:} scheme: a sink printing one line per record (the codec's form, JSON by default) on
 * standard output. It takes no path and no parameters. Stateless; thread-safe.
 */
public final class ConsoleConnectorFactory implements ConnectorFactory {

    /** Public for {@link java.util.ServiceLoader}. */
    public ConsoleConnectorFactory() {
    }

    @Override
    public String scheme() {
        return "console";
    }

    @Override
    public <T> Sink<T> createSink(ConnectorUri uri, Codec<T> codec) {
        Objects.requireNonNull(codec, "codec");
        uri.requireOnly();
        if (!uri.body().isEmpty()) {
            throw new BadInputException("connector URI '" + uri + "': console: takes no path (write console:)");
        }
        return new ConsoleSink<>(codec);
    }
}
