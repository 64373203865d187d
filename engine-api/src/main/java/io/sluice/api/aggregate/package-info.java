/**
 * Incremental aggregations: the {@link io.sluice.api.aggregate.AggregateOp} contract (create, accumulate,
 * combine, export, and a codec for snapshots) and the standard, composable operations in
 * {@link io.sluice.api.aggregate.Aggregations}: counting, sums, averages, min/max, minBy/maxBy, every tied
 * extreme, top-N, exact and approximate ({@link io.sluice.api.aggregate.HyperLogLog}) distinct counts, and
 * {@code allOf}, {@code mapping} and {@code filtering} to build one aggregation from several.
 *
 * <p>Accumulators are mutable where that saves an allocation per item, and are written to snapshots with
 * explicit binary codecs whose layouts are documented next to them.
 */
package io.sluice.api.aggregate;
