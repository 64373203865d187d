package io.sluice.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.exec.JobMetrics;
import io.sluice.runtime.exec.OperatorMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressAndSummaryTest {

    private static JobMetrics metrics(long done, long expected, long elapsedMillis) {
        return new JobMetrics(List.of(
                new OperatorMetrics(0, "source", "source-0", "source", 2, 0, done),
                new OperatorMetrics(0, "euros", "map-1", "map", 2, done, done / 2),
                new OperatorMetrics(1, "file:/tmp/q1.jsonl", "sink-2", "sink", 1, done / 2, done / 2)),
                done, done / 2, expected, elapsedMillis * 1_000_000, 0);
    }

    @Test
    void progressLineOfABoundedRunHasPercentRateAndEta() {
        String line = ProgressReporter.line(metrics(2_500_000, 10_000_000, 1_000));
        assertThat(line).isEqualTo("  2,500,000 / 10,000,000 events  25%  2.50 M events/s  ETA 3s  1.00 s");
    }

    @Test
    void progressLineOfAnUnboundedRunHasNoEta() {
        String line = ProgressReporter.line(metrics(1_234, -1, 500));
        assertThat(line).isEqualTo("  1,234 events  2.5 K events/s  500 ms");
    }

    @Test
    void reporterRedrawsInPlaceAndErasesItsLineWhenClosed() throws Exception {
        StringWriter out = new StringWriter();
        AtomicLong done = new AtomicLong();
        ProgressReporter reporter = new ProgressReporter(() -> metrics(done.addAndGet(1_000), 100_000, 100),
                new PrintWriter(out), Duration.ofMillis(5)).start();
        Thread.sleep(100);
        reporter.close();
        String text = out.toString();
        assertThat(text).startsWith("\r  ").doesNotContain("\n").endsWith("\r");
        assertThat(text.split("\r").length).isGreaterThan(3);
        String afterClose = out.toString();
        Thread.sleep(30);
        assertThat(out.toString()).isEqualTo(afterClose);
    }

    @Test
    void summaryHasHeadlineAndOneRowPerOperator() {
        String summary = RunSummary.format("nexmark-q1", false, metrics(1_000_000, 1_000_000, 2_000), 2_345_000_000L);
        assertThat(summary.lines()).containsExactly(
                "job 'nexmark-q1' finished in 2.00 s: 1,000,000 events in, 500,000 records out, 500.0 K events/s"
                        + " (wall time 2.35 s)",
                "  vertex  operator            kind    par  records in  records out",
                "  v0      source              source    2           0    1,000,000",
                "  v0      euros               map       2   1,000,000      500,000",
                "  v1      file:/tmp/q1.jsonl  sink      1     500,000      500,000");
    }

    @Test
    void summaryOfACancelledRunSaysSo() {
        assertThat(RunSummary.format("q", true, metrics(10, -1, 61_000), 61_000_000_000L))
                .startsWith("job 'q' cancelled after 1m01s: 10 events in");
    }

    @Test
    void formats() {
        assertThat(Formats.rate(999)).isEqualTo("999");
        assertThat(Formats.rate(31_400_000)).isEqualTo("31.40 M");
        assertThat(Formats.duration(7_300_000_000_000L)).isEqualTo("2h01m");
        assertThat(Formats.eta(Double.POSITIVE_INFINITY)).isEqualTo("?");
        assertThat(Formats.eta(65.2)).isEqualTo("1m06s");
    }
}
