package io.sluice.runtime.exec;

import io.sluice.runtime.op.Operator;
import io.sluice.runtime.plan.VertexPlan;
import java.util.List;

/**
 * The running instances of one vertex: a tasklet per instance and, per instance, the operator of each
 * transform in the chain ({@code null} where a transform has none: source, union).
 */
record VertexRuntime(VertexPlan plan, List<Tasklet> tasklets, List<Operator[]> operatorsByInstance) {
}
