/**
 * The {@code gen:} connector: deterministic, rate-limited generators of NEXMark and clickstream events.
 * Entry point: {@link io.sluice.connectors.gen.GeneratorConnectorFactory}.
 */
package io.sluice.connectors.gen;
