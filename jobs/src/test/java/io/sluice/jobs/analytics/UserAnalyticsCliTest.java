package io.sluice.jobs.analytics;

import static io.sluice.jobs.analytics.UserAnalyticsTest.CLICKS;
import static io.sluice.jobs.analytics.UserAnalyticsTest.LATE_CLICK;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import io.sluice.runtime.cli.SluiceCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code user-analytics} as users run it: through the CLI, its parameters and connector URIs. */
class UserAnalyticsCliTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
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

    /** The acceptance sequence from a JSON-lines file, every stream into a file of its own: the same results. */
    @Test
    void everyStreamGoesToTheSinkItsParameterNames() throws Exception {
        Path clicks = dir.resolve("clicks.jsonl");
        Codec<Click> codec = Codecs.json(Click.class);
        List<String> lines = new ArrayList<>();
        for (Click c : CLICKS) {
            lines.add(new String(codec.encode(c), StandardCharsets.UTF_8));
        }
        Files.write(clicks, lines);
        List<String> args = new ArrayList<>(List.of("run", "user-analytics", "--parallelism", "1",
                "-p", "source=file:" + clicks, "-p", "alert-min-events=4"));
        for (String stream : List.of("sessions", "active-users", "country-users", "top-pages", "funnel", "revenue",
                "alerts", "late")) {
            args.add("-p");
            args.add(stream + "=file:" + dir.resolve(stream + ".jsonl"));
        }

        Result r = sluice(args.toArray(new String[0]));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        UserAnalyticsTest.Results results = new UserAnalyticsTest.Results(read("sessions", Session.class),
                read("active-users", ActiveUsers.class), read("country-users", CountryUsers.class),
                read("top-pages", TopPages.class), read("funnel", Funnel.class), read("revenue", Revenue.class),
                read("alerts", ErrorAlert.class), read("late", Click.class));
        UserAnalyticsTest.assertExpectedResults(results);
        assertThat(results.late()).containsExactly(LATE_CLICK);
    }

    /** Without parameters the job is the demo; planning it starts nothing and leaves no queue behind. */
    @Test
    void planShowsTheDemoWithItsViewAndStartsNothing() throws Exception {
        Set<Path> before = demoDirs();
        Result r = sluice("plan", "user-analytics");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("demo:", "dedupe", "console:live-view/top-pages", "console:live-view/alerts");
        assertThat(demoDirs()).isEqualTo(before);
    }

    @Test
    void badParametersAreUsageErrorsNamingTheParameter() {
        Result slide = sluice("plan", "user-analytics", "-p", "slide=7s");
        assertThat(slide.exitCode()).isEqualTo(2);
        assertThat(slide.err()).contains("'slide' must divide one minute");

        Result threshold = sluice("plan", "user-analytics", "-p", "error-threshold=5%");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("'error-threshold'");

        Result rate = sluice("plan", "user-analytics", "-p", "source=demo:?rate=0");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).contains("parameter 'source'", "'rate'");

        Result unknown = sluice("plan", "user-analytics", "-p", "top-page=console:");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("top-page");
    }

    private <T> List<T> read(String stream, Class<T> type) throws IOException {
        Codec<T> codec = Codecs.json(type);
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(stream + ".jsonl"), StandardCharsets.UTF_8)) {
            records.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    static Set<Path> demoDirs() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("sluice-demo-")).collect(Collectors.toSet());
        }
    }
}
