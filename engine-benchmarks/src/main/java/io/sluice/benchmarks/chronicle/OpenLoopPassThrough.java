package io.sluice.benchmarks.chronicle;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SinkWriter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.exec.JobHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency of Chronicle → pass-through → Chronicle at a fixed rate, open loop: a producer thread appends
 * event {@code i} to the input queue when it is due ({@code i / rate} seconds after the start), carrying that
 * intended time ({@link System#nanoTime()}); the job ({@code chronicle:in → map(identity) → chronicle:out}, one
 * worker, unbounded source) runs meanwhile; a consumer thread tails the output queue through the
 * {@code chronicle:} source and records {@code now - intended} per event, so time lost anywhere (producer behind
 * schedule, job, commit) counts: no coordinated omission. Events due in the first {@code warmup} seconds are not
 * recorded. With {@code interval} set the job checkpoints and its sink is exactly-once, so an event becomes
 * visible only when the checkpoint after it completes.
 */
public final class OpenLoopPassThrough {

    /** What one run measured. */
    public record Result(Histogram latency, long events, long producerLagMaxNanos, double seconds) {
    }

    private OpenLoopPassThrough() {
    }

    public static Result run(Path work, long rate, long seconds, long warmupSeconds, int size, Duration interval)
            throws Exception {
        BenchmarkQueues.delete(work);
        Path in = work.resolve("in");
        Path out = work.resolve("out");
        Files.createDirectories(in);
        long events = rate * (seconds + warmupSeconds);
        Pipeline p = Pipeline.create();
        p.source(Connectors.source("chronicle:" + in, Codecs.bytes())).uid("in")
                .map(b -> b).named("pass-through")
                .sink(Connectors.sink("chronicle:" + out, Codecs.bytes())).uid("out");
        JobConfig config = JobConfig.defaults().withJobName("chronicle-latency").withParallelism(1).withWorkers(1);
        if (interval != null) {
            config = config.withCheckpointing(CheckpointConfig.every(interval, work.resolve("checkpoints")));
        }
        Files.createDirectories(out); // the consumer's source needs the directory; the queue is made on opening
        JobHandle job = JobRunner.start(p, config);

        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long origin = System.nanoTime() + 200_000_000L; // time for the job and the consumer to open their queues
        long recordFrom = origin + warmupSeconds * 1_000_000_000L;
        long[] producerLag = new long[1];
        Thread producer = new Thread(() -> {
            try {
                produce(in, events, rate, size, origin, producerLag);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "open-loop-producer");
        long[] received = new long[1];
        long[] lastAt = new long[1];
        Thread consumer = new Thread(() -> {
            try {
                consume(out, events, recordFrom, latency, received, lastAt, failure);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "consumer");
        consumer.start();
        producer.start();
        producer.join();
        consumer.join(Duration.ofSeconds(seconds + warmupSeconds + 120).toMillis());
        job.cancel();
        job.join(Duration.ofSeconds(60));
        if (failure.get() != null) {
            throw new IllegalStateException("the latency run failed", failure.get());
        }
        if (received[0] != events) {
            throw new IllegalStateException("received " + received[0] + " of " + events + " events");
        }
        return new Result(latency, events, producerLag[0], (lastAt[0] - origin) / 1e9);
    }

    /** Appends every event when it is due, in bursts of what is due, sleeping briefly when ahead. */
    private static void produce(Path in, long events, long rate, int size, long origin, long[] maxLag) throws Exception {
        byte[] e = BenchmarkQueues.event(size, 0);
        try (SinkWriter<byte[]> w = BenchmarkQueues.writer(in)) {
            long next = 0;
            while (next < events) {
                long now = System.nanoTime();
                long due = now < origin ? 0 : Math.min(events, (now - origin) / 1_000_000_000L * rate
                        + (now - origin) % 1_000_000_000L * rate / 1_000_000_000L + 1);
                if (next >= due) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                maxLag[0] = Math.max(maxLag[0], now - intended(origin, next, rate));
                for (; next < due; next++) {
                    BenchmarkQueues.put(e, intended(origin, next, rate));
                    w.write(e);
                }
                w.flush();
            }
        }
    }

    private static long intended(long origin, long index, long rate) {
        return origin + index / rate * 1_000_000_000L + (index % rate * 1_000_000_000L + rate - 1) / rate;
    }

    private static void consume(Path out, long events, long recordFrom, Histogram latency, long[] received,
                                long[] lastAt, AtomicReference<Throwable> failure) throws Exception {
        Source<byte[]> source = Connectors.source("chronicle:" + out, Codecs.bytes());
        try (SourceReader<byte[]> reader = source.createReader(SourceContext.of("consumer", 0, 1, source.createSplits(1)))) {
            reader.open();
            SourceOutput<byte[]> sink = new SourceOutput<>() {
                @Override
                public void emit(byte[] record) {
                    long now = System.nanoTime();
                    long intended = BenchmarkQueues.valueOf(record);
                    if (intended >= recordFrom) {
                        latency.recordValue(Math.min(Math.max(0, now - intended), latency.getHighestTrackableValue()));
                    }
                    received[0]++;
                    lastAt[0] = now;
                }

                @Override
                public void emit(byte[] record, long timestamp) {
                    emit(record);
                }

                @Override
                public void emitWatermark(long watermark) {
                }

                @Override
                public void markIdle() {
                }
            };
            while (received[0] < events && failure.get() == null) {
                if (reader.read(sink, 4096) == ReadStatus.NOTHING_AVAILABLE) {
                    LockSupport.parkNanos(20_000);
                }
            }
        }
    }
}
