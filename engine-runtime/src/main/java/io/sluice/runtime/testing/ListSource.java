package io.sluice.runtime.testing;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded in-memory source for tests. With parallelism P, instance k emits items k, k+P, k+2P, ... in
 * order; its position (the next index) is checkpointable. Items are shared, not copied: use immutable ones.
 *
 * @param <T> the item type
 */
public final class ListSource<T> implements Source<T> {

    private final List<T> items;
    private final String name;

    private ListSource(List<T> items, String name) {
        this.items = List.copyOf(items);
        this.name = name;
    }

    /** A source of {@code items}. */
    public static <T> ListSource<T> of(List<T> items) {
        return new ListSource<>(items, "list[" + items.size() + "]");
    }

    @SafeVarargs
    public static <T> ListSource<T> of(T... items) {
        return of(List.of(items));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public long estimatedRecords() {
        return items.size();
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        List<SourceSplit> splits = new ArrayList<>();
        for (int k = 0; k < parallelism; k++) {
            splits.add(new Split(k, parallelism, k));
        }
        return splits;
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) {
        return new Reader(context.splits());
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return SPLIT_CODEC;
    }

    /** Instance {@code first} of {@code stride} instances; {@code next} is the next index to emit. */
    record Split(int first, int stride, int next) implements SourceSplit {
        @Override
        public String splitId() {
            return "list-" + first + "/" + stride;
        }
    }

    private static final Codec<SourceSplit> SPLIT_CODEC = new Codec<>() {
        @Override
        public Class<SourceSplit> type() {
            return SourceSplit.class;
        }

        @Override
        public void encode(SourceSplit value, OutputStream out) throws IOException {
            Split s = (Split) value;
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(s.first());
            data.writeInt(s.stride());
            data.writeInt(s.next());
            data.flush();
        }

        @Override
        public SourceSplit decode(byte[] bytes, int offset, int length) throws IOException {
            if (length != 12) {
                throw new IOException("list split needs 12 bytes, got " + length + ": "
                        + new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
            return new Split(b.getInt(), b.getInt(), b.getInt());
        }
    };

    private final class Reader implements SourceReader<T> {
        private final List<Split> splits;
        private final int[] next;

        Reader(List<SourceSplit> assigned) {
            this.splits = new ArrayList<>();
            for (SourceSplit s : assigned) {
                splits.add((Split) s);
            }
            this.next = new int[splits.size()];
            for (int i = 0; i < splits.size(); i++) {
                next[i] = splits.get(i).next();
            }
        }

        @Override
        public void open() {
        }

        @Override
        public ReadStatus read(SourceOutput<T> out, int maxRecords) {
            int emitted = 0;
            boolean more = false;
            for (int i = 0; i < splits.size(); i++) {
                int stride = splits.get(i).stride();
                // each split through its own output: after a restore one reader may hold several splits,
                // and each keeps its own watermark
                SourceOutput<T> splitOut = out.forSplit(splits.get(i).splitId());
                while (emitted < maxRecords && next[i] < items.size()) {
                    splitOut.emit(items.get(next[i]));
                    next[i] += stride;
                    emitted++;
                }
                more |= next[i] < items.size();
            }
            return more ? ReadStatus.MORE_AVAILABLE : ReadStatus.END_OF_INPUT;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            List<SourceSplit> result = new ArrayList<>();
            for (int i = 0; i < splits.size(); i++) {
                Split s = splits.get(i);
                result.add(new Split(s.first(), s.stride(), next[i]));
            }
            return result;
        }

        @Override
        public void close() {
        }
    }
}
