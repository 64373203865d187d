package io.sluice.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.CliRun;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code user-analytics} through the CLI with every result stream in a file of its own, and reads them back. */
final class AnalyticsRuns {

    static final List<String> STREAMS = List.of(AnalyticsSinks.SESSIONS, AnalyticsSinks.ACTIVE_USERS,
            AnalyticsSinks.COUNTRY_USERS, AnalyticsSinks.TOP_PAGES, AnalyticsSinks.FUNNEL, AnalyticsSinks.REVENUE,
            AnalyticsSinks.ALERTS, AnalyticsSinks.LATE);

    private AnalyticsRuns() {
    }

    /** Writes {@code clicks} as JSON lines into {@code dir/clicks.jsonl}. */
    static Path clicksFile(Path dir, List<Click> clicks) throws IOException {
        Path file = dir.resolve("clicks.jsonl");
        Codec<Click> codec = Codecs.json(Click.class);
        List<String> lines = new ArrayList<>();
        for (Click c : clicks) {
            lines.add(new String(codec.encode(c), StandardCharsets.UTF_8));
        }
        Files.write(file, lines);
        return file;
    }

    /**
     * Runs the job at parallelism 1 on {@code source} with {@code alert-min-events=4} (as the acceptance test),
     * every stream into {@code dir/<stream>.jsonl}; returns what each stream got.
     */
    static UserAnalyticsTest.Results runToFiles(Path dir, String source) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "user-analytics", "--parallelism", "1", "--no-progress",
                "-p", "source=" + source, "-p", AnalyticsSettings.ALERT_MIN_EVENTS + "=4"));
        for (String stream : STREAMS) {
            args.add("-p");
            args.add(stream + "=file:" + dir.resolve(stream + ".jsonl"));
        }
        CliRun r = CliRun.ok(args.toArray(new String[0]));
        assertThat(r.out()).isEmpty();
        return new UserAnalyticsTest.Results(read(dir, AnalyticsSinks.SESSIONS, Session.class),
                read(dir, AnalyticsSinks.ACTIVE_USERS, ActiveUsers.class),
                read(dir, AnalyticsSinks.COUNTRY_USERS, CountryUsers.class),
                read(dir, AnalyticsSinks.TOP_PAGES, TopPages.class), read(dir, AnalyticsSinks.FUNNEL, Funnel.class),
                read(dir, AnalyticsSinks.REVENUE, Revenue.class), read(dir, AnalyticsSinks.ALERTS, ErrorAlert.class),
                read(dir, AnalyticsSinks.LATE, Click.class));
    }

    private static <T> List<T> read(Path dir, String stream, Class<T> type) throws IOException {
        Codec<T> codec = Codecs.json(type);
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(stream + ".jsonl"), StandardCharsets.UTF_8)) {
            records.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }
}
