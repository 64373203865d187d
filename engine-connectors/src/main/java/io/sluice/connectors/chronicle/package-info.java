/**
 * The {@code chronicle:} connector (Chronicle Queue): a replayable, memory-mapped event log as a source
 * (from the start, an index or a time; bounded with {@code until=latest}; the position is an excerpt index and a
 * record in it) and as a sink (batches of records per excerpt, with write time and schema stamp; roll cycle and
 * retention). Entry point:
 * {@link io.sluice.connectors.chronicle.ChronicleConnectorFactory}; the excerpt format is
 * {@link io.sluice.connectors.chronicle.ExcerptLayout}.
 */
package io.sluice.connectors.chronicle;
