/**
 * Redaction of sensitive fields (e-mail addresses, card numbers) in JSON events before they leave a job:
 * {@link io.sluice.connectors.mask.Masking}.
 */
package io.sluice.connectors.mask;
