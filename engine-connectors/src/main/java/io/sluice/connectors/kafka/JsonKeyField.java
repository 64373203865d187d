package io.sluice.connectors.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes a record's Kafka key from a top-level field of its encoded JSON ({@code kafka:} sink option
 * {@code key=<field>}): a string field's text, a number's or boolean's JSON text, an object's or array's raw JSON,
 * each as UTF-8. A record without the field, or with {@code null} there, or that is not a JSON object, gets no key.
 * Streams over the bytes (no tree is built) and stops at the field.
 *
 * <p>Thread-safe (Jackson's factory is).
 */
final class JsonKeyField {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final String field;

    JsonKeyField(String field) {
        this.field = field;
    }

    /** The key of the JSON in {@code bytes[0, length)}, or {@code null}. */
    byte[] key(byte[] bytes, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean match = field.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!match) {
                    p.skipChildren();
                    continue;
                }
                switch (value) {
                    case VALUE_NULL:
                        return null;
                    case START_OBJECT:
                    case START_ARRAY: {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        return Arrays.copyOfRange(bytes, start, end);
                    }
                    default:
                        return p.getText().getBytes(StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    @Override
    public String toString() {
        return field;
    }
}
