package io.sluice.jobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.PageViews;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import io.sluice.runtime.exec.JobResult;
import io.sluice.runtime.exec.OperatorMetrics;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ListSource;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of {@code user-analytics}: a hand-made click sequence through the whole job on the pipeline
 * test driver, and every output stream checked exactly. Default settings (2 s out of order, 10 s dedupe, 30 min
 * sessions, tumbling windows, alerts above 5%) except {@code alert-min-events=4}, so that a few clicks can raise
 * an alert.
 */
class UserAnalyticsTest {

    /** 2026-01-01T00:00:00Z: a multiple of five minutes, so every window below starts at T0 plus whole minutes. */
    static final long T0 = 1_767_225_600_000L;
    static final long MINUTE = 60_000;

    static Click click(long user, String country, String action, String page, long at, long amountCents) {
        return new Click(user, "s-" + user, page, action, T0 + at, country, "mobile", amountCents);
    }

    static Click view(long user, String country, String page, long at) {
        return click(user, country, Click.VIEW, page, at, 0);
    }

    /**
     * In arrival order; users 1 and 2 in DE, 3 in US, 4 in FR. Times in ms after T0. The watermark is the highest
     * time read minus 2 s.
     */
    static final List<Click> CLICKS = List.of(
            view(1, "DE", "/a", 1_000),
            view(1, "DE", "/b", 2_000),
            view(2, "DE", "/a", 3_000),
            view(1, "DE", "/b", 2_000),                               // a repeat, on time: dedupe drops it
            click(1, "DE", Click.CART, "/b", 4_000, 0),
            click(1, "DE", Click.PURCHASE, "/b", 5_000, 1_999),
            view(3, "US", "/a", 6_000),
            click(2, "DE", Click.ERROR, "/a", 7_000, 0),
            view(3, "US", "/c", 10_000),
            view(4, "FR", "/c", 9_000),                               // out of order, within 2 s: on time
            view(1, "DE", "/a", 1_000),                               // a repeat behind the watermark: dropped, not late
            click(3, "US", Click.ERROR, "/c", 11_000, 0),
            click(2, "DE", Click.CART, "/a", 61_000, 0),
            click(2, "DE", Click.PURCHASE, "/a", 62_000, 500),        // watermark 60 s: minute 0 closes
            view(3, "US", "/a", 57_000),                              // late: behind the watermark
            view(1, "DE", "/a", 40 * MINUTE));                        // 40 min later: the first sessions close

    static final Click LATE_CLICK = CLICKS.get(14);

    /** One collecting sink per output stream. */
    record Collected(CollectingSink<Session> sessions, CollectingSink<ActiveUsers> activeUsers,
                     CollectingSink<CountryUsers> countryUsers, CollectingSink<TopPages> topPages,
                     CollectingSink<Funnel> funnel, CollectingSink<Revenue> revenue, CollectingSink<ErrorAlert> alerts,
                     CollectingSink<Click> late) {
        Collected() {
            this(new CollectingSink<>("sessions"), new CollectingSink<>("active-users"),
                    new CollectingSink<>("country-users"), new CollectingSink<>("top-pages"),
                    new CollectingSink<>("funnel"), new CollectingSink<>("revenue"), new CollectingSink<>("alerts"),
                    new CollectingSink<>("late"));
        }

        AnalyticsSinks sinks() {
            return new AnalyticsSinks(sessions, activeUsers, countryUsers, topPages, funnel, revenue, alerts, late);
        }

        Results results() {
            return new Results(sessions.items(), activeUsers.items(), countryUsers.items(), topPages.items(),
                    funnel.items(), revenue.items(), alerts.items(), late.items());
        }
    }

    /** What one run wrote to each output stream. */
    record Results(List<Session> sessions, List<ActiveUsers> activeUsers, List<CountryUsers> countryUsers,
                   List<TopPages> topPages, List<Funnel> funnel, List<Revenue> revenue, List<ErrorAlert> alerts,
                   List<Click> late) {
    }

    static AnalyticsSettings settings() {
        return AnalyticsSettings.from(new JobParams(Map.of(AnalyticsSettings.ALERT_MIN_EVENTS, "4")),
                AnalyticsSettings.MINUTE);
    }

