package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.ToLongFn;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The least or greatest {@code long} of every item; the accumulator is a primitive, so nothing is boxed per item. */
final class LongExtremumOp<T> implements AggregateOp<T, LongExtremumOp.Extremum, Long> {

    private final ToLongFn<? super T> fn;
    private final boolean max;

    LongExtremumOp(ToLongFn<? super T> fn, boolean max) {
        this.fn = fn;
        this.max = max;
    }

    @Override
    public Extremum create() {
        return new Extremum();
    }

    @Override
    public Extremum accumulate(Extremum acc, T item) throws Exception {
        acc.offer(fn.applyAsLong(item), max);
        return acc;
    }

    @Override
    public Extremum combine(Extremum left, Extremum right) {
        if (right.seen) {
            left.offer(right.value, max);
        }
        return left;
    }

    /** The extreme value, or {@code null} if no item was accumulated. */
    @Override
    public Long export(Extremum acc) {
        return acc.seen ? acc.value : null;
    }

    @Override
    public Codec<Extremum> accumulatorCodec() {
        return Extremum.CODEC;
    }

    @Override
    public String toString() {
        return max ? "maxLong" : "minLong";
    }

    /** The extreme value so far and whether there is one. */
    static final class Extremum {

        /**
         * 9 bytes:
         * <pre>
         *  0             1             9
         *  +-------------+-------------+
         *  | seen (0/1)  | value int64 |
         *  +-------------+-------------+
         * </pre>
         */
        static final Codec<Extremum> CODEC = new Codec<>() {
            @Override
            public Class<Extremum> type() {
                return Extremum.class;
            }

            @Override
            public void encode(Extremum value, OutputStream out) throws IOException {
                DataOutputStream data = AccumulatorIO.data(out);
                data.writeBoolean(value.seen);
                data.writeLong(value.value);
            }

            @Override
            public Extremum decode(byte[] bytes, int offset, int length) throws IOException {
                AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, "minLong/maxLong accumulator");
                Extremum acc = new Extremum();
                acc.seen = in.readBoolean();
                acc.value = in.readLong();
                in.expectEnd();
                return acc;
            }
        };

        boolean seen;
        long value;

        void offer(long v, boolean max) {
            if (!seen || (max ? v > value : v < value)) {
                value = v;
                seen = true;
            }
        }

        @Override
        public String toString() {
            return seen ? "Extremum[" + value + "]" : "Extremum[none]";
        }
    }
}
