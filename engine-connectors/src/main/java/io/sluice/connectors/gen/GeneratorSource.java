package io.sluice.connectors.gen;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@code gen:} source: events of an {@link EventModel}, split round-robin by index over the instances (in
 * strides that keep each split inside one of the model's partitions).
 * Immutable; readers are created on the worker threads.
 *
 * @param <E> the generated event type
 * @param <T> the record type the job asked for
 */
final class GeneratorSource<E, T> implements Source<T> {

    /** {@link #events} value of an unbounded source. */
    static final long UNBOUNDED = -1;

    private final String name;
    private final EventModel<E> model;
    private final Codec<T> codec;
    private final long events;
    private final long rate;
    private final LongSupplier nanoClock;

    /**
     * @param events    total number of events over all instances, or {@link #UNBOUNDED}
     * @param rate      events per second over all instances, or 0 for as fast as possible
     * @param nanoClock the clock the rate is kept against ({@code System::nanoTime} outside tests)
     */
    GeneratorSource(String name, EventModel<E> model, Codec<T> codec, long events, long rate, LongSupplier nanoClock) {
        this.name = name;
        this.model = model;
        this.codec = codec;
        this.events = events;
        this.rate = rate;
        this.nanoClock = nanoClock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isBounded() {
        return events != UNBOUNDED;
    }

    @Override
    public long estimatedRecords() {
        return events == UNBOUNDED ? -1 : events;
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        if (parallelism <= 0) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
        // Split k reads the indexes k modulo the stride; a stride that is a multiple of the model's partitions
        // keeps every split inside one partition, and one that is a multiple of the parallelism gives every
        // instance the same share.
        int partitions = model.partitions();
        int stride = Math.multiplyExact(parallelism / gcd(parallelism, partitions), partitions);
        List<SourceSplit> splits = new ArrayList<>(stride);
        for (int k = 0; k < stride; k++) {
            splits.add(new GeneratorSplit(k, stride, k));
        }
        return splits;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) {
        List<GeneratorSplit> splits = new ArrayList<>(context.splits().size());
        for (SourceSplit split : context.splits()) {
            if (!(split instanceof GeneratorSplit generatorSplit)) {
                throw new BadInputException(name + ": cannot read split " + split.splitId()
                        + " (it was not made by a generator)");
            }
            if (generatorSplit.stride() % model.partitions() != 0) {
                throw new BadInputException(name + ": split " + generatorSplit.splitId() + " cuts across the stream's "
                        + model.partitions() + " partitions (was 'partitions' changed since the checkpoint?)");
            }
            splits.add(generatorSplit);
        }
        return new GeneratorReader<>(model, RecordConverter.create(model.type(), codec, name),
                events == UNBOUNDED ? Long.MAX_VALUE : events,
                rate > 0 ? new Throttle(rate, nanoClock) : null,
                splits);
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return GeneratorSplitCodec.INSTANCE;
    }

    @Override
    public String toString() {
        return name;
    }
}