    @Test
    void everyOutputStreamOfAHandMadeClickSequenceIsExact() throws Exception {
        Collected out = new Collected();
        Pipeline p = Pipeline.create();
        AnalyticsPipeline.build(p, ListSource.of(CLICKS), settings(), out.sinks());

        JobResult run = PipelineTestDriver.create().run(p);

        assertExpectedResults(out.results());
        assertThat(out.late().items()).containsExactly(LATE_CLICK);
        assertThat(metrics(run, "dedupe").recordsIn()).isEqualTo(16);
        assertThat(metrics(run, "dedupe").recordsOut()).isEqualTo(14); // the two repeats dropped
        assertThat(metrics(run, "minute-totals").lateRecords()).isEqualTo(1);
    }

    /**
     * At parallelism 2 each window stage merges the watermarks of two dedupe instances, so whether a click just
     * behind the watermark is late depends on timing; without the late click every result is the same.
     */
    @Test
    void theSameResultsAtParallelismTwo() throws Exception {
        List<Click> onTime = new ArrayList<>(CLICKS);
        onTime.remove(14);
        Collected out = new Collected();
        Pipeline p = Pipeline.create();
        AnalyticsPipeline.build(p, ListSource.of(onTime), settings(), out.sinks());

        JobResult run = PipelineTestDriver.withParallelism(2).run(p);

        assertExpectedResults(out.results());
        assertThat(out.late().items()).isEmpty();
        assertThat(metrics(run, "dedupe").recordsOut()).isEqualTo(13);
    }

    /** Everything but the late side output, for {@link #CLICKS} with or without its late click. */
    static void assertExpectedResults(Results out) {
        long m0 = T0;
        long m1 = T0 + MINUTE;
        long m2 = T0 + 2 * MINUTE;
        long m40 = T0 + 40 * MINUTE;
        long m41 = T0 + 41 * MINUTE;

        // Sessions: a user's clicks each at most 30 min after the previous one; pages = page views.
        assertThat(out.sessions()).containsExactlyInAnyOrder(
                new Session(1, T0 + 1_000, T0 + 5_000, 4_000, 2, true),
                new Session(2, T0 + 3_000, T0 + 62_000, 59_000, 1, true),
                new Session(3, T0 + 6_000, T0 + 11_000, 5_000, 2, false),
                new Session(4, T0 + 9_000, T0 + 9_000, 0, 1, false),
                new Session(1, m40, m40, 0, 1, false));

        // Distinct users per minute (the sketch is exact for so few), over all and per country.
        assertThat(out.activeUsers()).containsExactlyInAnyOrder(
                new ActiveUsers(m0, m1, 4), new ActiveUsers(m1, m2, 1), new ActiveUsers(m40, m41, 1));
        assertThat(out.countryUsers()).containsExactlyInAnyOrder(
                new CountryUsers(m0, m1, "DE", 2), new CountryUsers(m0, m1, "US", 1), new CountryUsers(m0, m1, "FR", 1),
                new CountryUsers(m1, m2, "DE", 1),
                new CountryUsers(m40, m41, "DE", 1));

        // Views per page: minute 1 has no views, so no ranking.
        assertThat(out.topPages()).containsExactlyInAnyOrder(
                new TopPages(m0, m1, List.of(new PageViews("/a", 3), new PageViews("/c", 2), new PageViews("/b", 1))),
                new TopPages(m40, m41, List.of(new PageViews("/a", 1))));

        // Five minutes: users 1-4 viewed, 1 and 2 put into the cart and bought.
        assertThat(out.funnel()).containsExactlyInAnyOrder(
                new Funnel(m0, T0 + 5 * MINUTE, 4, 2, 2, 0.5, 1.0, 0.5),
                new Funnel(m40, T0 + 45 * MINUTE, 1, 0, 0, 0.0, 0.0, 0.0));

        assertThat(out.revenue()).containsExactlyInAnyOrder(
                new Revenue(m0, m1, 1, 1_999), new Revenue(m1, m2, 1, 500), new Revenue(m40, m41, 0, 0));

        // DE in minute 0: 6 clicks, 1 error. US has 1 error in 3 clicks, but fewer than 4 clicks.
        assertThat(out.alerts()).containsExactly(new ErrorAlert(m0, m1, "DE", 6, 1, 1.0 / 6));
    }

    static OperatorMetrics metrics(JobResult run, String name) {
        return run.metrics().operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
