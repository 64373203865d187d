/** The {@code null:} sink: discards records and counts them. (Named {@code discard} as {@code null} is a keyword.) */
package io.sluice.connectors.discard;
