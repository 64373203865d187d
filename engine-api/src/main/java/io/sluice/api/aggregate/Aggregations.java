package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.FilterFn;
import io.sluice.api.function.MapFn;
import io.sluice.api.function.ToDoubleFn;
import io.sluice.api.function.ToLongFn;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link AggregateOp}s. Each returns a stateless, reusable description; the functions given to
 * them follow the threading contract of {@link MapFn}.
 *
 * <p><b>Empty accumulators.</b> The runtime exports only accumulators that saw at least one item (a window or
 * key exists because an item arrived). An accumulator that saw none exports 0 for counts and sums,
 * {@code null} for averages, {@code min*}/{@code max*} and {@code minBy}/{@code maxBy}, and an empty list for
 * {@code topN} and {@code allMaxBy}/{@code allMinBy}; this matters inside {@link #allOf} behind a
 * {@link #filtering}.
 *
 * <p><b>Ties</b> go to the earlier item, where in {@code combine(left, right)} the left accumulator's items
 * count as earlier: that is what accumulating left's input and then right's would do. Results therefore
 * depend on arrival order only among items the comparator finds equal; make the comparator total (e.g.
 * {@code thenComparing} an id) where results must not depend on arrival order at all.
 *
 * <p><b>Codecs.</b> Every accumulator has an explicit binary codec (no Java serialization), documented with its
 * layout; those that hold a variable number of elements start with a version byte. Ops that keep items
 * ({@code minBy}, {@code topN}, ...) or keys ({@code distinctCount}) take a codec for them.
 */
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

    /** The arithmetic mean of a {@code long} of every item ({@code long} sum, so it wraps past {@link Long#MAX_VALUE}). */
    public static <T> AggregateOp<T, ?, Double> averagingLong(ToLongFn<? super T> fn) {
        return new AveragingLongOp<T>(Objects.requireNonNull(fn, "fn"));
    }

    /** The arithmetic mean of a {@code double} of every item, summed with compensation (Kahan-Neumaier). */
    public static <T> AggregateOp<T, ?, Double> averagingDouble(ToDoubleFn<? super T> fn) {
        return new AveragingDoubleOp<T>(Objects.requireNonNull(fn, "fn"));
    }

    /** The least {@code long} of every item; nothing is boxed per item. */
    public static <T> AggregateOp<T, ?, Long> minLong(ToLongFn<? super T> fn) {
        return new LongExtremumOp<T>(Objects.requireNonNull(fn, "fn"), false);
    }

    /** The greatest {@code long} of every item; nothing is boxed per item. */
    public static <T> AggregateOp<T, ?, Long> maxLong(ToLongFn<? super T> fn) {
        return new LongExtremumOp<T>(Objects.requireNonNull(fn, "fn"), true);
    }

    /**
     * The least item by {@code comparator}; of equal items, the earliest.
     *
     * @param itemCodec writes the kept item into snapshots
     */
    public static <T> AggregateOp<T, ?, T> minBy(Comparator<? super T> comparator, Codec<T> itemCodec) {
        return new ExtremumByOp<>(Objects.requireNonNull(comparator, "comparator"),
                Objects.requireNonNull(itemCodec, "itemCodec"), false);
    }

    /**
     * The greatest item by {@code comparator}; of equal items, the earliest.
     *
     * @param itemCodec writes the kept item into snapshots
     */
    public static <T> AggregateOp<T, ?, T> maxBy(Comparator<? super T> comparator, Codec<T> itemCodec) {
        return new ExtremumByOp<>(Objects.requireNonNull(comparator, "comparator"),
                Objects.requireNonNull(itemCodec, "itemCodec"), true);
    }

    /**
     * Every item that ties for the least by {@code comparator}, in arrival order. Memory grows with the
     * number of tied items.
     *
     * @param itemCodec writes the kept items into snapshots
     */
    public static <T> AggregateOp<T, ?, List<T>> allMinBy(Comparator<? super T> comparator, Codec<T> itemCodec) {
        return new TiedExtremaOp<>(Objects.requireNonNull(comparator, "comparator"),
                Objects.requireNonNull(itemCodec, "itemCodec"), false);
    }

    /**
     * Every item that ties for the greatest by {@code comparator}, in arrival order (e.g. "the auctions with
     * the most bids, every tied one"). Memory grows with the number of tied items.
     *
     * @param itemCodec writes the kept items into snapshots
     */
    public static <T> AggregateOp<T, ?, List<T>> allMaxBy(Comparator<? super T> comparator, Codec<T> itemCodec) {
        return new TiedExtremaOp<>(Objects.requireNonNull(comparator, "comparator"),
                Objects.requireNonNull(itemCodec, "itemCodec"), true);
    }

    /**
     * The {@code n} greatest items by {@code comparator}, greatest first (for the least, pass
     * {@code comparator.reversed()}). Of equal items the earlier ranks first, and only as many as fit in
     * {@code n} are kept. Memory is bounded: a heap of at most {@code n} items, updated without allocation.
     *
     * @param itemCodec writes the kept items into snapshots
     */
    public static <T> AggregateOp<T, ?, List<T>> topN(int n, Comparator<? super T> comparator, Codec<T> itemCodec) {
        if (n < 1) {
            throw new IllegalArgumentException("topN needs n >= 1, got " + n);
        }
        return new TopNOp<>(n, Objects.requireNonNull(comparator, "comparator"),
                Objects.requireNonNull(itemCodec, "itemCodec"));
    }

    /**
     * The exact number of distinct keys. Every distinct key is kept, so memory grows with their number; see
     * {@link #approximateDistinctCount} for bounded memory.
     *
     * @param keyFn    the key of an item: non-null, immutable, with value-based {@code equals}/{@code hashCode}
     * @param keyCodec writes the kept keys into snapshots
     */
    public static <T, K> AggregateOp<T, ?, Long> distinctCount(MapFn<? super T, ? extends K> keyFn, Codec<K> keyCodec) {
        return new DistinctCountOp<T, K>(Objects.requireNonNull(keyFn, "keyFn"), Objects.requireNonNull(keyCodec, "keyCodec"));
    }

    /**
     * The number of distinct keys, estimated with a {@link HyperLogLog} sketch at the default precision
     * ({@value HyperLogLog#DEFAULT_PRECISION}: 16 KiB once past 1024 distinct keys, exact up to them, standard
     * error 0.81% beyond).
     *
     * @param keyFn the key of an item, hashed as {@link HyperLogLog#add(Object)} describes: {@code String} or
     *              {@code Long} keys hash best; other types must have a value-based, run-independent hashCode
     */
    public static <T> AggregateOp<T, ?, Long> approximateDistinctCount(MapFn<? super T, ?> keyFn) {
        return approximateDistinctCount(keyFn, HyperLogLog.DEFAULT_PRECISION);
    }

    /**
     * The number of distinct keys, estimated with a {@link HyperLogLog} sketch of {@code 2^precision} registers:
     * exact up to {@code 2^precision / 16} distinct keys, then within a standard error of
     * {@code 1.04 / sqrt(2^precision)}.
     *
     * @param precision from {@value HyperLogLog#MIN_PRECISION} to {@value HyperLogLog#MAX_PRECISION}
     */
    public static <T> AggregateOp<T, ?, Long> approximateDistinctCount(MapFn<? super T, ?> keyFn, int precision) {
        return new ApproximateDistinctCountOp<T>(Objects.requireNonNull(keyFn, "keyFn"), precision);
    }

    /** Two aggregations of the same items, with both results in one {@link AllOf2}. */
    public static <T, R1, R2> AggregateOp<T, ?, AllOf2<R1, R2>> allOf(
            AggregateOp<? super T, ?, ? extends R1> first, AggregateOp<? super T, ?, ? extends R2> second) {
        return new AllOfOp<T, AllOf2<R1, R2>>(parts(first, second), Aggregations::toAllOf2);
    }

    /** Three aggregations of the same items, with the results in one {@link AllOf3}. */
    public static <T, R1, R2, R3> AggregateOp<T, ?, AllOf3<R1, R2, R3>> allOf(
            AggregateOp<? super T, ?, ? extends R1> first, AggregateOp<? super T, ?, ? extends R2> second,
            AggregateOp<? super T, ?, ? extends R3> third) {
        return new AllOfOp<T, AllOf3<R1, R2, R3>>(parts(first, second, third), Aggregations::toAllOf3);
    }

    /**
     * Any number of aggregations of the same items; the result is an unmodifiable list of their results, in
     * the order of {@code ops} (an element is {@code null} where its aggregation exports {@code null}). With
     * two or three arguments Java picks the typed overloads above; {@link #allOf(List)} gives a list for any
     * number.
     */
    @SafeVarargs
    public static <T> AggregateOp<T, ?, List<Object>> allOf(AggregateOp<? super T, ?, ?>... ops) {
        return allOfAsList(ops);
    }

    /**
     * Any number of aggregations of the same items; the result is an unmodifiable list of their results, in
     * the order of {@code ops} (an element is {@code null} where its aggregation exports {@code null}).
     */
    public static <T> AggregateOp<T, ?, List<Object>> allOf(List<? extends AggregateOp<? super T, ?, ?>> ops) {
        return allOfAsList(ops.toArray());
    }

    /**
     * Aggregates a function of each item instead of the item, e.g.
     * {@code mapping(Bid::auction, distinctCount(a -> a, Codecs.longs()))}.
     *
     * @param fn must not return {@code null}
     */
    public static <T, U, A, R> AggregateOp<T, A, R> mapping(MapFn<? super T, ? extends U> fn,
                                                            AggregateOp<? super U, A, ? extends R> op) {
        return new MappingOp<>(Objects.requireNonNull(fn, "fn"), Objects.requireNonNull(op, "op"));
    }

    /** Aggregates only the items that pass {@code filter}, e.g. one part of an {@link #allOf}. */
    public static <T, A, R> AggregateOp<T, A, R> filtering(FilterFn<? super T> filter,
                                                           AggregateOp<? super T, A, ? extends R> op) {
        return new FilteringOp<>(Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(op, "op"));
    }

    private static <T> AggregateOp<T, ?, List<Object>> allOfAsList(Object[] ops) {
        if (ops.length == 0) {
            throw new IllegalArgumentException("allOf needs at least one aggregation");
        }
        return new AllOfOp<T, List<Object>>(parts(ops), results -> Collections.unmodifiableList(Arrays.asList(results)));
    }

    private static List<AggregateOp<?, ?, ?>> parts(Object... ops) {
        AggregateOp<?, ?, ?>[] parts = new AggregateOp<?, ?, ?>[ops.length];
        for (int i = 0; i < ops.length; i++) {
            parts[i] = (AggregateOp<?, ?, ?>) Objects.requireNonNull(ops[i], "allOf: aggregation " + i + " is null");
        }
        return Arrays.asList(parts);
    }

    @SuppressWarnings("unchecked")
    private static <R1, R2> AllOf2<R1, R2> toAllOf2(Object[] r) {
        return new AllOf2<>((R1) r[0], (R2) r[1]);
    }

    @SuppressWarnings("unchecked")
    private static <R1, R2, R3> AllOf3<R1, R2, R3> toAllOf3(Object[] r) {
        return new AllOf3<>((R1) r[0], (R2) r[1], (R3) r[2]);
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
