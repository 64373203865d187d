package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.MapFn;

/** Feeds an aggregation with a function of each item; the accumulator and its codec are the inner op's. */
final class MappingOp<T, U, A, R> implements AggregateOp<T, A, R> {

    private final MapFn<? super T, ? extends U> fn;
    private final AggregateOp<? super U, A, ? extends R> op;

    MappingOp(MapFn<? super T, ? extends U> fn, AggregateOp<? super U, A, ? extends R> op) {
        this.fn = fn;
        this.op = op;
    }

    @Override
    public A create() {
        return op.create();
    }

    @Override
    public A accumulate(A acc, T item) throws Exception {
        U mapped = fn.apply(item);
        if (mapped == null) {
            throw new NullPointerException("the function of mapping(..., " + op + ") returned null for " + item);
        }
        return op.accumulate(acc, mapped);
    }

    @Override
    public A combine(A left, A right) {
        return op.combine(left, right);
    }

    @Override
    public R export(A acc) {
        return op.export(acc);
    }

    @Override
    public Codec<A> accumulatorCodec() {
        return op.accumulatorCodec();
    }

    @Override
    public String toString() {
        return "mapping(" + op + ")";
    }
}
