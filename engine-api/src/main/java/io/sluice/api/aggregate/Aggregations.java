package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.ToDoubleFn;
import io.sluice.api.function.ToLongFn;
import java.util.Objects;

/** The standard {@link AggregateOp}s. Each returns a stateless, reusable description. */
public final class Aggregations {

    private Aggregations() {
    }

    /** Counts items. */
    public static <T> AggregateOp<T, LongAccumulator, Long> counting() {
        return new LongOp<>("counting", item -> 1L);
    }

    /** Sums a {@code long} of every item. */
    public static <T> AggregateOp<T, LongAccumulator, Long> summingLong(ToLongFn<? super T> fn) {
        Objects.requireNonNull(fn, "fn");
        return new LongOp<>("summingLong", fn);
    }

    /** Sums a {@code double} of every item. */
    public static <T> AggregateOp<T, DoubleAccumulator, Double> summingDouble(ToDoubleFn<? super T> fn) {
        Objects.requireNonNull(fn, "fn");
        return new AggregateOp<>() {
            @Override
            public DoubleAccumulator create() {
                return new DoubleAccumulator();
            }

            @Override
            public DoubleAccumulator accumulate(DoubleAccumulator acc, T item) throws Exception {
                acc.add(fn.applyAsDouble(item));
                return acc;
            }

            @Override
            public DoubleAccumulator combine(DoubleAccumulator left, DoubleAccumulator right) {
                left.add(right.get());
                return left;
            }

            @Override
            public Double export(DoubleAccumulator acc) {
                return acc.get();
            }

            @Override
            public Codec<DoubleAccumulator> accumulatorCodec() {
                return DoubleAccumulator.CODEC;
            }

            @Override
            public String toString() {
                return "summingDouble";
            }
        };
    }

    /** Counting and long sums share one accumulator type and code. */
    private static final class LongOp<T> implements AggregateOp<T, LongAccumulator, Long> {
        private final String name;
        private final ToLongFn<? super T> fn;

        LongOp(String name, ToLongFn<? super T> fn) {
            this.name = name;
            this.fn = fn;
        }

        @Override
        public LongAccumulator create() {
            return new LongAccumulator();
        }

        @Override
        public LongAccumulator accumulate(LongAccumulator acc, T item) throws Exception {
            acc.add(fn.applyAsLong(item));
            return acc;
        }

        @Override
        public LongAccumulator combine(LongAccumulator left, LongAccumulator right) {
            left.add(right.get());
            return left;
        }

        @Override
        public Long export(LongAccumulator acc) {
            return acc.get();
        }

        @Override
        public Codec<LongAccumulator> accumulatorCodec() {
            return LongAccumulator.CODEC;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
