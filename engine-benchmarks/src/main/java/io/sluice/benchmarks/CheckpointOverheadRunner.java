package io.sluice.benchmarks;

import io.sluice.api.KeyedStream;
import io.sluice.api.Pipeline;
import io.sluice.api.aggregate.Aggregations;
import io.sluice.benchmarks.support.ArraySource;
import io.sluice.benchmarks.support.DiscardSink;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.checkpoint.CheckpointConfig;
import io.sluice.runtime.checkpoint.CheckpointStats;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobMetrics;
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
 * What checkpointing costs a stateful job: a rolling aggregate per key over {@code keys} distinct keys (one
 * accumulator each) on one worker, run alternately without checkpoints and with a checkpoint every
 * {@code interval}, {@code runs} times each (after one warm-up run of each mode), every run a whole job from its
 * start. {@code aggregate=counting} (the default) keeps a {@code LongAccumulator} per key, which the runtime
 * holds unboxed; {@code aggregate=summingDouble} keeps a {@code DoubleAccumulator}, an object changed in place
 * (the path of every other kind of keyed state). {@code order=shuffled} replays the keys in changing random
 * orders instead of one fixed order (see {@link #keyOrder}).
 *
 * <p>Prints per run and as medians per mode: events/s and the CPU time of the whole JVM per event, also split
 * into the worker thread, the thread that writes frozen state, the coordinator thread (files, fsync) and the rest
 * (GC, compiler); GC time and collections per run; and, over all checkpoints, the bytes written, the worker's
 * synchronous pause (median, max), the time the state took to be written off the worker and the checkpoint
 * duration. Events/s depend on the cores the run gets; CPU time per event is what other load on the machine
 * changes least.
 *
 * <pre>
 * java -Xmx4g -XX:+UseParallelGC -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.CheckpointOverheadRunner \
 *      [keys=1000000] [events=60000000] [interval=1s] [runs=3] [aggregate=counting|summingDouble] [order=fixed|shuffled]
 * </pre>
 */
public final class CheckpointOverheadRunner {

    /** Random orders of all keys in the source's data with {@code order=shuffled}. */
    private static final int PERMUTATIONS = 4;

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
        String aggregate = opts.getOrDefault("aggregate", "counting");
        if (!aggregate.equals("counting") && !aggregate.equals("summingDouble")) {
            throw new IllegalArgumentException("aggregate must be counting or summingDouble, not " + aggregate);
        }

        String order = opts.getOrDefault("order", "fixed");
        if (!order.equals("fixed") && !order.equals("shuffled")) {
            throw new IllegalArgumentException("order must be fixed or shuffled, not " + order);
        }
        Object[] data = keyOrder(keys, order.equals("shuffled"));
        int rounds = (int) Math.max(1, events / data.length);
        System.out.printf(Locale.ROOT, "rolling %s over %,d keys (%s order), %,d events per run, checkpoint every %s%n",
                aggregate, keys, order, (long) data.length * rounds, interval);

        Job job = new Job(data, rounds, aggregate.equals("counting"));
        job.run(null, new ArrayList<>()); // warm-up of both modes: a long-running job compiles its checkpoint code once
        Path warmUpDir = Files.createTempDirectory("sluice-ckpt-bench");
        try {
            job.run(CheckpointConfig.every(interval, warmUpDir).retaining(2), new ArrayList<>());
        } finally {
            deleteRecursively(warmUpDir);
        }
        List<Double> plain = new ArrayList<>();
        List<Double> checkpointed = new ArrayList<>();
        long[] gcPlain = new long[1];
        long[] gcCheckpointed = new long[1];
        List<Double> cpuPlain = new ArrayList<>();
        List<Double> cpuCheckpointed = new ArrayList<>();
        List<CheckpointStats> stats = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Measured m = job.run(null, new ArrayList<>());
            plain.add(m.rate());
            cpuPlain.add(m.cpuPerEvent());
            gcPlain[0] += m.gcMillis();
            System.out.printf(Locale.ROOT, "run %d without checkpoints: %s%n", r + 1, m);
            Path dir = Files.createTempDirectory("sluice-ckpt-bench");
            try {
                int before = stats.size();
                m = job.run(CheckpointConfig.every(interval, dir).retaining(2), stats);
                checkpointed.add(m.rate());
                cpuCheckpointed.add(m.cpuPerEvent());
                gcCheckpointed[0] += m.gcMillis();
                System.out.printf(Locale.ROOT, "run %d with checkpoints:    %s, %d checkpoints%n", r + 1, m,
                        stats.size() - before);
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

    /**
     * The keys in the order the source replays them. Fixed: every key once, the same order every round (keys are
     * spread, not sequential: realistic hash-map access; but a state built in that order lies in memory in the
     * order it is read, unless a collection moved it). Shuffled: {@value #PERMUTATIONS} different random
     * orders of all keys one after the other, so no memory order matches the order of access for long.
     */
    private static Object[] keyOrder(int keys, boolean shuffled) {
        Long[] base = new Long[keys];
        for (int i = 0; i < keys; i++) {
            base[i] = (long) i * 2_654_435_761L;
        }
        if (!shuffled) {
            return base;
        }
        Object[] data = new Object[keys * PERMUTATIONS];
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int p = 0; p < PERMUTATIONS; p++) {
            for (int i = keys - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Long t = base[i];
                base[i] = base[j];
                base[j] = t;
            }
            System.arraycopy(base, 0, data, p * keys, keys);
        }
        return data;
    }

    /** One run: events/s, JVM CPU time per event (all, and by thread), garbage collection during it. */
    private record Measured(double rate, double cpuPerEvent, double workerCpuPerEvent, double writerCpuPerEvent,
                            double coordinatorCpuPerEvent, long gcMillis, long gcCount) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s events/s, %.0f ns CPU per event (worker %.0f, state writer %.0f, "
                            + "coordinator %.0f, rest %.0f), GC %d ms in %d collections", m(rate), cpuPerEvent,
                    workerCpuPerEvent, writerCpuPerEvent, coordinatorCpuPerEvent,
                    cpuPerEvent - workerCpuPerEvent - writerCpuPerEvent - coordinatorCpuPerEvent, gcMillis, gcCount);
        }
    }

    /**
     * CPU time of a job's worker and checkpoint threads, sampled while they live (they start and end with the job,
     * so the last sample, at most one poll old, stands for the end).
     */
    private static final class ThreadCpu {
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> latest = new java.util.HashMap<>();
        private final Map<Long, String> names = new java.util.HashMap<>();
        /** Threads alive before the job started (a previous job's may still be ending): not the job's. */
        private final java.util.Set<Long> before = new java.util.HashSet<>();

        ThreadCpu() {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                before.add(t.getId());
            }
        }

        void sample() {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                String name = t.getName();
                if (!before.contains(t.getId()) && (name.contains("-worker-") || name.contains("checkpoint"))) {
                    long cpu = threads.getThreadCpuTime(t.getId());
                    if (cpu >= 0) {
                        latest.put(t.getId(), cpu);
                        names.put(t.getId(), name);
                    }
                }
            }
        }

        /** CPU time of the threads whose name contains {@code part}. */
        long nanos(String part) {
            long n = 0;
            for (Map.Entry<Long, Long> e : latest.entrySet()) {
                if (names.get(e.getKey()).contains(part)) {
                    n += e.getValue();
                }
            }
            return n;
        }
    }

    /** Collections so far, over all collectors. */
    private static long gcCount() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
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

    /** The job measured: a rolling aggregate per key over {@code data}, {@code rounds} times over. */
    private record Job(Object[] data, int rounds, boolean counting) {

        /**
         * Runs the job once and measures all of it, from the start (building the state included) to the end of the
         * input: events/s, the JVM's CPU time per event (also per thread kind), the collections.
         */
        Measured run(CheckpointConfig checkpoint, List<CheckpointStats> stats) throws Exception {
            Pipeline p = Pipeline.create();
            KeyedStream<Long, Long> keyed = p.<Long>source(new ArraySource(data, rounds).typed()).uid("keys").keyBy(k -> k);
            if (counting) { // a LongAccumulator: held unboxed in the state
                keyed.aggregate(Aggregations.counting()).uid("aggregate").sink(new DiscardSink());
            } else { // an object accumulator, changed in place: copied once per checkpoint when it changes
                keyed.aggregate(Aggregations.summingDouble(k -> (double) k)).uid("aggregate").sink(new DiscardSink());
            }
            JobConfig config = JobConfig.defaults().withJobName("ckpt-bench").withParallelism(1).withWorkers(1)
                    .withCheckpointing(checkpoint);
            long cpu = processCpuNanos();
            long gc = gcMillis();
            long gcCount = gcCount();
            ThreadCpu threadCpu = new ThreadCpu();
            JobHandle job = JobRunner.start(p, config);
            long seen = -1;
            while (!job.isDone()) {
                CheckpointStats s = job.lastCheckpoint();
                if (s != null && s.checkpointId() != seen) {
                    seen = s.checkpointId();
                    stats.add(s);
                }
                threadCpu.sample();
                Thread.sleep(10);
            }
            JobMetrics m = job.join().metrics();
            long events = m.sourceRecords();
            return new Measured(events * 1e9 / m.elapsedNanos(), (processCpuNanos() - cpu) / (double) events,
                    threadCpu.nanos("-worker-") / (double) events, threadCpu.nanos("-checkpoint-io-") / (double) events,
                    threadCpu.nanos("-checkpoints") / (double) events, gcMillis() - gc, gcCount() - gcCount);
        }
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
