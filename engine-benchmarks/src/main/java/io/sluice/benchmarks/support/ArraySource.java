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
            splits.add(new Slice(first, stride));
        }
        return splits;
    }

    @Override
    public SourceReader<Object> createReader(SourceContext context) {
        Slice slice = (Slice) context.splits().get(0);
        return new Reader(slice.first(), slice.stride());
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        throw new UnsupportedOperationException("benchmark source is not checkpointed");
    }

    record Slice(int first, int stride) implements SourceSplit {
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

        Reader(int first, int stride) {
            this.first = first;
            this.stride = stride;
            this.index = first;
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
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
