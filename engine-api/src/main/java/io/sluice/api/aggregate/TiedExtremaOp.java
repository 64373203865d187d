package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every item that ties for the least or greatest by a comparator, in arrival order (in {@code combine}, the
 * left accumulator's items come first). Memory grows with the number of tied items.
 */
final class TiedExtremaOp<T> implements AggregateOp<T, TiedExtremaOp.Tied<T>, List<T>> {

    /** Bumped when the layout changes; {@code decode} rejects versions it does not know. */
    static final int LAYOUT_VERSION = 1;

    private final Comparator<? super T> comparator;
    private final boolean max;
    private final String name;
    private final Codec<Tied<T>> codec;

    TiedExtremaOp(Comparator<? super T> comparator, Codec<T> itemCodec, boolean max) {
        this.comparator = comparator;
        this.max = max;
        this.name = max ? "allMaxBy" : "allMinBy";
        this.codec = new TiedCodec<>(itemCodec, name);
    }

    @Override
    public Tied<T> create() {
        return new Tied<>();
    }

    @Override
    public Tied<T> accumulate(Tied<T> acc, T item) {
        List<T> items = acc.items;
        int c = items.isEmpty() ? 1 : signedCompare(item, items.get(0));
        if (c > 0) {
            items.clear();
            items.add(item);
        } else if (c == 0) {
            items.add(item);
        }
        return acc;
    }

    @Override
    public Tied<T> combine(Tied<T> left, Tied<T> right) {
        if (right.items.isEmpty()) {
            return left;
        }
        int c = left.items.isEmpty() ? 1 : signedCompare(right.items.get(0), left.items.get(0));
        if (c > 0) {
            left.items.clear();
        }
        if (c >= 0) {
            left.items.addAll(right.items);
        }
        return left;
    }

    /** A copy of the tied items, in arrival order; empty if no item was accumulated. */
    @Override
    public List<T> export(Tied<T> acc) {
        return List.copyOf(acc.items);
    }

    @Override
    public Codec<Tied<T>> accumulatorCodec() {
        return codec;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Positive if {@code a} is better than {@code b}, 0 if they tie. */
    private int signedCompare(T a, T b) {
        int c = comparator.compare(a, b);
        return max ? c : -c;
    }

    /** The tied items so far. */
    static final class Tied<T> {
        final ArrayList<T> items = new ArrayList<>(2);

        @Override
        public String toString() {
            return "Tied" + items;
        }
    }

    /**
     * <pre>
     *  0             1             5
     *  +-------------+-------------+-------------------------------------------------+
     *  | version = 1 | count int32 | count items, each framed (int32 length, bytes)  |
     *  +-------------+-------------+-------------------------------------------------+
     * </pre>
     */
    private static final class TiedCodec<T> implements Codec<Tied<T>> {
        private final Codec<T> itemCodec;
        private final String what;

        TiedCodec(Codec<T> itemCodec, String name) {
            this.itemCodec = itemCodec;
            this.what = name + " accumulator";
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Tied<T>> type() {
            return (Class) Tied.class;
        }

        @Override
        public void encode(Tied<T> value, OutputStream out) throws IOException {
            DataOutputStream data = AccumulatorIO.data(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeInt(value.items.size());
            ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
            for (T item : value.items) {
                AccumulatorIO.writeFramed(itemCodec, item, data, scratch);
            }
        }

        @Override
        public Tied<T> decode(byte[] bytes, int offset, int length) throws IOException {
            AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, what);
            AccumulatorIO.checkVersion(in.readUnsignedByte(), LAYOUT_VERSION, what);
            int n = in.readCount(4);
            Tied<T> acc = new Tied<>();
            acc.items.ensureCapacity(n);
            for (int i = 0; i < n; i++) {
                acc.items.add(in.readFramed(itemCodec));
            }
            in.expectEnd();
            return acc;
        }
    }
}
