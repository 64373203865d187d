package io.sluice.benchmarks;

import io.sluice.api.BadInputException;
import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.benchmarks.runner.NexmarkQueries;
import io.sluice.benchmarks.runner.ReaderAlone;
import io.sluice.benchmarks.runner.RunnerArgs;
import io.sluice.benchmarks.runner.Stats;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NEXMark throughput on this machine: runs chosen queries on {@code gen:nexmark?events=N&seed=S} into the
 * discarding sink ({@code null:}) at each parallelism P (P workers), and prints events/s and events/s per core,
 * next to the generator-alone rate that is the ceiling of every query. {@code --partitions K} reads the stream
 * of K self-contained partitions instead ({@code &partitions=K}; the same stream at every parallelism).
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.NexmarkRunner \
 *      --queries q0,q1,q2,q3,q4,q5,q7,q8,q11,tumbling-count --events 20000000 --parallelism 1,2 [--json]
 * </pre>
 *
 * <p>Each (query, parallelism) runs in a JVM of its own per round, as a JMH fork does (so that one query's profile
 * does not slow the next down through megamorphic call sites), with {@code --jvm-args}: first warm-up runs that
 * are thrown away (at least {@code --warmup}, and more until 4 s have passed), then {@code --runs} measured runs.
 * A query's parallelisms are measured back to back, so that its "vs p1" ratio compares JVMs a minute apart, not
 * the two ends of a long run on a machine whose load drifts; {@code --rounds R} repeats that R times, alternating
 * the order (p1, p2, then p2, p1, ...). The table reports the median of each (query, parallelism)'s
 * R × {@code --runs} measured runs. Every run starts a fresh job and checks that the sources read exactly N events. The time is the job's own (from starting its workers to
 * the last worker's end), so it includes the generator but not JVM start-up or planning. Next to it the table shows
 * the JVM's CPU time per event during the measured runs (all threads: workers, GC, compiler): on a machine shared
 * with other work the wall-clock rate follows the neighbours' load, the CPU per event much less.
 *
 * <p>Two rows are always measured first, as the ceiling: {@code reader}, the generator alone (P threads calling
 * the source reader, no engine), and {@code gen-null}, the generator straight into the sink through the engine
 * with no operator between them. Targets (issue 6) are checked at the end: at parallelism 1, q0–q2 at least 80 %
 * of {@code reader}, q5 9 M, q7 15 M, tumbling-count 10 M events/s; every query at parallelism 2 at least 1.6×
 * its parallelism 1 rate. Windows run in two stages behind a queue unless the JVM runs with
 * {@code -Dsluice.bench.oneStageWindows=true} (see {@link #ONE_STAGE_WINDOWS}).
 */
public final class NexmarkRunner {

    static final Set<String> OPTIONS = Set.of("queries", "events", "parallelism", "runs", "rounds", "warmup", "seed",
            "partitions", "jvm-args");
    /** Warm-up runs continue until at least this much time has passed (and at least {@code --warmup} runs). */
    static final long MIN_WARMUP_NANOS = 4_000_000_000L;
    static final Set<String> FLAGS = Set.of("json", "no-fork", "child");
    static final String DEFAULT_QUERIES = "q0,q1,q2,q3,q4,q5,q7,q8,q11,tumbling-count";
    static final String DEFAULT_JVM_ARGS = "-Xms3g -Xmx3g -XX:+UseParallelGC";
    static final String READER = "reader";
    static final String GEN_NULL = "gen-null";
    /**
     * System property ({@code --jvm-args '... -Dsluice.bench.oneStageWindows=true'}): windows behind a queue get no
     * local stage ({@link JobConfig#withTwoStageWindows}), to compare with the default two stages.
     */
    static final String ONE_STAGE_WINDOWS = "sluice.bench.oneStageWindows";
    private static final String RESULT = "RESULT ";

    /** The input of every run: {@code gen:nexmark} with N events, a seed and K partitions (1: the plain stream). */
    record Input(long events, long seed, int partitions) {
        String uri() {
            return "gen:nexmark?events=" + events + "&seed=" + seed
                    + (partitions == 1 ? "" : "&partitions=" + partitions);
        }

        List<String> args() {
            return List.of("--events", Long.toString(events), "--seed", Long.toString(seed),
                    "--partitions", Integer.toString(partitions));
        }
    }

    /**
     * One measured (query, parallelism): the nanoseconds of every measured run.
     *
     * @param runCpuNanos the JVM's CPU time (every thread: workers, GC, JIT) during each measured run: on a shared,
     *                    loaded machine the CPU per event moves far less than the wall-clock rate
     */
    record Measurement(String query, int parallelism, long events, List<Long> runNanos, List<Long> runCpuNanos) {
        double seconds() {
            List<Double> s = new ArrayList<>();
            for (long n : runNanos) {
                s.add(n / 1e9);
            }
            return Stats.median(s);
        }

        double rate() {
            return events / seconds();
        }

        /** This measurement's runs and those of {@code other}, of the same query and parallelism. */
        Measurement pool(Measurement other) {
            List<Long> nanos = new ArrayList<>(runNanos);
            nanos.addAll(other.runNanos);
            List<Long> cpu = new ArrayList<>(runCpuNanos);
            cpu.addAll(other.runCpuNanos);
            return new Measurement(query, parallelism, events, nanos, cpu);
        }

        /** Median CPU nanoseconds per event over the measured runs. */
        double cpuNanosPerEvent() {
            List<Double> c = new ArrayList<>();
            for (long n : runCpuNanos) {
                c.add((double) n / events);
            }
            return Stats.median(c);
        }
    }

    private NexmarkRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunnerArgs a;
        Input input;
        int runs;
        int rounds;
        int warmup;
        List<String> queries;
        List<Long> parallelisms;
        try {
            a = RunnerArgs.parse(args, OPTIONS, FLAGS);
            input = new Input(a.getLong("events", 20_000_000), a.getLong("seed", 42), a.getInt("partitions", 1));
            Connectors.source(input.uri(), Codecs.json(NexmarkEvent.class)); // the generator judges its own URI
            runs = atLeast(a, "runs", 3, 1);
            rounds = atLeast(a, "rounds", 1, 1);
            warmup = atLeast(a, "warmup", 1, 0);
            queries = a.getList("queries", DEFAULT_QUERIES);
            parallelisms = new ArrayList<>(new LinkedHashSet<>(a.getLongs("parallelism", "1,2")));
        } catch (IllegalArgumentException | BadInputException e) {
            System.err.println("NexmarkRunner: " + e.getMessage());
            System.err.println("usage: NexmarkRunner [--queries " + DEFAULT_QUERIES + "] [--events 20000000] "
                    + "[--parallelism 1,2] [--runs 3] [--rounds 1] [--warmup 1] [--seed 42] [--partitions 1] [--json] "
                    + "[--no-fork] "
                    + "[--jvm-args '" + DEFAULT_JVM_ARGS + "']");
            System.exit(2);
            return;
        }
        if (a.flag("child")) {
            child(queries.get(0), parallelisms.get(0).intValue(), input, warmup, runs);
            return;
        }
        NexmarkQueries known = NexmarkQueries.load();
        for (String q : queries) {
            if (!q.equals(READER)) {
                known.require(q);
            }
        }
        List<String> all = new ArrayList<>(List.of(READER, GEN_NULL));
        for (String q : queries) {
            if (!all.contains(q)) {
                all.add(q);
            }
        }
        String loadBefore = Stats.loadAverage();
        System.err.printf(Locale.ROOT, "NexmarkRunner: %s at parallelism %s, %s, %d round(s) of %d warm-up + "
                + "%d runs, load average %s%n", all, parallelisms, input.uri(), rounds, warmup, runs, loadBefore);
        Map<String, Measurement> pooled = new LinkedHashMap<>();
        for (String q : all) {
            for (int r = 0; r < rounds; r++) {
                List<Long> order = new ArrayList<>(parallelisms);
                if (r % 2 == 1) {
                    Collections.reverse(order);
                }
                for (long p : order) {
                    Measurement m = a.flag("no-fork")
                            ? measure(q, (int) p, input, warmup, runs)
                            : fork(q, (int) p, input, warmup, runs, a.get("jvm-args", DEFAULT_JVM_ARGS));
                    pooled.merge(q + "@" + p, m, Measurement::pool);
                    System.err.printf(Locale.ROOT, "  %-15s p=%d  %s events/s  (runs: %s)%n", q, p,
                            Stats.rate(m.rate()), runList(m));
                }
            }
        }
        List<Measurement> results = new ArrayList<>();
        for (long p : parallelisms) {
            for (String q : all) {
                results.add(pooled.get(q + "@" + p));
            }
        }
        String loadAfter = Stats.loadAverage();
        if (a.flag("json")) {
            printJson(System.out, results, input, loadBefore, loadAfter);
        } else {
            printTable(System.out, results, input, loadBefore, loadAfter);
        }
    }

    private static int atLeast(RunnerArgs a, String name, int defaultValue, int min) {
        int v = a.getInt(name, defaultValue);
        if (v < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** Runs one (query, parallelism) in a JVM of its own; its measured runs come back on its stdout. */
    private static Measurement fork(String query, int p, Input input, int warmup, int runs, String jvmArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String s : jvmArgs.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                cmd.add(s);
            }
        }
        cmd.addAll(List.of("-cp", Stats.forkClassPath(), NexmarkRunner.class.getName(), "--child",
                "--queries", query, "--parallelism", Integer.toString(p), "--warmup", Integer.toString(warmup),
                "--runs", Integer.toString(runs)));
        cmd.addAll(input.args());
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> nanos = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    String[] f = line.substring(RESULT.length()).trim().split(" ");
                    nanos.add(Long.parseLong(f[0]));
                    cpu.add(Long.parseLong(f[1]));
                } else {
                    System.err.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || nanos.size() != runs) {
            throw new IllegalStateException(query + " at parallelism " + p + " failed (exit code " + exit + ")");
        }
        return new Measurement(query, p, input.events(), nanos, cpu);
    }

    /** The child JVM: warm-up runs, then one {@code RESULT <nanos> <cpu nanos>} line per measured run. */
    private static void child(String query, int p, Input input, int warmup, int runs) throws Exception {
        Measurement m = measure(query, p, input, warmup, runs);
        for (int r = 0; r < m.runNanos().size(); r++) {
            System.out.println(RESULT + m.runNanos().get(r) + " " + m.runCpuNanos().get(r));
        }
    }

    static Measurement measure(String query, int p, Input input, int warmup, int runs) throws Exception {
        String uri = input.uri();
        long events = input.events();
        NexmarkQueries.Definition definition = query.equals(READER) ? null : NexmarkQueries.load().require(query);
        long warmupStart = System.nanoTime();
        for (int r = 0; r < warmup || System.nanoTime() - warmupStart < MIN_WARMUP_NANOS; r++) {
            run(definition, uri, p, events);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        List<Long> nanos = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long cpuBefore = os.getProcessCpuTime();
            nanos.add(run(definition, uri, p, events));
            cpu.add(os.getProcessCpuTime() - cpuBefore);
        }
        return new Measurement(query, p, events, nanos, cpu);
    }

    private static long run(NexmarkQueries.Definition definition, String uri, int p, long events) throws Exception {
        return definition == null ? ReaderAlone.run(uri, p, events) : runJob(definition, uri, p, events);
    }

    /** One job run; returns its elapsed nanoseconds after checking that every event was read. */
    static long runJob(NexmarkQueries.Definition definition, String uri, int p, long events) throws Exception {
        Pipeline pipeline = Pipeline.create();
        definition.define(pipeline, uri);
        JobConfig config = JobConfig.defaults().withJobName("nexmark").withParallelism(p).withWorkers(p)
                .withTwoStageWindows(!Boolean.getBoolean(ONE_STAGE_WINDOWS));
        JobResult result = JobRunner.run(pipeline, config);
        if (result.metrics().sourceRecords() != events) {
            throw new IllegalStateException("expected " + events + " events, read " + result.metrics().sourceRecords());
        }
        return result.metrics().elapsedNanos();
    }

    private static String runList(Measurement m) {
        List<String> r = new ArrayList<>();
        for (long n : m.runNanos()) {
            r.add(Stats.rate(m.events() * 1e9 / n));
        }
        return String.join(", ", r);
    }

    /** The rate of the same query at parallelism 1, or -1 when it was not measured. */
    private static double rateAtP1(List<Measurement> results, String query) {
        for (Measurement m : results) {
            if (m.query().equals(query) && m.parallelism() == 1) {
                return m.rate();
            }
        }
        return -1;
    }

    private static double readerRate(List<Measurement> results, int p) {
        for (Measurement m : results) {
            if (m.query().equals(READER) && m.parallelism() == p) {
                return m.rate();
            }
        }
        return -1;
    }

    /** The issue's target for a row, and whether it is met; empty when the row has none. */
    static String target(List<Measurement> results, Measurement m) {
        if (m.query().equals(READER) || m.query().equals(GEN_NULL)) {
            return "";
        }
        if (m.parallelism() == 1) {
            double min;
            String what;
            switch (m.query()) {
                case "q0", "q1", "q2" -> {
                    min = 0.8 * readerRate(results, 1);
                    what = "≥ 80 % of reader";
                }
                case "q5" -> {
                    min = 9e6;
                    what = "≥ 9 M";
                }
                case "q7" -> {
                    min = 15e6;
                    what = "≥ 15 M";
                }
                case "tumbling-count" -> {
                    min = 10e6;
                    what = "≥ 10 M";
                }
                default -> {
                    return "";
                }
            }
            return what + (m.rate() >= min ? " ✔" : " ✘");
        }
        double p1 = rateAtP1(results, m.query());
        if (p1 <= 0 || m.parallelism() != 2) {
            return "";
        }
        return "≥ 1.6× p1" + (m.rate() >= 1.6 * p1 ? " ✔" : " ✘");
    }

    private static void printTable(PrintStream out, List<Measurement> results, Input input,
                                   String loadBefore, String loadAfter) {
        out.printf(Locale.ROOT, "NEXMark on %s into null:, median of the measured runs; "
                + "load average %s before, %s after%n%n", input.uri(), loadBefore, loadAfter);
        out.println("| query | parallelism | events | seconds | events/s | events/s per core | CPU ns/event | of reader | vs p1 "
                + "| target |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Measurement m : results) {
            double reader = readerRate(results, m.parallelism());
            double p1 = rateAtP1(results, m.query());
            out.printf(Locale.ROOT, "| %s | %d | %,d | %.3f | %s | %s | %.1f | %s | %s | %s |%n", m.query(),
                    m.parallelism(), m.events(), m.seconds(), Stats.rate(m.rate()), Stats.rate(m.rate() / m.parallelism()),
                    m.cpuNanosPerEvent(),
                    reader > 0 ? String.format(Locale.ROOT, "%.0f %%", 100 * m.rate() / reader) : "",
                    m.parallelism() != 1 && p1 > 0 ? String.format(Locale.ROOT, "%.2f×", m.rate() / p1) : "",
                    target(results, m));
        }
    }

    private static void printJson(PrintStream out, List<Measurement> results, Input input,
                                  String loadBefore, String loadAfter) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("source", Stats.jsonString(input.uri()));
        header.put("sink", Stats.jsonString("null:"));
        header.put("loadAverageBefore", Stats.jsonString(loadBefore));
        header.put("loadAverageAfter", Stats.jsonString(loadAfter));
        StringBuilder b = new StringBuilder("{");
        header.forEach((k, v) -> b.append('"').append(k).append("\":").append(v).append(','));
        b.append("\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            Measurement m = results.get(i);
            double reader = readerRate(results, m.parallelism());
            b.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "{\"query\":%s,\"parallelism\":%d,\"events\":%d,\"seconds\":%.4f,\"eventsPerSecond\":%.0f,"
                            + "\"eventsPerSecondPerCore\":%.0f,\"cpuNanosPerEvent\":%.1f,\"ofReader\":%.4f,"
                            + "\"runsNanos\":%s,\"runsCpuNanos\":%s,\"target\":%s}",
                    Stats.jsonString(m.query()), m.parallelism(), m.events(), m.seconds(), m.rate(),
                    m.rate() / m.parallelism(), m.cpuNanosPerEvent(), reader > 0 ? m.rate() / reader : 0, m.runNanos(),
                    m.runCpuNanos(),
                    Stats.jsonString(target(results, m))));
        }
        out.println(b.append("\n]}"));
    }
}
