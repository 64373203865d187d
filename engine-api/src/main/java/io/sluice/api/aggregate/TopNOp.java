package io.sluice.api.aggregate;

import io.sluice.api.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;

/** The {@code n} greatest items by a comparator, best first; see {@link TopNAccumulator} for the tie rule. */
final class TopNOp<T> implements AggregateOp<T, TopNAccumulator<T>, List<T>> {

    /** Bumped when the layout changes; {@code decode} rejects versions it does not know. */
    static final int LAYOUT_VERSION = 1;

    private final int n;
    private final Comparator<? super T> comparator;
    private final Codec<TopNAccumulator<T>> codec;

    TopNOp(int n, Comparator<? super T> comparator, Codec<T> itemCodec) {
        this.n = n;
        this.comparator = comparator;
        this.codec = new TopNCodec<>(this, itemCodec);
    }

    @Override
    public TopNAccumulator<T> create() {
        return new TopNAccumulator<>(n, comparator);
    }

    @Override
    public TopNAccumulator<T> accumulate(TopNAccumulator<T> acc, T item) {
        acc.add(item);
        return acc;
    }

    @Override
    public TopNAccumulator<T> combine(TopNAccumulator<T> left, TopNAccumulator<T> right) {
        left.addAll(right);
        return left;
    }

    /** The kept items, best first, in a new list; empty if no item was accumulated. */
    @Override
    public List<T> export(TopNAccumulator<T> acc) {
        return acc.toSortedList();
    }

    @Override
    public Codec<TopNAccumulator<T>> accumulatorCodec() {
        return codec;
    }

    @Override
    public String toString() {
        return "topN(" + n + ")";
    }

    /**
     * The kept items with their positions, in heap order (decoding offers them again, so a snapshot can be
     * restored into a {@code topN} with another {@code n}: the best of them are kept).
     * <pre>
     *  0             1            9            13
     *  +-------------+------------+------------+-------------------------------------------------------------+
     *  | version = 1 | seen int64 | size int32 | size entries: seq int64, item framed (int32 length, bytes)  |
     *  +-------------+------------+------------+-------------------------------------------------------------+
     * </pre>
     */
    private static final class TopNCodec<T> implements Codec<TopNAccumulator<T>> {
        private static final String WHAT = "topN accumulator";
        private final TopNOp<T> op;
        private final Codec<T> itemCodec;

        TopNCodec(TopNOp<T> op, Codec<T> itemCodec) {
            this.op = op;
            this.itemCodec = itemCodec;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<TopNAccumulator<T>> type() {
            return (Class) TopNAccumulator.class;
        }

        @Override
        public void encode(TopNAccumulator<T> acc, OutputStream out) throws IOException {
            DataOutputStream data = AccumulatorIO.data(out);
            data.writeByte(LAYOUT_VERSION);
            data.writeLong(acc.seen());
            data.writeInt(acc.size());
            ByteArrayOutputStream scratch = new ByteArrayOutputStream(64);
            for (int i = 0; i < acc.size(); i++) {
                data.writeLong(acc.seqAt(i));
                AccumulatorIO.writeFramed(itemCodec, acc.itemAt(i), data, scratch);
            }
        }

        @Override
        public TopNAccumulator<T> decode(byte[] bytes, int offset, int length) throws IOException {
            AccumulatorIO.Reader in = new AccumulatorIO.Reader(bytes, offset, length, WHAT);
            AccumulatorIO.checkVersion(in.readUnsignedByte(), LAYOUT_VERSION, WHAT);
            long seen = in.readLong();
            int size = in.readCount(12);
            TopNAccumulator<T> acc = op.create();
            for (int i = 0; i < size; i++) {
                long seq = in.readLong();
                if (seq < 0 || seq >= seen) {
                    throw new IOException(WHAT + ": position " + seq + " is outside [0, " + seen + ")");
                }
                acc.offer(in.readFramed(itemCodec), seq);
            }
            in.expectEnd();
            acc.setSeen(seen);
            return acc;
        }
    }
}
