package io.sluice.connectors.schema;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorUri;

/**
 * The schema a connector uses, from its codec (a {@link VersionedCodec}) or from its URI:
 * {@code ?schema=name:version} (and for sources {@code &compat=backward|forward|full|none}, default backward).
 * A URI that names a schema different from the codec's is refused, since the codec is what can actually read.
 */
public final class SchemaOptions {

    /** URI parameter names. */
    public static final String SCHEMA = "schema";
    public static final String COMPAT = "compat";

    private SchemaOptions() {
    }

    /** What a source accepts, or {@code null} when neither the codec nor the URI declares a schema. */
    public static ReaderSchema reader(ConnectorUri uri, Codec<?> codec) {
        ReaderSchema fromUri = null;
        if (uri.param(SCHEMA) != null) {
            Compatibility compat;
            try {
                compat = Compatibility.parse(uri.param(COMPAT, "backward"));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("connector URI '" + uri + "': '" + COMPAT + "': " + e.getMessage());
            }
            fromUri = ReaderSchema.of(SchemaId.parseParam(uri.raw(), SCHEMA, uri.param(SCHEMA)), compat);
        } else if (uri.param(COMPAT) != null) {
            if (!(codec instanceof VersionedCodec<?> v)) {
                throw new BadInputException("connector URI '" + uri + "': '" + COMPAT + "' needs '" + SCHEMA + "=name:version'");
            }
            try {
                return new ReaderSchema(v.schema(), Compatibility.parse(uri.param(COMPAT)), v.reader().since());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("connector URI '" + uri + "': '" + COMPAT + "': " + e.getMessage());
            }
        }
        if (codec instanceof VersionedCodec<?> v) {
            if (fromUri != null && !fromUri.id().equals(v.schema())) {
                throw new BadInputException("connector URI '" + uri + "': schema " + fromUri.id()
                        + " differs from the job's " + v.schema());
            }
            return fromUri != null ? fromUri : v.reader();
        }
        return fromUri;
    }

    /** What a sink stamps, or {@code null} when neither the codec nor the URI declares a schema. */
    public static SchemaId writer(ConnectorUri uri, Codec<?> codec) {
        SchemaId fromUri = uri.param(SCHEMA) == null ? null : SchemaId.parseParam(uri.raw(), SCHEMA, uri.param(SCHEMA));
        if (codec instanceof VersionedCodec<?> v) {
            if (fromUri != null && !fromUri.equals(v.schema())) {
                throw new BadInputException("connector URI '" + uri + "': schema " + fromUri
                        + " differs from the job's " + v.schema());
            }
            return v.schema();
        }
        return fromUri;
    }
}
