package io.sluice.connectors.schema;

import io.sluice.api.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The name and version of an event type, written {@code name:version} (e.g. {@code click:2}). Writers stamp it
 * on every record they write (the Kafka header {@value #KAFKA_HEADER}, the Chronicle excerpt header), readers
 * check it against their {@link ReaderSchema}. Immutable.
 *
 * @param name    the event type, non-empty, without {@code ':'}
 * @param version its version, at least 1
 */
public record SchemaId(String name, int version) {

    /** The Kafka record header that carries the stamp, UTF-8 {@code name:version}. */
    public static final String KAFKA_HEADER = "sluice.schema";

    public SchemaId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("schema name must be non-empty and free of ':', got '" + name + "'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("schema version must be at least 1, got " + version);
        }
    }

    public static SchemaId of(String name, int version) {
        return new SchemaId(name, version);
    }

    /** Parses {@code name:version}; anything else is an {@link IllegalArgumentException} with a one-line reason. */
    public static SchemaId parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a schema (write name:version, e.g. click:2)");
        }
        int version;
        try {
            version = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no integer version (write name:version, e.g. click:2)");
        }
        return new SchemaId(text.substring(0, colon), version);
    }

    /** Parses a URI parameter value, reporting a bad one as a {@link BadInputException} naming the URI. */
    public static SchemaId parseParam(String uri, String param, String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("connector URI '" + uri + "': '" + param + "': " + e.getMessage());
        }
    }

    /** Decodes a stamp written by {@link #toBytes()}; {@code null} when the bytes are not a valid stamp. */
    public static SchemaId fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The stamp as UTF-8 {@code name:version}. */
    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
