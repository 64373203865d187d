package io.sluice.api.aggregate;

/**
 * The result of {@link Aggregations#allOf(AggregateOp, AggregateOp)}: the results of two aggregations of the
 * same items. A component is {@code null} where its aggregation exports {@code null} for no items (e.g. a
 * {@code minBy} behind a {@code filtering} that let nothing through).
 *
 * @param first  the first aggregation's result
 * @param second the second aggregation's result
 */
public record AllOf2<R1, R2>(R1 first, R2 second) {
}
