package io.sluice.benchmarks.runner;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.nexmark.NexmarkEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generator alone, without the engine: {@code parallelism} threads, each reading its split of a
 * {@code gen:} URI through the connector's public SPI into a consumer that counts the events and sums their
 * event times (the least a job does with an event). The ceiling of every job that reads the same URI.
 *
 * <p>The consumer does not store the events: like a job whose chain the JIT inlines completely (one job per JVM),
 * it lets escape analysis decide whether an event object is allocated at all, so the ceiling and the jobs it
 * bounds are measured under the same rules.
 */
public final class ReaderAlone {

    private ReaderAlone() {
    }

    /** Reads every event of {@code uri} on {@code parallelism} threads; returns the wall time in nanoseconds. */
    public static long run(String uri, int parallelism, long expectedEvents) throws Exception {
        Source<NexmarkEvent> source = Connectors.source(uri, Codecs.json(NexmarkEvent.class));
        List<SourceSplit> splits = source.createSplits(parallelism);
        List<Thread> threads = new ArrayList<>();
        List<Sink> sinks = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int k = 0; k < parallelism; k++) {
            List<SourceSplit> mine = new ArrayList<>();
            for (int j = k; j < splits.size(); j += parallelism) {
                mine.add(splits.get(j)); // dealt round-robin, as the engine deals them
            }
            SourceReader<NexmarkEvent> reader = source.createReader(context(k, parallelism, mine));
            Sink sink = new Sink();
            sinks.add(sink);
            threads.add(new Thread(() -> {
                try {
                    reader.open();
                    while (reader.read(sink, 512) != ReadStatus.END_OF_INPUT) {
                        // a bounded generator never answers NOTHING_AVAILABLE without a rate
                    }
                    reader.close();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "reader-alone-" + k));
        }
        long start = System.nanoTime();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("generator failed", failure.get());
        }
        long total = 0;
        for (Sink s : sinks) {
            total += s.count;
            if (s.count > 0 && s.timeSum == 0) {
                throw new IllegalStateException("events without event time");
            }
        }
        if (total != expectedEvents) {
            throw new IllegalStateException("expected " + expectedEvents + " events, read " + total);
        }
        return nanos;
    }

    private static SourceContext context(int instance, int parallelism, List<SourceSplit> splits) {
        return SourceContext.of("reader-alone", instance, parallelism, splits);
    }

    /** Counts events and sums their event times, which the run checks (so the events must be made). */
    private static final class Sink implements SourceOutput<NexmarkEvent> {
        long count;
        long timeSum;
        long watermark;

        @Override
        public void emit(NexmarkEvent record) {
            count++;
            timeSum += record.dateTime();
        }

        @Override
        public void emit(NexmarkEvent record, long timestamp) {
            count++;
            timeSum += record.dateTime();
        }

        @Override
        public void emitWatermark(long wm) {
            watermark = wm;
        }

        @Override
        public void markIdle() {
        }
    }
}
