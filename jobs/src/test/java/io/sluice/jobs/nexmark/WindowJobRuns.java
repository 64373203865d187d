package io.sluice.jobs.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.runtime.cli.SluiceCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the window jobs (q5, q7, q11) through the CLI, and reads event files for their reference computations. */
final class WindowJobRuns {

    /** The watermark trails the highest dateTime seen by this much (design.md §6). */
    static final long MAX_DELAY_MILLIS = 200;

    record Result(int exitCode, String out, String err) {
    }

    private WindowJobRuns() {
    }

    static Result sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SluiceCli.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code job} from {@code sourceUri} into a file under {@code dir} and returns its lines. */
    static List<String> run(Path dir, String job, String sourceUri, int parallelism) throws IOException {
        Path out = dir.resolve(job + "-p" + parallelism + "-" + System.nanoTime() + ".jsonl");
        Result r = sluice("run", job, "--parallelism", String.valueOf(parallelism), "-p", "source=" + sourceUri,
                "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** Copies a test resource into {@code dir}. */
    static Path resource(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = WindowJobRuns.class.getResourceAsStream("/nexmark/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Writes {@code events} generated events to a file with the {@code copy} job and returns the file. */
    static Path generated(Path dir, int events) {
        Path file = dir.resolve("generated-" + events + ".jsonl");
        Result r = sluice("run", "copy", "-p", "source=gen:nexmark?events=" + events, "-p", "sink=file:" + file);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return file;
    }

    /**
     * The events of a file in file order, without those that are late by design.md §6's rule (older than the
     * highest dateTime seen before them − 200 ms); asserts how many were late.
     */
    static List<NexmarkEvent> onTimeEvents(Path file, int expectedLate) throws IOException {
        Codec<NexmarkEvent> codec = Codecs.json(NexmarkEvent.class);
        List<NexmarkEvent> onTime = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        int late = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            NexmarkEvent e = codec.decode(line.getBytes(StandardCharsets.UTF_8));
            if (maxSeen != Long.MIN_VALUE && e.dateTime() < maxSeen - MAX_DELAY_MILLIS) {
                late++;
                continue;
            }
            maxSeen = Math.max(maxSeen, e.dateTime());
            onTime.add(e);
        }
        assertThat(late).as("late events in " + file).isEqualTo(expectedLate);
        return onTime;
    }

    /** Records as the jobs' JSON sink writes them. */
    static <T> List<String> json(Class<T> type, List<T> records) {
        Codec<T> codec = Codecs.json(type);
        List<String> lines = new ArrayList<>();
        for (T r : records) {
            lines.add(new String(codec.encode(r), StandardCharsets.UTF_8));
        }
        return lines;
    }
}
