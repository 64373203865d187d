package io.sluice.connectors.gen;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.connectors.io.ByteArrayBuilder;
import io.sluice.connectors.json.JsonCodec;
import io.sluice.connectors.json.JsonCodecProvider;
import java.io.IOException;

/**
 * Turns a generated event into the record type the job asked for: the event itself when the codec's type
 * accepts it, otherwise the event's JSON decoded with the job's codec (so {@code Codecs.strings()} gets JSON
 * lines and a user POJO gets its fields by name). Not thread-safe: one per reader.
 *
 * @param <E> the generated event type
 * @param <T> the record type
 */
abstract class RecordConverter<E, T> {

    abstract T convert(E event);

    static <E, T> RecordConverter<E, T> create(Class<E> eventType, Codec<T> codec, String sourceName) {
        if (codec.type().isAssignableFrom(eventType)) {
            return new Direct<>();
        }
        return new ViaJson<>(JsonCodecProvider.codecFor(eventType), codec, sourceName);
    }

    private static final class Direct<E, T> extends RecordConverter<E, T> {
        @Override
        @SuppressWarnings("unchecked")
        T convert(E event) {
            return (T) event; // checked by isAssignableFrom in create()
        }
    }

    private static final class ViaJson<E, T> extends RecordConverter<E, T> {
        private final JsonCodec<E> json;
        private final Codec<T> target;
        private final String sourceName;
        private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);

        ViaJson(JsonCodec<E> json, Codec<T> target, String sourceName) {
            this.json = json;
            this.target = target;
            this.sourceName = sourceName;
        }

        @Override
        T convert(E event) {
            buffer.reset();
            try {
                json.encode(event, buffer);
                return target.decode(buffer.array(), 0, buffer.size());
            } catch (IOException e) {
                throw new BadInputException(sourceName + ": cannot read a generated " + event.getClass().getSimpleName()
                        + " as " + target.type().getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }
}
