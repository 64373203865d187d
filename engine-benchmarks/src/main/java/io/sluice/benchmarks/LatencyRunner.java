package io.sluice.benchmarks;

import io.sluice.api.Pipeline;
import io.sluice.api.connector.Durations;
import io.sluice.benchmarks.latency.HiccupMeter;
import io.sluice.benchmarks.latency.LatencyChart;
import io.sluice.benchmarks.latency.LatencyJobs;
import io.sluice.benchmarks.latency.LatencySink;
import io.sluice.benchmarks.latency.OpenLoopSource;
import io.sluice.benchmarks.latency.Schedule;
import io.sluice.benchmarks.runner.RunnerArgs;
import io.sluice.benchmarks.runner.Stats;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.JobRunner;
import io.sluice.runtime.exec.JobHandle;
import io.sluice.runtime.exec.JobResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Open-loop end-to-end latency, in-process on one worker: for each job and each rate, an {@link OpenLoopSource}
 * sends events on a fixed schedule ({@code rate} per second) with their intended send time, and a
 * {@link LatencySink} records, in an HdrHistogram, the time from the intended send time to the sink's write (for
 * the window job: from the window's end, see {@link LatencySink}). Because latency counts from when an event was
 * <em>due</em>, a source that falls behind shows up in full: no coordinated omission.
 *
 * <pre>
 * java -cp engine-benchmarks/target/benchmarks.jar io.sluice.benchmarks.LatencyRunner \
 *      --rates 100000,500000,1000000 --seconds 20 [--warmup 10] [--jobs window,keyed,passthrough] \
 *      [--keys 1000] [--window 100ms] [--out docs]
 * </pre>
 *
 * <p>Prints p50/p99/p99.9/p99.99/max per job and rate, with the GCs and the platform's own hiccups during the
 * measured part ({@link HiccupMeter}: how late a thread that sleeps 1 ms at a time wakes up), writes each
 * distribution as {@code <out>/latency/<job>-<rate>.hgrm} (milliseconds, HdrHistogram's percentile format) and one
 * SVG chart per job, one line per rate: {@code <out>/latency.svg} for the window job, {@code <out>/latency-<job>.svg} for the
 * others. Each (job, rate) runs in a JVM of its own with {@code --jvm-args}; the first {@code --warmup} seconds of
 * its schedule are not recorded. Target (issue 6): at 1 M events/s through the window job, p99 ≤ 1 ms and
 * p99.99 ≤ 10 ms.
 */
public final class LatencyRunner {

    static final Set<String> OPTIONS = Set.of("rates", "seconds", "warmup", "jobs", "keys", "window", "out",
            "jvm-args", "seed");
    static final Set<String> FLAGS = Set.of("no-fork", "child", "chart-only");
    static final String DEFAULT_JVM_ARGS = "-Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch";
    private static final String RESULT = "RESULT ";

    /** One (job, rate): its percentiles in nanoseconds, and what happened around it. */
    record Row(String job, long rate, long p50, long p99, long p999, long p9999, long max, long samples,
               long gcCount, long gcMillis, double scheduleRatio, long hiccupP999, long hiccupMax) {
        String format() {
            return String.join(" ", job, Long.toString(rate), Long.toString(p50), Long.toString(p99),
                    Long.toString(p999), Long.toString(p9999), Long.toString(max), Long.toString(samples),
                    Long.toString(gcCount), Long.toString(gcMillis), Double.toString(scheduleRatio),
                    Long.toString(hiccupP999), Long.toString(hiccupMax));
        }

        static Row parse(String s) {
            String[] f = s.trim().split(" ");
            return new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                    Long.parseLong(f[9]), Double.parseDouble(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]));
        }
    }

    private LatencyRunner() {
    }

    public static void main(String[] args) throws Exception {
        RunnerArgs a;
        try {
            a = RunnerArgs.parse(args, OPTIONS, FLAGS);
        } catch (IllegalArgumentException e) {
            System.err.println("LatencyRunner: " + e.getMessage());
            System.err.println("usage: LatencyRunner [--rates 100000,500000,1000000] [--seconds 20] [--warmup 10] "
                    + "[--jobs window,keyed,passthrough] [--keys 1000] [--window 100ms] [--out docs] [--seed 42] "
                    + "[--no-fork] [--chart-only] [--jvm-args '" + DEFAULT_JVM_ARGS + "']");
            System.exit(2);
            return;
        }
        List<Long> rates = a.getLongs("rates", "100000,500000,1000000");
        List<String> jobs = a.getList("jobs", String.join(",", LatencyJobs.NAMES));
        for (String j : jobs) {
            if (!LatencyJobs.NAMES.contains(j)) {
                throw new IllegalArgumentException("unknown job '" + j + "' (known: " + LatencyJobs.NAMES + ")");
            }
        }
        Path out = Path.of(a.get("out", "docs"));
        Duration window = Durations.parse(a.get("window", "100ms"));
        int keys = a.getInt("keys", 1000);
        long seconds = a.getLong("seconds", 20);
        long warmup = a.getLong("warmup", 10);
        long seed = a.getLong("seed", 42);
        if (a.flag("child")) {
            Row row = measure(jobs.get(0), rates.get(0), seconds, warmup, keys, window, seed, out);
            System.out.println(RESULT + row.format());
            return;
        }
        if (!a.flag("chart-only")) {
            String loadBefore = Stats.loadAverage();
            System.err.printf(Locale.ROOT, "LatencyRunner: jobs %s at %s events/s, %d s (+%d s warm-up) each, %d keys, "
                    + "window %s, one worker; load average %s%n", jobs, rates, seconds, warmup, keys, window, loadBefore);
            List<Row> rows = new ArrayList<>();
            for (String job : jobs) {
                for (long rate : rates) {
                    Row row = a.flag("no-fork")
                            ? measure(job, rate, seconds, warmup, keys, window, seed, out)
                            : fork(job, rate, seconds, warmup, keys, window, seed, out,
                            a.get("jvm-args", DEFAULT_JVM_ARGS));
                    rows.add(row);
                    System.err.printf(Locale.ROOT, "  %-11s %,10d/s  p50 %s  p99 %s  p99.99 %s  max %s%n", job, rate,
                            ms(row.p50()), ms(row.p99()), ms(row.p9999()), ms(row.max()));
                }
            }
            printTable(System.out, rows, loadBefore, Stats.loadAverage(), window, keys, seconds, warmup);
        }
        for (String job : jobs) {
            writeChart(out, job, rates, window, keys);
        }
    }

    private static Row fork(String job, long rate, long seconds, long warmup, int keys, Duration window, long seed,
                            Path out, String jvmArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String s : jvmArgs.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                cmd.add(s);
            }
        }
        cmd.addAll(List.of("-cp", Stats.forkClassPath(), LatencyRunner.class.getName(), "--child",
                "--jobs", job, "--rates", Long.toString(rate), "--seconds", Long.toString(seconds),
                "--warmup", Long.toString(warmup), "--keys", Integer.toString(keys),
                "--window", window.toMillis() + "ms", "--seed", Long.toString(seed), "--out", out.toString()));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Row row = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(RESULT)) {
                    row = Row.parse(line.substring(RESULT.length()));
                } else {
                    System.err.println(line);
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || row == null) {
            throw new IllegalStateException(job + " at " + rate + "/s failed (exit code " + exit + ")");
        }
        return row;
    }

    /** Runs one (job, rate) in this JVM and writes its {@code .hgrm}. */
    static Row measure(String job, long rate, long seconds, long warmup, int keys, Duration window, long seed,
                       Path out) throws Exception {
        Schedule schedule = new Schedule(rate);
        long events = rate * (warmup + seconds);
        long durationNanos = (warmup + seconds) * 1_000_000_000L;
        OpenLoopSource source = new OpenLoopSource(schedule, events, keys, seed);
        LatencySink sink = new LatencySink(schedule, warmup * 1_000_000_000L, durationNanos);
        Pipeline p = Pipeline.create();
        LatencyJobs.define(job, p, source, sink, window);
        JobConfig config = JobConfig.defaults().withJobName("latency-" + job).withParallelism(1).withWorkers(1);
        JobHandle handle = JobRunner.start(p, config);
        // GC during the measured part: from the end of the warm-up to the end of the job.
        while (schedule.origin() == 0 && !handle.isDone()) {
            Thread.sleep(1);
        }
        long measureFrom = schedule.origin() + warmup * 1_000_000_000L;
        while (System.nanoTime() < measureFrom && !handle.isDone()) {
            Thread.sleep(5);
        }
        long[] gcBefore = gc();
        HiccupMeter hiccups = HiccupMeter.start();
        JobResult result = handle.join();
        hiccups.close();
        long[] gcAfter = gc();
        if (result.metrics().sourceRecords() != events) {
            throw new IllegalStateException("expected " + events + " events, read " + result.metrics().sourceRecords());
        }
        Histogram h = sink.histogram();
        if (h.getTotalCount() == 0) {
            throw new IllegalStateException(job + ": nothing was recorded");
        }
        Path dir = out.resolve("latency");
        Files.createDirectories(dir);
        try (PrintStream file = new PrintStream(Files.newOutputStream(dir.resolve(job + "-" + rate + ".hgrm")), false,
                StandardCharsets.UTF_8)) {
            h.outputPercentileDistribution(file, 1_000_000.0);
        }
        return new Row(job, rate, h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getValueAtPercentile(99.99), h.getMaxValue(), h.getTotalCount(),
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                result.metrics().elapsedNanos() / (double) durationNanos,
                hiccups.histogram().getValueAtPercentile(99.9), hiccups.histogram().getMaxValue());
    }

    /** Collections so far and their total time in ms, over all collectors. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static void printTable(PrintStream out, List<Row> rows, String loadBefore, String loadAfter,
                                   Duration window, int keys, long seconds, long warmup) {
        out.printf(Locale.ROOT, "Open-loop latency, one worker, %d keys, window %d ms, %d s measured after %d s warm-up;"
                + " load average %s before, %s after%n%n", keys, window.toMillis(), seconds, warmup, loadBefore, loadAfter);
        out.println("| job | events/s | p50 | p99 | p99.9 | p99.99 | max | samples | GCs (ms) | hiccups p99.9 / max "
                + "| target |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            String target = "";
            if (r.job().equals("window") && r.rate() == 1_000_000) {
                target = "p99 ≤ 1 ms " + (r.p99() <= 1_000_000 ? "✔" : "✘") + ", p99.99 ≤ 10 ms "
                        + (r.p9999() <= 10_000_000 ? "✔" : "✘");
            }
            out.printf(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %s | %,d | %d (%d) | %s / %s | %s |%n", r.job(),
                    r.rate(), ms(r.p50()), ms(r.p99()), ms(r.p999()), ms(r.p9999()), ms(r.max()), r.samples(),
                    r.gcCount(), r.gcMillis(), ms(r.hiccupP999()), ms(r.hiccupMax()), target);
            if (r.scheduleRatio() > 1.01) {
                out.printf(Locale.ROOT, "%n(%s at %,d/s took %.2f× its schedule: the source fell behind)%n", r.job(),
                        r.rate(), r.scheduleRatio());
            }
        }
    }

    private static void writeChart(Path out, String job, List<Long> rates, Duration window, int keys) throws Exception {
        List<LatencyChart.Series> series = new ArrayList<>();
        for (long rate : rates) {
            Path f = out.resolve("latency").resolve(job + "-" + rate + ".hgrm");
            if (Files.exists(f)) {
                series.add(new LatencyChart.Series(String.format(Locale.ROOT, "%,d events/s", rate),
                        LatencyChart.readHgrm(f)));
            }
        }
        if (series.isEmpty()) {
            return;
        }
        String title = switch (job) {
            case "window" -> "Keyed tumbling " + window.toMillis() + " ms count, " + keys
                    + " keys, one worker: window end → result written";
            case "keyed" -> "Keyed process pass-through, " + keys + " keys, one worker: intended send → sink";
            default -> "Stateless pass-through (fused), one worker: intended send → sink";
        };
        List<LatencyChart.Target> targets = job.equals("window")
                ? List.of(new LatencyChart.Target(0.99, 1), new LatencyChart.Target(0.9999, 10)) : List.of();
        Path file = out.resolve(job.equals("window") ? "latency.svg" : "latency-" + job + ".svg");
        LatencyChart.write(file, title, series, targets);
        System.err.println("LatencyRunner: wrote " + file);
    }

    /** Nanoseconds as milliseconds with microsecond resolution ({@code < 0.001 ms} below half a microsecond). */
    static String ms(long nanos) {
        return nanos < 500 ? "< 0.001 ms" : String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
