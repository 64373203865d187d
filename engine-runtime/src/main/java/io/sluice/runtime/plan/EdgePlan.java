package io.sluice.runtime.plan;

import io.sluice.api.function.KeyFn;

/**
 * A physical edge: records of {@code from} go to {@code to} by {@code kind}.
 *
 * @param from  producing vertex
 * @param to    consuming vertex
 * @param kind  routing rule
 * @param keyFn the key of a {@link EdgeKind#PARTITIONED} edge, else {@code null}
 * @param input which input of the consuming vertex's first transform this edge feeds (0 but for joins and unions)
 */
public record EdgePlan(VertexPlan from, VertexPlan to, EdgeKind kind, KeyFn<Object, Object> keyFn, int input) {

    @Override
    public String toString() {
        return "v" + from.id() + " -> v" + to.id() + " " + kind.label();
    }
}
