package io.sluice.connectors.schema;

import java.util.Locale;

/**
 * Which writer versions a reader of version {@code N} accepts, for records of the same event type name.
 * The rule says what the producers of the type promise when they change it, as in the usual schema
 * registries; a reader may narrow the range further with {@link ReaderSchema#since(int)}.
 *
 * <p>Let the reader's version be {@code N} and a record's (writer's) version be {@code M}:
 * <ul>
 *   <li>{@link #BACKWARD}: accepts {@code M <= N}. Every change was backward compatible: a newer schema can
 *       read data written with any older one (fields were only added with defaults, or removed). Upgrade the
 *       readers first, then the writers. The default.</li>
 *   <li>{@link #FORWARD}: accepts {@code M >= N}. Every change was forward compatible: data written with a
 *       newer schema can be read with an older one (fields were only added, or optional ones removed; readers
 *       ignore unknown fields). Upgrade the writers first.</li>
 *   <li>{@link #FULL}: accepts every {@code M}: each change was both backward and forward compatible.</li>
 *   <li>{@link #NONE}: accepts only {@code M == N}.</li>
 * </ul>
 * A record of another type name is never accepted. A record without a stamp (written by a producer that does
 * not stamp) is accepted by every rule: there is nothing to check.
 */
public enum Compatibility {
    BACKWARD,
    FORWARD,
    FULL,
    NONE;

    /** Whether a reader of version {@code readerVersion} can read a record of version {@code writerVersion}. */
    public boolean accepts(int readerVersion, int writerVersion) {
        return switch (this) {
            case BACKWARD -> writerVersion <= readerVersion;
            case FORWARD -> writerVersion >= readerVersion;
            case FULL -> true;
            case NONE -> writerVersion == readerVersion;
        };
    }

    /** The accepted versions of a reader of version {@code n}, for messages, e.g. {@code versions <= 2}. */
    String describe(int n) {
        return switch (this) {
            case BACKWARD -> "versions <= " + n;
            case FORWARD -> "versions >= " + n;
            case FULL -> "every version";
            case NONE -> "version " + n + " only";
        };
    }

    /** Parses a name in any case; anything else is an {@link IllegalArgumentException} naming the choices. */
    public static Compatibility parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a compatibility rule (use backward, forward, full or none)");
        }
    }
}
