package io.sluice.connectors.json;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.CodecProvider;
import io.sluice.api.codec.Codecs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code json} {@link CodecProvider} behind {@link Codecs#json(Class)}: Jackson with one shared, configured
 * mapper. Records and POJOs map by property name; the event models of this module carry the annotations
 * that fix their field order and type ids.
 *
 * <p><b>Thread safety:</b> safe to use from any thread. Codecs are created once per type and cached for the
 * life of the class loader, so asking for one is a map lookup.
 */
public final class JsonCodecProvider implements CodecProvider {

    private static final Map<Class<?>, JsonCodec<?>> CODECS = new ConcurrentHashMap<>();

    /** Public for {@link java.util.ServiceLoader}; all instances share one cache. */
    public JsonCodecProvider() {
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public <T> Codec<T> codec(Class<T> type) {
        return codecFor(type);
    }

    /** The cached JSON codec of {@code type}, without going through {@link java.util.ServiceLoader}. */
    @SuppressWarnings("unchecked")
    public static <T> JsonCodec<T> codecFor(Class<T> type) {
        return (JsonCodec<T>) CODECS.computeIfAbsent(type, t -> new JsonCodec<>(JsonMapperHolder.MAPPER, t));
    }
}
