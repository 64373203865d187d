/**
 * Records a source cannot read: the per-source {@link io.sluice.connectors.dlq.ErrorPolicy}
 * ({@code onError=fail|skip|dlq}), the shared {@link io.sluice.connectors.dlq.DeadLetterQueue} and the JSON form
 * of a dead letter ({@link io.sluice.connectors.dlq.DeadLetter}).
 */
package io.sluice.connectors.dlq;
