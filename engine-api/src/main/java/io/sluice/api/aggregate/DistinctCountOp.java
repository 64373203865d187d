package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.MapFn;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;

/**
 * The exact number of distinct keys: every key is kept in a {@link HashSet}, so memory grows with the
 * number of distinct keys (see {@link Aggregations#approximateDistinctCount} for a bounded alternative).
 */
final class DistinctCountOp<T, K> implements AggregateOp<T, HashSet<K>, Long> {

    /** Bumped when the layout changes; {@code decode} rejects versions it does not know. */
    static final int LAYOUT_VERSION = 1;

    private final MapFn<? super T, ? extends K> keyFn;
    private final Codec<HashSet<K>> codec;

    DistinctCountOp(MapFn<? super T, ? extends K> keyFn, Codec<K> keyCodec) {
        this.keyFn = keyFn;
        this.codec = new SetCodec<>(keyCodec);
    }

    @Override
    public HashSet<K> create() {
        return new HashSet<>();
    }

    @Override
    public HashSet<K> accumulate(HashSet<K> acc, T item) throws Exception {
        K key = keyFn.apply(item);
        if (key == null) {
            throw new NullPointerException("the key function of distinctCount returned null for " + item);
        }
        acc.add(key);
        return acc;
    }

    @Override
    public HashSet<K> combine(HashSet<K> left, HashSet<K> right) {
        left.addAll(right);
        return left;
    }

    @Override
    public Long export(HashSet<K> acc) {
        return (long) acc.size();
    }

    @Override
    public Codec<HashSet<K>> accumulatorCodec() {
        return codec;
    }

    @Override
    public String toString() {
        return "distinctCount";
    }

    /**
     * The keys in the set's iteration order:
     * <pre>
     *  0             1             5
     *  +-------------+-------------+-------------------------------------------------+
     *  | version = 1 | count int32 | count keys, each framed (int32 length, bytes)   |
     *  +-------------+-------------+-------------------------------------------------+
     * </pre>
     */
    private static final class SetCodec<K> implements Codec<HashSet<K>> {
        private static final String WHAT = "distinctCount accumulator";
        private final Codec<K> keyCodec;

        SetCodec(Codec<K> keyCodec) {
            this.keyCodec = keyCodec;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<HashSet<K>> type() {
            return (Class) HashSet.class;
        }

        @Override
        public void encode(HashSet<K> value, OutputStream out) throws IOException {
            DataOutputStream data = AccumulatorIO.data(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeInt(value.size());
            ByteArrayOutputStream scratch = new ByteArrayOutputStream(32);
            for (K key : value) {
                AccumulatorIO.writeFramed(keyCodec, key, data, scratch);
            }
        }

        @Override
        public HashSet<K> decode(byte[] bytes, int offset, int length) throws IOException {
            AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, WHAT);
            AccumulatorIO.checkVersion(in.readUnsignedByte(), LAYOUT_VERSION, WHAT);
            int n = in.readCount(4);
            HashSet<K> set = new HashSet<>(Math.max(16, (int) (n / 0.75f) + 1));
            for (int i = 0; i < n; i++) {
                if (!set.add(in.readFramed(keyCodec))) {
                    throw new IOException(WHAT + ": key " + i + " decodes equal to an earlier one; is the key codec lossy?");
                }
            }
            in.expectEnd();
            return set;
        }
    }
}
