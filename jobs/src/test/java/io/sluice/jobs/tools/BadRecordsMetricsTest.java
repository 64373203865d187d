package io.sluice.jobs.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.CliRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records a source cannot read are counted as the source's errors and reported with the job's error rate. */
class BadRecordsMetricsTest {

    @TempDir
    Path dir;

    private static List<String> events() throws Exception {
        try (InputStream in = BadRecordsMetricsTest.class.getResourceAsStream("/nexmark/events.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void skippedRecordsShowAsErrorsAndErrorRateInTheRunSummary() throws Exception {
        List<String> lines = new ArrayList<>(events()); // 10 NEXMark events
        lines.add(3, "{oops");
        lines.add(7, "{\"type\":\"bid\",\"auction\":\"not a number\"}");
        Path in = Files.write(dir.resolve("in.jsonl"), lines);
        Path out = dir.resolve("out.jsonl");
        CliRun r = CliRun.ok("run", "nexmark-q0", "-p", "source=file:" + in + "?onError=skip", "-p", "sink=file:" + out);
        assertThat(Files.readAllLines(out)).isEqualTo(events());
        assertThat(r.err()).contains(": 2 records it could not read (skipped or dead-lettered by its onError policy)")
                .contains("error rate: 16.667 % of the records read");
    }

    @Test
    void aCleanRunReportsNoErrors() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), events());
        CliRun r = CliRun.ok("run", "nexmark-q0", "-p", "source=file:" + in, "-p", "sink=file:" + dir.resolve("out.jsonl"));
        assertThat(r.err()).doesNotContain("could not read").doesNotContain("error rate");
    }
}
