package io.sluice.jobs.nexmark;

import static io.sluice.jobs.CliRun.sluice;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.connectors.nexmark.NexmarkEvent;
import io.sluice.jobs.CliRun;
import io.sluice.runtime.testing.SourceReading;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the NEXMark jobs through the CLI, and reads their input events (test resources, generated files,
 * any source URI) for the tests' reference computations.
 */
final class NexmarkJobRuns {

    /** The watermark trails the highest dateTime seen by this much (design.md §6). */
    static final long MAX_DELAY_MILLIS = 200;

    private NexmarkJobRuns() {
    }

    /** Runs {@code job} from {@code sourceUri} into a file under {@code dir} and returns its lines. */
    static List<String> run(Path dir, String job, String sourceUri, int parallelism) throws IOException {
        Path out = dir.resolve(job + "-p" + parallelism + "-" + System.nanoTime() + ".jsonl");
        CliRun r = sluice("run", job, "--parallelism", String.valueOf(parallelism), "-p", "source=" + sourceUri,
                "-p", "sink=file:" + out);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** Copies a test resource into {@code dir}. */
    static Path resource(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = NexmarkJobRuns.class.getResourceAsStream("/nexmark/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Writes {@code events} generated events to a file with the {@code copy} job and returns the file. */
    static Path generated(Path dir, int events) {
        Path file = dir.resolve("generated-" + events + ".jsonl");
        CliRun.ok("run", "copy", "-p", "source=gen:nexmark?events=" + events, "-p", "sink=file:" + file);
        return file;
    }

    /** {@link #onTimeEvents(String, int)} of a file. */
    static List<NexmarkEvent> onTimeEvents(Path file, int expectedLate) throws Exception {
        return onTimeEvents("file:" + file, expectedLate);
    }

    /**
     * The events of a source URI in source order, without the ones that are late by design.md §6's rule
     * (older than the highest dateTime seen before them − 200 ms); asserts how many were late.
     */
    static List<NexmarkEvent> onTimeEvents(String uri, int expectedLate) throws Exception {
        List<NexmarkEvent> onTime = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        int late = 0;
        for (NexmarkEvent e : readAll(uri)) {
            if (maxSeen != Long.MIN_VALUE && e.dateTime() < maxSeen - MAX_DELAY_MILLIS) {
                late++;
                continue;
            }
            maxSeen = Math.max(maxSeen, e.dateTime());
            onTime.add(e);
        }
        assertThat(late).as("late events in " + uri).isEqualTo(expectedLate);
        return onTime;
    }

    /** Every event of a source URI, read at parallelism 1 in source order. */
    static List<NexmarkEvent> readAll(String uri) throws Exception {
        List<NexmarkEvent> events = new ArrayList<>();
        SourceReading.forEach(Connectors.source(uri, Codecs.json(NexmarkEvent.class)), events::add);
        return events;
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
