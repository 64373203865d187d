package io.sluice.jobs.nexmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
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

/** Runs the join jobs (q3, q8) through the CLI and reads generated events for their reference computations. */
final class JoinJobRuns {

    /** The watermark trails the highest dateTime seen by this much (design.md §6). */
    static final long MAX_DELAY_MILLIS = 200;

    record Result(int exitCode, String out, String err) {
    }

    private JoinJobRuns() {
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
        try (InputStream in = JoinJobRuns.class.getResourceAsStream("/nexmark/" + name)) {
            Files.copy(in, file);
        }
        return file;
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
        assertThat(late).as("late events").isEqualTo(expectedLate);
        return onTime;
    }

    /** Every event of a source URI, read at parallelism 1 in source order. */
    static List<NexmarkEvent> readAll(String uri) throws Exception {
        Source<NexmarkEvent> source = Connectors.source(uri, Codecs.json(NexmarkEvent.class));
        List<SourceSplit> splits = source.createSplits(1);
        SourceReader<NexmarkEvent> reader = source.createReader(SourceContext.of("join-reference", 0, 1, splits));
        List<NexmarkEvent> events = new ArrayList<>();
        SourceOutput<NexmarkEvent> out = new SourceOutput<>() {
            @Override
            public void emit(NexmarkEvent record) {
                events.add(record);
            }

            @Override
            public void emit(NexmarkEvent record, long timestamp) {
                events.add(record);
            }

            @Override
            public void emitWatermark(long watermark) {
            }

            @Override
            public void markIdle() {
            }
        };
        reader.open();
        while (reader.read(out, 4096) != ReadStatus.END_OF_INPUT) {
            // keep reading
        }
        reader.close();
        return events;
    }
}
