/**
 * The {@code file:} connector: JSON lines files as bounded sources (one split per file, positions in
 * checkpoints) and as sinks. Entry point: {@link io.sluice.connectors.file.FileConnectorFactory}.
 */
package io.sluice.connectors.file;
