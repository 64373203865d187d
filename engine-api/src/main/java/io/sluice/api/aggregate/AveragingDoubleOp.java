package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.ToDoubleFn;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The arithmetic mean of a {@code double} of every item. The sum is compensated (Neumaier's variant of Kahan
 * summation, as {@code DoubleSummaryStatistics} does), so long streams of small values next to large ones
 * keep their precision; the result still depends, in its last bits, on the order of the additions.
 */
final class AveragingDoubleOp<T> implements AggregateOp<T, AveragingDoubleOp.CompensatedSum, Double> {

    private final ToDoubleFn<? super T> fn;

    AveragingDoubleOp(ToDoubleFn<? super T> fn) {
        this.fn = fn;
    }

    @Override
    public CompensatedSum create() {
        return new CompensatedSum();
    }

    @Override
    public CompensatedSum accumulate(CompensatedSum acc, T item) throws Exception {
        acc.add(fn.applyAsDouble(item));
        acc.count++;
        return acc;
    }

    @Override
    public CompensatedSum combine(CompensatedSum left, CompensatedSum right) {
        left.add(right.sum);
        left.compensation += right.compensation;
        left.count += right.count;
        return left;
    }

    /** {@code sum / count}, or {@code null} if no item was accumulated. */
    @Override
    public Double export(CompensatedSum acc) {
        return acc.count == 0 ? null : acc.sum() / acc.count;
    }

    @Override
    public Codec<CompensatedSum> accumulatorCodec() {
        return CompensatedSum.CODEC;
    }

    @Override
    public String toString() {
        return "averagingDouble";
    }

    /** A mutable compensated sum and a count. */
    static final class CompensatedSum {

        /**
         * 24 bytes, the doubles as IEEE 754 bits:
         * <pre>
         *  0            8                     16            24
         *  +------------+---------------------+-------------+
         *  | sum f64    | compensation f64    | count int64 |
         *  +------------+---------------------+-------------+
         * </pre>
         */
        static final Codec<CompensatedSum> CODEC = new Codec<>() {
            @Override
            public Class<CompensatedSum> type() {
                return CompensatedSum.class;
            }

            @Override
            public void encode(CompensatedSum value, OutputStream out) throws IOException {
                DataOutputStream data = AccumulatorIO.data(out);
                data.writeDouble(value.sum);
                data.writeDouble(value.compensation);
                data.writeLong(value.count);
            }

            @Override
            public CompensatedSum decode(byte[] bytes, int offset, int length) throws IOException {
                AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, "averagingDouble accumulator");
                CompensatedSum acc = new CompensatedSum();
                acc.sum = in.readDouble();
                acc.compensation = in.readDouble();
                acc.count = in.readLong();
                in.expectEnd();
                return acc;
            }
        };

        double sum;
        /** The low-order bits the additions to {@link #sum} lost, to be added back at the end. */
        double compensation;
        long count;

        void add(double x) {
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
            sum = t;
        }

        double sum() {
            double s = sum + compensation;
            // An infinite sum makes the compensation NaN (inf - inf); the plain sum is then the right answer.
            return Double.isNaN(s) && Double.isInfinite(sum) ? sum : s;
        }

        @Override
        public String toString() {
            return "CompensatedSum[sum=" + sum() + ", count=" + count + "]";
        }
    }
}
