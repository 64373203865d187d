package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.ToLongFn;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The arithmetic mean of a {@code long} of every item, as a {@code double}. The sum is a {@code long}: it wraps
 * silently past {@link Long#MAX_VALUE} (as {@code Collectors.averagingLong} does).
 */
final class AveragingLongOp<T> implements AggregateOp<T, AveragingLongOp.SumCount, Double> {

    private final ToLongFn<? super T> fn;

    AveragingLongOp(ToLongFn<? super T> fn) {
        this.fn = fn;
    }

    @Override
    public SumCount create() {
        return new SumCount();
    }

    @Override
    public SumCount accumulate(SumCount acc, T item) throws Exception {
        acc.sum += fn.applyAsLong(item);
        acc.count++;
        return acc;
    }

    @Override
    public SumCount combine(SumCount left, SumCount right) {
        left.sum += right.sum;
        left.count += right.count;
        return left;
    }

    /** {@code sum / count}, or {@code null} if no item was accumulated. */
    @Override
    public Double export(SumCount acc) {
        return acc.count == 0 ? null : (double) acc.sum / acc.count;
    }

    @Override
    public Codec<SumCount> accumulatorCodec() {
        return SumCount.CODEC;
    }

    @Override
    public String toString() {
        return "averagingLong";
    }

    /** A mutable sum and count. */
    static final class SumCount {

        /**
         * 16 bytes:
         * <pre>
         *  0            8             16
         *  +------------+-------------+
         *  | sum int64  | count int64 |
         *  +------------+-------------+
         * </pre>
         */
        static final Codec<SumCount> CODEC = new Codec<>() {
            @Override
            public Class<SumCount> type() {
                return SumCount.class;
            }

            @Override
            public void encode(SumCount value, OutputStream out) throws IOException {
                DataOutputStream data = AccumulatorIO.data(out);
                data.writeLong(value.sum);
                data.writeLong(value.count);
            }

            @Override
            public SumCount decode(byte[] bytes, int offset, int length) throws IOException {
                AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, "averagingLong accumulator");
                SumCount acc = new SumCount();
                acc.sum = in.readLong();
                acc.count = in.readLong();
                in.expectEnd();
                return acc;
            }
        };

        long sum;
        long count;

        @Override
        public String toString() {
            return "SumCount[sum=" + sum + ", count=" + count + "]";
        }
    }
}
