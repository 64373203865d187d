package io.sluice.runtime.exec;

import io.sluice.api.connector.Sink;
import io.sluice.api.function.FilterFn;
import io.sluice.api.function.FlatMapFn;
import io.sluice.api.function.MapFn;
import io.sluice.api.function.PeekFn;
import io.sluice.api.join.JoinSpec;
import io.sluice.api.transform.Deduplication;
import io.sluice.api.transform.KeyedAggregation;
import io.sluice.api.transform.KeyedProcess;
import io.sluice.api.transform.Transform;
import io.sluice.api.transform.WindowAggregation;
import io.sluice.runtime.join.JoinOperators;
import io.sluice.runtime.op.FilterOperator;
import io.sluice.runtime.op.FlatMapOperator;
import io.sluice.runtime.op.MapOperator;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.PeekOperator;
import io.sluice.runtime.op.RollingAggregateOperator;
import io.sluice.runtime.op.SinkOperator;
import io.sluice.runtime.process.DedupeFunction;
import io.sluice.runtime.process.KeyedProcessOperator;
import io.sluice.runtime.window.LocalWindowStage;
import io.sluice.runtime.window.WindowOperator;

/** Creates the core operator that runs a transform. One new instance per call: operators have state. */
public final class OperatorFactory {

    private OperatorFactory() {
    }

    /**
     * The operator of {@code t}, or {@code null} for transforms that are structure rather than code
     * (a source is driven by its tasklet; a union is a junction of edges; a side output is fed by the side
     * port of its input's outbox).
     */
    public static Operator create(Transform t, boolean checkpointing) {
        return create(t, checkpointing, false);
    }

    /**
     * As {@link #create(Transform, boolean)}; {@code combinesPartials} makes a window the second stage of a
     * two-stage aggregation (its vertex says so, see {@link io.sluice.runtime.plan.VertexPlan#headCombinesPartials}).
     */
    public static Operator create(Transform t, boolean checkpointing, boolean combinesPartials) {
        switch (t.kind()) {
            case MAP:
                return new MapOperator((MapFn<?, ?>) t.function());
            case FILTER:
                return new FilterOperator((FilterFn<?>) t.function());
            case FLAT_MAP:
                return new FlatMapOperator((FlatMapFn<?, ?>) t.function());
            case PEEK:
                return new PeekOperator((PeekFn<?>) t.function());
            case ROLLING_AGGREGATE:
                return new RollingAggregateOperator((KeyedAggregation) t.function());
            case KEYED_PROCESS:
                return new KeyedProcessOperator((KeyedProcess) t.function());
            case DEDUPE:
                return DedupeFunction.operator((Deduplication) t.function());
            case JOIN:
                return JoinOperators.create((JoinSpec) t.function());
            case SINK:
                return new SinkOperator((Sink<?>) t.function(), checkpointing);
            case WINDOW_AGGREGATE:
            case WINDOW_ALL_AGGREGATE:
                return combinesPartials ? WindowOperator.combiningPartials((WindowAggregation) t.function())
                        : new WindowOperator((WindowAggregation) t.function());
            case LOCAL_WINDOW_AGGREGATE:
                return LocalWindowStage.of((WindowAggregation) t.function());
            case SOURCE:
            case UNION:
            case SIDE_OUTPUT:
                return null;
            default:
                throw new IllegalArgumentException("no operator for " + t);
        }
    }
}
