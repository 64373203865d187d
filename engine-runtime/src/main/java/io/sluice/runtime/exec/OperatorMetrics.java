package io.sluice.runtime.exec;

/**
 * Counters of one operator, summed over its parallel instances.
 *
 * @param vertex      the vertex (fused chain) it runs in
 * @param name        display name
 * @param uid         stable id
 * @param kind        what it does ({@code map}, {@code source}, ...)
 * @param parallelism number of instances
 * @param recordsIn   records received
 * @param recordsOut  records emitted (for a sink: written)
 */
public record OperatorMetrics(int vertex, String name, String uid, String kind, int parallelism, long recordsIn, long recordsOut) {
}
