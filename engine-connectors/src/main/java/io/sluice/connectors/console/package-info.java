/** The {@code console:} sink: one line per record on standard output. */
package io.sluice.connectors.console;
