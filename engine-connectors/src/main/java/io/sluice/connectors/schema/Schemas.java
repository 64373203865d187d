package io.sluice.connectors.schema;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;

/**
 * Versioned codecs: JSON (Jackson) for records and POJOs, UTF-8 strings and raw bytes, each tagged with an
 * event type name and version.
 *
 * <pre>{@code
 * VersionedCodec<Click> clicks = Schemas.json(Click.class, "click", 2);               // BACKWARD: reads click:1..2
 * p.source(params.source("source", clicks)) ...                                     // refuses click:3 at start
 * ... .sink(params.sink("sink", Schemas.json(Alert.class, "alert", 1)));            // stamps alert:1
 * }</pre>
 */
public final class Schemas {

    private Schemas() {
    }

    /** JSON for {@code type}, as event type {@code name:version}, with the {@link Compatibility#BACKWARD} rule. */
    public static <T> VersionedCodec<T> json(Class<T> type, String name, int version) {
        return versioned(Codecs.json(type), name, version);
    }

    /** UTF-8 text as event type {@code name:version} ({@link Compatibility#BACKWARD}). */
    public static VersionedCodec<String> string(String name, int version) {
        return versioned(Codecs.strings(), name, version);
    }

    /** Raw bytes as event type {@code name:version} ({@link Compatibility#BACKWARD}). */
    public static VersionedCodec<byte[]> bytes(String name, int version) {
        return versioned(Codecs.bytes(), name, version);
    }

    /** Any codec as event type {@code name:version} ({@link Compatibility#BACKWARD}). */
    public static <T> VersionedCodec<T> versioned(Codec<T> codec, String name, int version) {
        return new VersionedCodec<>(codec, ReaderSchema.of(SchemaId.of(name, version), Compatibility.BACKWARD));
    }
}
