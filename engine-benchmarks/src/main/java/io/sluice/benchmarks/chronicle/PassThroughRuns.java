package io.sluice.benchmarks.chronicle;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.SinkWriter;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.exec.JobResult;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One timed run of each Chronicle throughput mode over an input queue of {@code events} events:
 * <ul>
 *   <li>{@code read}: the {@code chronicle:} source reader alone on this thread, no engine (the ceiling);</li>
 *   <li>{@code append}: the plain {@code chronicle:} sink writer alone, appending {@code events} events;</li>
 *   <li>{@code plain}: the job {@code chronicle:in?until=latest → map(identity) → chronicle:out}, no checkpoints;</li>
 *   <li>{@code exactly-once}: the same job with a checkpoint every {@code interval}, so the sink stages each
 *   epoch and appends it when the checkpoint completes;</li>
 *   <li>{@code plain-2w}, {@code exactly-once-2w}: the same jobs with a {@code rebalance()} between the map and the
 *   sink and two workers, so reading (and decoding) and appending run on two threads, connected by one queue.</li>
 * </ul>
 * The single-worker jobs fuse the whole pipeline into one chain on one thread.
 * Records are raw bytes ({@code Codecs.bytes()}): no JSON on the way.
 */
public final class PassThroughRuns {

    public static final java.util.List<String> MODES = java.util.List.of("read", "append", "plain", "exactly-once",
            "plain-2w", "exactly-once-2w");

    private final Path work;
    private final Path input;
    private final long events;
    private final int size;
    private final Duration interval;

    /** Loads the input queue under {@code work}. */
    public PassThroughRuns(Path work, long events, int size, Duration interval) throws Exception {
        this.work = work;
        this.input = work.resolve("in");
        this.events = events;
        this.size = size;
        this.interval = interval;
        BenchmarkQueues.delete(work);
        BenchmarkQueues.load(input, events, size);
    }

    /** One run of {@code mode}; returns its nanoseconds (the job's own time for the jobs). */
    public long run(String mode, boolean check) throws Exception {
        Path out = work.resolve("out");
        BenchmarkQueues.delete(out);
        BenchmarkQueues.delete(Path.of(out + ".staging"));
        BenchmarkQueues.delete(work.resolve("checkpoints"));
        long nanos = switch (mode) {
            case "read" -> read();
            case "append" -> append(out);
            case "plain", "exactly-once", "plain-2w", "exactly-once-2w" ->
                    job(out, mode.startsWith("exactly-once"), mode.endsWith("-2w"));
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "' (known: " + MODES + ")");
        };
        if (check && !mode.equals("read")) {
            long[] cs = BenchmarkQueues.countAndSum(out);
            if (cs[0] != events || cs[1] != events * (events - 1) / 2) {
                throw new IllegalStateException(mode + ": the output holds " + cs[0] + " events (sum " + cs[1]
                        + "), expected " + events);
            }
        }
        return nanos;
    }

    private long read() throws Exception {
        long start = System.nanoTime();
        long[] cs = BenchmarkQueues.countAndSum(input);
        long nanos = System.nanoTime() - start;
        if (cs[0] != events) {
            throw new IllegalStateException("read " + cs[0] + " events, expected " + events);
        }
        return nanos;
    }

    private long append(Path out) throws Exception {
        byte[] e = BenchmarkQueues.event(size, 0);
        long start = System.nanoTime();
        try (SinkWriter<byte[]> w = BenchmarkQueues.writer(out)) {
            for (long i = 0; i < events; i++) {
                BenchmarkQueues.put(e, i);
                w.write(e);
            }
            w.flush();
        }
        return System.nanoTime() - start;
    }

    private long job(Path out, boolean exactlyOnce, boolean twoWorkers) throws Exception {
        Pipeline p = Pipeline.create();
        io.sluice.api.Stream<byte[]> passed = p.source(Connectors.source("chronicle:" + input + "?until=latest",
                Codecs.bytes())).uid("in").map(b -> b).named("pass-through");
        if (twoWorkers) {
            passed = passed.rebalance();
        }
        passed.sink(Connectors.sink("chronicle:" + out, Codecs.bytes())).uid("out");
        JobConfig config = JobConfig.defaults().withJobName("chronicle-pass-through").withParallelism(1)
                .withWorkers(twoWorkers ? 2 : 1);
        if (exactlyOnce) {
            config = config.withCheckpointing(CheckpointConfig.every(interval, work.resolve("checkpoints")));
        }
        JobResult result = JobRunner.run(p, config);
        if (result.metrics().sourceRecords() != events) {
            throw new IllegalStateException("expected " + events + " events, read " + result.metrics().sourceRecords());
        }
        return result.metrics().elapsedNanos();
    }
}
