/**
 * Versioned event schemas: every event type has a name and a version ({@link io.sluice.connectors.schema.SchemaId});
 * sinks stamp it on each record, sources check it against the reader's rule
 * ({@link io.sluice.connectors.schema.ReaderSchema}, {@link io.sluice.connectors.schema.Compatibility}).
 *
 * <p><b>When the check runs.</b> When a Kafka or Chronicle source starts ({@code Source.createSplits}), it reads the
 * stamp of the first record it would read and of the latest record of every partition (queue); an unreadable one
 * stops the job with a {@link io.sluice.api.BadInputException} before anything is processed. While running, a
 * record with an unreadable stamp, or one the codec cannot decode, follows the source's
 * {@link io.sluice.connectors.dlq.ErrorPolicy}.
 */
package io.sluice.connectors.schema;
