package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * Several aggregations of the same items at once. The accumulator is an array holding one accumulator per
 * part; every method applies the parts' own methods element by element, so the composite is as associative,
 * and as allocation-free per item, as its parts. The exported part results go through a finisher that builds
 * the result ({@link AllOf2}, {@link AllOf3} or a list).
 */
final class AllOfOp<T, R> implements AggregateOp<T, Object[], R> {

    /** Bumped when the layout changes; {@code decode} rejects versions it does not know. */
    static final int LAYOUT_VERSION = 1;

    private final AggregateOp<Object, Object, Object>[] parts;
    private final Function<Object[], R> finisher;
    private final Codec<Object[]> codec;

    @SuppressWarnings("unchecked")
    AllOfOp(List<? extends AggregateOp<?, ?, ?>> parts, Function<Object[], R> finisher) {
        this.parts = parts.toArray(new AggregateOp[0]);
        this.finisher = finisher;
        this.codec = new PartsCodec(this.parts);
    }

    @Override
    public Object[] create() {
        Object[] accs = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            accs[i] = parts[i].create();
        }
        return accs;
    }

    @Override
    public Object[] accumulate(Object[] acc, T item) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            acc[i] = parts[i].accumulate(acc[i], item);
        }
        return acc;
    }

    @Override
    public Object[] combine(Object[] left, Object[] right) {
        for (int i = 0; i < parts.length; i++) {
            left[i] = parts[i].combine(left[i], right[i]);
        }
        return left;
    }

    @Override
    public R export(Object[] acc) {
        Object[] results = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            results[i] = parts[i].export(acc[i]);
        }
        return finisher.apply(results);
    }

    @Override
    public Codec<Object[]> accumulatorCodec() {
        return codec;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("allOf(");
        for (int i = 0; i < parts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(parts[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * The parts' accumulators, each with its part's own codec:
     * <pre>
     *  0             1             5
     *  +-------------+-------------+------------------------------------------------------------------+
     *  | version = 1 | parts int32 | parts accumulators, in order, each framed (int32 length, bytes)  |
     *  +-------------+-------------+------------------------------------------------------------------+
     * </pre>
     */
    private static final class PartsCodec implements Codec<Object[]> {
        private static final String WHAT = "allOf accumulator";
        private final AggregateOp<Object, Object, Object>[] parts;

        PartsCodec(AggregateOp<Object, Object, Object>[] parts) {
            this.parts = parts;
        }

        @Override
        public Class<Object[]> type() {
            return Object[].class;
        }

        @Override
        public void encode(Object[] acc, OutputStream out) throws IOException {
            DataOutputStream data = AccumulatorIO.data(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeInt(parts.length);
            ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
            for (int i = 0; i < parts.length; i++) {
                AccumulatorIO.writeFramed(parts[i].accumulatorCodec(), acc[i], data, scratch);
            }
        }

        @Override
        public Object[] decode(byte[] bytes, int offset, int length) throws IOException {
            AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, WHAT);
            AccumulatorIO.checkVersion(in.readUnsignedByte(), LAYOUT_VERSION, WHAT);
            int n = in.readCount(4);
            if (n != parts.length) {
                throw new IOException(WHAT + ": the snapshot has " + n + " parts, this allOf has " + parts.length);
            }
            Object[] acc = new Object[n];
            for (int i = 0; i < n; i++) {
                acc[i] = in.readFramed(parts[i].accumulatorCodec());
            }
            in.expectEnd();
            return acc;
        }
    }
}
