package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.FilterFn;

/** Feeds an aggregation only the items that pass a filter; the accumulator and its codec are the inner op's. */
final class FilteringOp<T, A, R> implements AggregateOp<T, A, R> {

    private final FilterFn<? super T> filter;
    private final AggregateOp<? super T, A, ? extends R> op;

    FilteringOp(FilterFn<? super T> filter, AggregateOp<? super T, A, ? extends R> op) {
        this.filter = filter;
        this.op = op;
    }

    @Override
    public A create() {
        return op.create();
    }

    @Override
    public A accumulate(A acc, T item) throws Exception {
        return filter.test(item) ? op.accumulate(acc, item) : acc;
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
        return "filtering(" + op + ")";
    }
}
