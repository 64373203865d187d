package io.sluice.api.aggregate;

/**
 * The result of {@link Aggregations#allOf(AggregateOp, AggregateOp, AggregateOp)}: the results of three
 * aggregations of the same items. A component is {@code null} where its aggregation exports {@code null} for
 * no items.
 *
 * @param first  the first aggregation's result
 * @param second the second aggregation's result
 * @param third  the third aggregation's result
 */
public record AllOf3<R1, R2, R3>(R1 first, R2 second, R3 third) {
}
