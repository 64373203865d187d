package io.sluice.runtime.join;

import io.sluice.api.join.JoinSpec;
import io.sluice.runtime.op.Operator;

/** Creates the operator that runs a join stage. One new instance per call: operators have state. */
public final class JoinOperators {

    private JoinOperators() {
    }

    /** The operator of a {@link io.sluice.api.transform.Transform.Kind#JOIN} whose function is {@code spec}. */
    public static Operator create(JoinSpec spec) {
        if (spec instanceof JoinSpec.Windowed w) {
            return new WindowJoinOperator(w);
        } else if (spec instanceof JoinSpec.Interval i) {
            return new IntervalJoinOperator(i);
        } else if (spec instanceof JoinSpec.Table t) {
            return new TableJoinOperator(t);
        } else if (spec instanceof JoinSpec.Unbounded u) {
            return new UnboundedJoinOperator(u);
        }
        throw new IllegalArgumentException("unknown join " + spec);
    }
}
