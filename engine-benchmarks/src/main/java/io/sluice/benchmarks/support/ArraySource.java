package io.sluice.benchmarks.support;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays pre-generated records from memory, so a benchmark measures the engine and not a generator.
 * Instance k of P emits indexes k, k+P, ... of the array, {@code rounds} times over; the total across all
 * instances is {@code rounds * items.length}.
 */
public final class ArraySource implements Source<Object> {

    private final Object[] items;
    private final int rounds;

    public ArraySource(Object[] items, int rounds) {
        this.items = items;
        this.rounds = rounds;
    }

    /** This source, typed for a pipeline whose array holds {@code T}s. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Source<T> typed() {
        return (Source) this;
    }

    /** Records the whole source emits. */
    public long total() {
        return (long) items.length * rounds;
    }

    @Override
    public String name() {
        return "memory[" + items.length + "x" + rounds + "]";
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public long estimatedRecords() {
        return total();
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        List<SourceSplit> splits = new ArrayList<>();
        for (int k = 0; k < parallelism; k++) {
            int first = k;
            int stride = parallelism;
            splits.add(new Slice(first, stride, first, 0));
        }
        return splits;
    }

    @Override
    public SourceReader<Object> createReader(SourceContext context) {
        Slice slice = (Slice) context.splits().get(0);
        return new Reader(slice);
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return SLICE_CODEC;
    }

    /** Four big-endian ints: first, stride, index, round. */
    private static final Codec<SourceSplit> SLICE_CODEC = new Codec<>() {
        @Override
        public Class<SourceSplit> type() {
            return SourceSplit.class;
        }

        @Override
        public void encode(SourceSplit value, java.io.OutputStream out) throws java.io.IOException {
            Slice s = (Slice) value;
            java.io.DataOutputStream data = new java.io.DataOutputStream(out);
            data.writeInt(s.first());
            data.writeInt(s.stride());
            data.writeInt(s.index());
            data.writeInt(s.round());
            data.flush();
        }

        @Override
        public SourceSplit decode(byte[] bytes, int offset, int length) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, offset, length);
            return new Slice(b.getInt(), b.getInt(), b.getInt(), b.getInt());
        }
    };

    record Slice(int first, int stride, int index, int round) implements SourceSplit {
        @Override
        public String splitId() {
            return "slice-" + first;
        }
    }

    private final class Reader implements SourceReader<Object> {
        private final int stride;
        private final int first;
        private int index;
        private int round;

        Reader(Slice slice) {
            this.first = slice.first();
            this.stride = slice.stride();
            this.index = slice.index();
            this.round = slice.round();
        }

        @Override
        public void open() {
        }

        @Override
        public ReadStatus read(SourceOutput<Object> out, int maxRecords) {
            Object[] data = items;
            int i = index;
            for (int n = 0; n < maxRecords; n++) {
                if (i >= data.length) {
                    if (++round == rounds) {
                        index = i;
                        return ReadStatus.END_OF_INPUT;
                    }
                    i = first;
                }
                out.emit(data[i]);
                i += stride;
            }
            index = i;
            return ReadStatus.MORE_AVAILABLE;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            return List.of(new Slice(first, stride, index, round));
        }

        @Override
        public void close() {
        }
    }
}
