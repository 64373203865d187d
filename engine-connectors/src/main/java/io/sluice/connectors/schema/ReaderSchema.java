package io.sluice.connectors.schema;

import java.util.Objects;

/**
 * What a reader can decode: an event type name, the reader's own version {@code N}, a {@link Compatibility}
 * rule and an optional lowest accepted version (for a type whose history had a breaking change). A record
 * stamped {@code name:M} is accepted when the names are equal, {@code M >= since} and the rule accepts
 * {@code (N, M)}. Immutable.
 *
 * @param id            the reader's type name and version {@code N}
 * @param compatibility which writer versions the rule accepts
 * @param since         the lowest accepted writer version (1 for no extra limit)
 */
public record ReaderSchema(SchemaId id, Compatibility compatibility, int since) {

    public ReaderSchema {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(compatibility, "compatibility");
        if (since < 1) {
            throw new IllegalArgumentException("since must be at least 1, got " + since);
        }
    }

    public static ReaderSchema of(SchemaId id, Compatibility compatibility) {
        return new ReaderSchema(id, compatibility, 1);
    }

    /** The same rule, accepting no writer version below {@code version}. */
    public ReaderSchema since(int version) {
        return new ReaderSchema(id, compatibility, version);
    }

    /** Whether a record with stamp {@code writer} is readable; {@code null} (no stamp) always is. */
    public boolean accepts(SchemaId writer) {
        return writer == null || writer.name().equals(id.name()) && writer.version() >= since
                && compatibility.accepts(id.version(), writer.version());
    }

    /** Why {@code writer} is refused, one line, e.g. {@code click:3 is not readable by click:2 (BACKWARD: versions <= 2)}. */
    public String refusal(SchemaId writer) {
        return writer + " is not readable by " + this;
    }

    @Override
    public String toString() {
        String range = compatibility.describe(id.version()) + (since > 1 ? ", >= " + since : "");
        return id + " (" + compatibility + ": " + id.name() + " " + range + ")";
    }
}
