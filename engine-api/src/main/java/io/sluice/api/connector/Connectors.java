package io.sluice.api.connector;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Resolves connector URIs to sources and sinks through the {@link ConnectorFactory} services on the class path. */
public final class Connectors {

    private Connectors() {
    }

    /** The source a URI names; an unknown scheme or a bad URI is a {@link BadInputException}. */
    public static <T> Source<T> source(String uri, Codec<T> codec) {
        ConnectorUri parsed = ConnectorUri.parse(uri);
        return factory(parsed).createSource(parsed, codec);
    }

    /** The source a parsed URI names (e.g. one with parameters added by {@link ConnectorUri#withParam}). */
    public static <T> Source<T> source(ConnectorUri uri, Codec<T> codec) {
        return factory(uri).createSource(uri, codec);
    }

    /** The sink a URI names; an unknown scheme or a bad URI is a {@link BadInputException}. */
    public static <T> Sink<T> sink(String uri, Codec<T> codec) {
        ConnectorUri parsed = ConnectorUri.parse(uri);
        return factory(parsed).createSink(parsed, codec);
    }

    /** Every factory on the class path by scheme. */
    public static Map<String, ConnectorFactory> factories() {
        Map<String, ConnectorFactory> byScheme = new TreeMap<>();
        for (ConnectorFactory f : ServiceLoader.load(ConnectorFactory.class, Connectors.class.getClassLoader())) {
            byScheme.putIfAbsent(f.scheme(), f);
        }
        for (ConnectorFactory f : ServiceLoader.load(ConnectorFactory.class)) {
            byScheme.putIfAbsent(f.scheme(), f);
        }
        return byScheme;
    }

    private static ConnectorFactory factory(ConnectorUri uri) {
        Map<String, ConnectorFactory> all = factories();
        ConnectorFactory f = all.get(uri.scheme());
        if (f == null) {
            throw new BadInputException("unknown connector scheme '" + uri.scheme() + ":' in '" + uri.raw()
                    + "' (known: " + String.join(", ", all.keySet()) + ")");
        }
        return f;
    }
}
