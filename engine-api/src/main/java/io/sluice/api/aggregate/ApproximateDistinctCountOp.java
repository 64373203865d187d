package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.MapFn;

/** The number of distinct keys, estimated by a {@link HyperLogLog} sketch per accumulator. */
final class ApproximateDistinctCountOp<T> implements AggregateOp<T, HyperLogLog, Long> {

    private final MapFn<? super T, ?> keyFn;
    private final int precision;

    ApproximateDistinctCountOp(MapFn<? super T, ?> keyFn, int precision) {
        this.keyFn = keyFn;
        this.precision = HyperLogLog.checkPrecision(precision);
    }

    @Override
    public HyperLogLog create() {
        return new HyperLogLog(precision);
    }

    @Override
    public HyperLogLog accumulate(HyperLogLog acc, T item) throws Exception {
        Object key = keyFn.apply(item);
        if (key == null) {
            throw new NullPointerException("the key function of approximateDistinctCount returned null for " + item);
        }
        acc.add(key);
        return acc;
    }

    @Override
    public HyperLogLog combine(HyperLogLog left, HyperLogLog right) {
        return left.merge(right);
    }

    @Override
    public Long export(HyperLogLog acc) {
        return acc.estimate();
    }

    @Override
    public Codec<HyperLogLog> accumulatorCodec() {
        return HyperLogLog.CODEC;
    }

    @Override
    public String toString() {
        return "approximateDistinctCount(p=" + precision + ")";
    }
}
