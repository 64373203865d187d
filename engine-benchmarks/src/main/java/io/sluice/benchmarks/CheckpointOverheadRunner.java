package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What checkpointing costs a stateful job: a rolling count per key over {@code keys} distinct keys (one
 * accumulator each) on one worker, run alternately without checkpoints and with a checkpoint every
 * {@code interval}, {@code runs} times each. Prints events/s (median per mode, and the ratio) and, over all
 * checkpoints, the bytes written, the worker's synchronous pause (median, max), the time the state took to be
 * written off the worker, and the checkpoint duration. Events/s depend on the cores the run gets; the CPU time
 * of the whole JVM per event (GC and the checkpoint thread included) is also printed, which other load on the
 * machine barely changes.
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.CheckpointOverheadRunner \
 *      [keys=1000000] [events=60000000] [interval=1s] [runs=3]
 * </pre>
 */
public final class CheckpointOverheadRunner {

    private CheckpointOverheadRunner() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new TreeMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int keys = Integer.parseInt(opts.getOrDefault("keys", "1000000"));
        long events = Long.parseLong(opts.getOrDefault("events", "60000000"));
        Duration interval = io.sluice.api.connector.Durations.parse(opts.getOrDefault("interval", "1s"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "3"));

        Object[] data = new Object[keys];
        for (int i = 0; i < keys; i++) {
            data[i] = (long) i * 2_654_435_761L; // spread, not sequential: realistic hash-map access
        }
        int rounds = (int) Math.max(1, events / keys);
        System.out.printf(Locale.ROOT, "rolling count over %,d keys, %,d events per run, checkpoint every %s%n",
                keys, (long) keys * rounds, interval);

        run(data, rounds, null); // warm-up
        List<Double> plain = new ArrayList<>();
        List<Double> checkpointed = new ArrayList<>();
        long[] gcPlain = new long[1];
        long[] gcCheckpointed = new long[1];
        List<Double> cpuPlain = new ArrayList<>();
        List<Double> cpuCheckpointed = new ArrayList<>();
        long perRun = (long) keys * rounds;
        List<CheckpointStats> stats = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long gc = gcMillis();
            long cpu = processCpuNanos();
            plain.add(run(data, rounds, null));
            cpuPlain.add((processCpuNanos() - cpu) / (double) perRun);
            gcPlain[0] += gcMillis() - gc;
            gc = gcMillis();
            cpu = processCpuNanos();
            Path dir = Files.createTempDirectory("sluice-ckpt-bench");
            try {
                checkpointed.add(run(data, rounds, CheckpointConfig.every(interval, dir).retaining(2), stats));
                cpuCheckpointed.add((processCpuNanos() - cpu) / (double) perRun);
                gcCheckpointed[0] += gcMillis() - gc;
            } finally {
                deleteRecursively(dir);
            }
        }
        double p = median(plain);
        double c = median(checkpointed);
        System.out.printf(Locale.ROOT, "without checkpoints: %s events/s (median of %d: %s)%n", m(p), runs, ms(plain));
        System.out.printf(Locale.ROOT, "with checkpoints:    %s events/s (median of %d: %s)%n", m(c), runs, ms(checkpointed));
        System.out.printf(Locale.ROOT, "throughput with checkpoints: %.1f %% of without (drop %.1f %%)%n",
                100 * c / p, 100 * (1 - c / p));
        double cp = median(cpuPlain);
        double cc = median(cpuCheckpointed);
        System.out.printf(Locale.ROOT, "CPU time of the whole JVM per event (all threads, GC included; robust to other "
                + "load): %.0f ns without, %.0f ns with checkpoints (+%.1f %%)%n", cp, cc, 100 * (cc / cp - 1));
        System.out.printf(Locale.ROOT, "garbage collection per run (mean): %d ms without checkpoints, %d ms with%n",
                gcPlain[0] / runs, gcCheckpointed[0] / runs);
        if (!stats.isEmpty()) {
            List<Long> pauses = sorted(stats, CheckpointStats::maxSyncNanos);
            List<Long> asyncs = sorted(stats, CheckpointStats::maxAsyncNanos);
            List<Long> durations = sorted(stats, CheckpointStats::durationNanos);
            System.out.printf(Locale.ROOT, "checkpoints: %d, state %.1f MiB each (median)%n", stats.size(),
                    sorted(stats, CheckpointStats::bytes).get(stats.size() / 2) / 1048576.0);
            System.out.printf(Locale.ROOT, "worker pause (synchronous part, on the worker): median %.2f ms, max %.2f ms%n",
                    pauses.get(pauses.size() / 2) / 1e6, pauses.get(pauses.size() - 1) / 1e6);
            System.out.printf(Locale.ROOT, "state written off the worker (asynchronous part): median %.0f ms, max %.0f ms%n",
                    asyncs.get(asyncs.size() / 2) / 1e6, asyncs.get(asyncs.size() - 1) / 1e6);
            System.out.printf(Locale.ROOT, "checkpoint duration (trigger to durable manifest): median %.0f ms, max %.0f ms%n",
                    durations.get(durations.size() / 2) / 1e6, durations.get(durations.size() - 1) / 1e6);
        }
    }

    /** CPU time of this JVM so far, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Time spent in garbage collection so far, over all collectors. */
    private static long gcMillis() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static List<Long> sorted(List<CheckpointStats> stats, java.util.function.ToLongFunction<CheckpointStats> f) {
        return stats.stream().map(f::applyAsLong).sorted().toList();
    }

    private static double run(Object[] data, int rounds, CheckpointConfig checkpoint) throws Exception {
        return run(data, rounds, checkpoint, new ArrayList<>());
    }

    private static double run(Object[] data, int rounds, CheckpointConfig checkpoint, List<CheckpointStats> stats)
            throws Exception {
        Pipeline p = Pipeline.create();
        p.<Long>source(new ArraySource(data, rounds).typed()).uid("keys")
                .keyBy(k -> k)
                .aggregate(Aggregations.counting()).uid("count")
                .sink(new DiscardSink());
        JobConfig config = JobConfig.defaults().withJobName("ckpt-bench").withParallelism(1).withWorkers(1)
                .withCheckpointing(checkpoint);
        JobHandle job = JobRunner.start(p, config);
        long seen = -1;
        while (!job.isDone()) {
            CheckpointStats s = job.lastCheckpoint();
            if (s != null && s.checkpointId() != seen) {
                seen = s.checkpointId();
                stats.add(s);
            }
            Thread.sleep(20);
        }
        JobResult result = job.join();
        return result.metrics().sourceRecords() * 1e9 / result.metrics().elapsedNanos();
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    private static String m(double perSecond) {
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
    }

    private static String ms(List<Double> xs) {
        return xs.stream().map(CheckpointOverheadRunner::m).toList().toString();
    }

    private static void deleteRecursively(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
