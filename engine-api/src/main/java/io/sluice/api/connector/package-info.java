/**
 * The connector SPI: {@link io.sluice.api.connector.Source} and {@link io.sluice.api.connector.Sink}
 * descriptions, the readers and writers that run on worker threads, and URI resolution through
 * {@link io.sluice.api.connector.ConnectorFactory} services.
 *
 * <p>The SPI is built for what serious connectors need: partitioned input (splits), positions for
 * checkpoints (splits carry them), pausing under backpressure, watermarks from the source, and two-phase
 * commit sinks.
 */
package io.sluice.api.connector;
