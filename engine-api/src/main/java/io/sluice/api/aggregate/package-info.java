/**
 * Incremental aggregations: {@link io.sluice.api.aggregate.AggregateOp} and the standard ones in
 * {@link io.sluice.api.aggregate.Aggregations}.
 */
package io.sluice.api.aggregate;
