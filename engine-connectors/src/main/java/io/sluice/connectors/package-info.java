/**
 * Connectors resolved by URI scheme through {@link io.sluice.api.connector.ConnectorFactory} services:
 * {@code gen:} ({@link io.sluice.connectors.gen}), {@code file:} ({@link io.sluice.connectors.file}),
 * {@code console:} ({@link io.sluice.connectors.console}), {@code null:} ({@link io.sluice.connectors.discard}),
 * {@code kafka:} ({@link io.sluice.connectors.kafka}) and {@code chronicle:} ({@link io.sluice.connectors.chronicle});
 * versioned schemas ({@link io.sluice.connectors.schema}), bad records and dead letters ({@link io.sluice.connectors.dlq}),
 * field masking ({@link io.sluice.connectors.mask});
 * the JSON codec provider ({@link io.sluice.connectors.json}); and the event models the jobs use
 * ({@link io.sluice.connectors.nexmark}, {@link io.sluice.connectors.clickstream}).
 */
package io.sluice.connectors;
