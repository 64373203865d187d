package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;

/**
 * The least or greatest item by a comparator. Ties: the item that came first wins; in {@code combine} the
 * left accumulator's item counts as the earlier one.
 */
final class ExtremumByOp<T> implements AggregateOp<T, ExtremumByOp.Holder<T>, T> {

    private final Comparator<? super T> comparator;
    private final boolean max;
    private final String name;
    private final Codec<Holder<T>> codec;

    ExtremumByOp(Comparator<? super T> comparator, Codec<T> itemCodec, boolean max) {
        this.comparator = comparator;
        this.max = max;
        this.name = max ? "maxBy" : "minBy";
        this.codec = new HolderCodec<>(itemCodec, name);
    }

    @Override
    public Holder<T> create() {
        return new Holder<>();
    }

    @Override
    public Holder<T> accumulate(Holder<T> acc, T item) {
        offer(acc, item);
        return acc;
    }

    @Override
    public Holder<T> combine(Holder<T> left, Holder<T> right) {
        if (right.value != null) {
            offer(left, right.value);
        }
        return left;
    }

    /** The item, or {@code null} if no item was accumulated. */
    @Override
    public T export(Holder<T> acc) {
        return acc.value;
    }

    @Override
    public Codec<Holder<T>> accumulatorCodec() {
        return codec;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Replaces the held item only if {@code item} is strictly better, so ties keep the earlier one. */
    private void offer(Holder<T> acc, T item) {
        if (acc.value == null) {
            acc.value = item;
        } else {
            int c = comparator.compare(item, acc.value);
            if (max ? c > 0 : c < 0) {
                acc.value = item;
            }
        }
    }

    /** The best item so far; {@code null} until the first one. */
    static final class Holder<T> {
        T value;

        @Override
        public String toString() {
            return "Holder[" + value + "]";
        }
    }

    /**
     * <pre>
     *  0                1
     *  +----------------+-----------------------------------------------------+
     *  | present (0/1)  | if present: the item, framed (int32 length, bytes)  |
     *  +----------------+-----------------------------------------------------+
     * </pre>
     */
    private static final class HolderCodec<T> implements Codec<Holder<T>> {
        private final Codec<T> itemCodec;
        private final String what;

        HolderCodec(Codec<T> itemCodec, String name) {
            this.itemCodec = itemCodec;
            this.what = name + " accumulator";
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Holder<T>> type() {
            return (Class) Holder.class;
        }

        @Override
        public void encode(Holder<T> value, OutputStream out) throws IOException {
            DataOutputStream data = AccumulatorIO.data(out);
            data.writeBoolean(value.value != null);
            if (value.value != null) {
                AccumulatorIO.writeFramed(itemCodec, value.value, data, new ByteArrayOutputStream(64));
            }
        }

        @Override
        public Holder<T> decode(byte[] bytes, int offset, int length) throws IOException {
            AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, what);
            Holder<T> acc = new Holder<>();
            if (in.readBoolean()) {
                acc.value = in.readFramed(itemCodec);
            }
            in.expectEnd();
            return acc;
        }
    }
}
