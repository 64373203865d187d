package io.sluice.jobs.analytics;

import static io.sluice.jobs.analytics.UserAnalyticsTest.CLICKS;
import static io.sluice.jobs.analytics.UserAnalyticsTest.LATE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jobs.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code user-analytics} as users run it: through the CLI, its parameters and connector URIs. */
class UserAnalyticsCliTest {

    @TempDir
    Path dir;

    /** The acceptance sequence from a JSON-lines file, every stream into a file of its own: the same results. */
    @Test
    void everyStreamGoesToTheSinkItsParameterNames() throws Exception {
        Path clicks = AnalyticsRuns.clicksFile(dir, CLICKS);
        UserAnalyticsTest.Results results = AnalyticsRuns.runToFiles(dir, "file:" + clicks);
        UserAnalyticsTest.assertExpectedResults(results);
        assertThat(results.late()).containsExactly(LATE_CLICK);
    }

    /** Without parameters the job is the demo; planning it starts nothing and leaves no queue behind. */
    @Test
    void planShowsTheDemoWithItsViewAndStartsNothing() throws Exception {
        Set<Path> before = demoDirs();
        CliRun r = CliRun.ok("plan", "user-analytics");
        assertThat(r.out()).contains("demo:", "dedupe", "console:live-view/top-pages", "console:live-view/alerts");
        assertThat(demoDirs()).isEqualTo(before);
    }

    @Test
    void badParametersAreUsageErrorsNamingTheParameter() {
        CliRun slide = CliRun.sluice("plan", "user-analytics", "-p", "slide=7s");
        assertThat(slide.exitCode()).isEqualTo(2);
        assertThat(slide.err()).contains("'slide' must divide one minute");

        CliRun threshold = CliRun.sluice("plan", "user-analytics", "-p", "error-threshold=5%");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("'error-threshold'");

        CliRun rate = CliRun.sluice("plan", "user-analytics", "-p", "source=demo:?rate=0");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("parameter 'source'", "'rate'");

        CliRun unknown = CliRun.sluice("plan", "user-analytics", "-p", "top-page=console:");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("top-page");
    }

    static Set<Path> demoDirs() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("sluice-demo-")).collect(Collectors.toSet());
        }
    }
}
