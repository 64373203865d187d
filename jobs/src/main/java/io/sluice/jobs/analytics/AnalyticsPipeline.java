package io.sluice.jobs.analytics;

import static io.sluice.api.aggregate.Aggregations.allOf;
import static io.sluice.api.aggregate.Aggregations.approximateDistinctCount;
import static io.sluice.api.aggregate.Aggregations.counting;
import static io.sluice.api.aggregate.Aggregations.filtering;
import static io.sluice.api.aggregate.Aggregations.summingLong;
import static io.sluice.api.aggregate.Aggregations.topN;

import io.sluice.api.Pipeline;
import io.sluice.api.Stream;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.aggregate.AggregateOp;
import io.sluice.api.aggregate.AllOf3;
import io.sluice.api.codec.Codec;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Source;
import io.sluice.api.window.AllWindowResult;
import io.sluice.api.window.AllWindowedStream;
import io.sluice.api.window.WindowResult;
import io.sluice.api.window.Windows;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.PageViews;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The dataflow of {@link UserAnalytics}, from any click source to the eight sinks, so that tests can run it on a
 * {@code ListSource} and {@code CollectingSink}s:
 *
 * <pre>
 * source ─ dedupe by click id ─┬─ by user, session windows ─────────────────── sessions
 *                              ├─ all, minute windows ─────────────────────── active users, revenue
 *                              │                      └─ its late clicks ──── late
 *                              ├─ by country, minute windows ──────────────── country users, alerts
 *                              ├─ views by page, minute windows ─ top 10 ──── top pages
 *                              └─ all, five-minute windows ────────────────── funnel
 * </pre>
 *
 * Event time is the click's {@code ts}; the watermark is the highest {@code ts} read minus the out-of-order bound.
 *
 * Every aggregation is incremental (a count, a sum or a HyperLogLog sketch per window, slice or session); top
 * pages are counted per page in parallel, then ranked per window with a bounded top-10 heap. Every window fires
 * on the same watermark, so a click is late for all of them or for none (at parallelism 1; at higher
 * parallelism each stage judges by its own inputs' watermark).
 */
public final class AnalyticsPipeline {

    /** How many pages {@link TopPages} lists. */
    public static final int TOP_PAGES = 10;

    /**
     * The precision of the distinct-user sketches: 2^12 registers (4 KiB), exact up to 256 users, then a standard
     * error of 1.6%. Sliding windows combine one sketch per slice every slide (the demo: 60 per minute window, 300
     * per funnel window, every second), which costs a fifth of what the default precision 14 does.
     */
    public static final int SKETCH_PRECISION = 12;

    /** Most views first; equal views by page name, so the ranking never depends on arrival order. */
    static final Comparator<PageWindowCount> BY_VIEWS = Comparator.comparingLong(PageWindowCount::views)
            .thenComparing(PageWindowCount::page, Comparator.reverseOrder());

    private AnalyticsPipeline() {
    }

    /** The identity of a click for deduplication: the same user, time, page and action is the same click. */
    public record ClickId(long userId, long ts, String page, String action) {
        static ClickId of(Click c) {
            return new ClickId(c.userId(), c.ts(), c.page(), c.action());
        }
    }

    /** A page's views in one minute window; the input of the per-window top-10 ranking. */
    public record PageWindowCount(long windowStart, long windowEnd, String page, long views) {
        static final Codec<PageWindowCount> CODEC = Codecs.json(PageWindowCount.class);
    }

    /** Adds the job to {@code p}: reads {@code source}, writes each result stream to its sink in {@code sinks}. */
    public static void build(Pipeline p, Source<? extends Click> source, AnalyticsSettings settings,
                             AnalyticsSinks sinks) {
        Stream<Click> clicks = p
                .<Click>source(source, WatermarkPolicy.boundedOutOfOrder(Click::ts, settings.maxDelay()))
                .uid("clicks")
                .dedupe(ClickId::of, settings.dedupeTtl()).named("dedupe").uid("dedupe");
        sessions(clicks, settings, sinks);
        minuteTotals(clicks, settings, sinks);
        countries(clicks, settings, sinks);
        topPages(clicks, settings, sinks);
        funnel(clicks, settings, sinks);
    }

    private static void sessions(Stream<Click> clicks, AnalyticsSettings settings, AnalyticsSinks sinks) {
        long gap = settings.sessionGap().toMillis();
        clicks.keyBy(Click::userId)
                .window(Windows.session(settings.sessionGap()))
                .aggregate(allOf(filtering(AnalyticsPipeline::isView, counting()),
                        filtering(AnalyticsPipeline::isPurchase, counting())))
                .named("sessions").uid("sessions")
                .map(r -> Session.of(r.key(), r.windowStart(), r.windowEnd() - gap, r.value().first(),
                        r.value().second() > 0))
                .named("to-session")
                .sink(sinks.sessions()).uid("sessions-sink");
    }

    /** Active users and revenue over all clicks, per minute; its late clicks are the job's late side output. */
    private static void minuteTotals(Stream<Click> clicks, AnalyticsSettings settings, AnalyticsSinks sinks) {
        AllWindowedStream<Click> minutes = clicks.windowAll(settings.perMinute());
        Stream<AllWindowResult<AllOf3<Long, Long, Long>>> totals = minutes
                .aggregate(allOf(distinctUsers(),
                        filtering(AnalyticsPipeline::isPurchase, counting()),
                        filtering(AnalyticsPipeline::isPurchase, summingLong(Click::amountCents))))
                .named("minute-totals").uid("minute-totals");
        totals.map(r -> new ActiveUsers(r.windowStart(), r.windowEnd(), r.value().first())).named("to-active-users")
                .sink(sinks.activeUsers()).uid("active-users-sink");
        totals.map(r -> new Revenue(r.windowStart(), r.windowEnd(), r.value().second(), r.value().third()))
                .named("to-revenue")
                .sink(sinks.revenue()).uid("revenue-sink");
        minutes.lateEvents().named("late-clicks").sink(sinks.late()).uid("late-sink");
    }

    /** Per country and minute: distinct users, and an alert when the error rate is above the threshold. */
    private static void countries(Stream<Click> clicks, AnalyticsSettings settings, AnalyticsSinks sinks) {
        Stream<WindowResult<String, AllOf3<Long, Long, Long>>> perCountry = clicks
                .keyBy(AnalyticsPipeline::country)
                .window(settings.perMinute())
                .aggregate(allOf(distinctUsers(), counting(),
                        filtering(AnalyticsPipeline::isError, counting())))
                .named("country-minute").uid("country-minute");
        perCountry.map(r -> new CountryUsers(r.windowStart(), r.windowEnd(), r.key(), r.value().first()))
                .named("to-country-users")
                .sink(sinks.countryUsers()).uid("country-users-sink");
        perCountry.filter(r -> settings.isAlert(r.value().second(), r.value().third()))
                .named("error-rate-above-threshold")
                .map(r -> ErrorAlert.of(r.windowStart(), r.windowEnd(), r.key(), r.value().second(), r.value().third()))
                .named("to-alert")
                .sink(sinks.alerts()).uid("alerts-sink");
    }

    /**
     * Views per page and minute, counted in parallel by page; then, keyed by window, the ten most viewed. The
     * counts of a window carry the timestamp {@code end - 1}, so exactly the counts of one minute window meet in
     * one window of the second stage (as long as the slide), which fires on the same watermark.
     */
    private static void topPages(Stream<Click> clicks, AnalyticsSettings settings, AnalyticsSinks sinks) {
        clicks.filter(AnalyticsPipeline::isView).named("views")
                .keyBy(AnalyticsPipeline::page)
                .window(settings.perMinute())
                .aggregate(counting()).named("page-views").uid("page-views")
                .map(r -> new PageWindowCount(r.windowStart(), r.windowEnd(), r.key(), r.value()))
                .named("to-page-count")
                .keyBy(PageWindowCount::windowStart)
                .window(Windows.tumbling(settings.slide()))
                .aggregate(topN(TOP_PAGES, BY_VIEWS, PageWindowCount.CODEC)).named("top-pages").uid("top-pages")
                .map(r -> toTopPages(r.value())).named("to-top-pages")
                .sink(sinks.topPages()).uid("top-pages-sink");
    }

    private static void funnel(Stream<Click> clicks, AnalyticsSettings settings, AnalyticsSinks sinks) {
        clicks.windowAll(settings.perFiveMinutes())
                .aggregate(allOf(filtering(AnalyticsPipeline::isView, distinctUsers()),
                        filtering(AnalyticsPipeline::isCart, distinctUsers()),
                        filtering(AnalyticsPipeline::isPurchase, distinctUsers())))
                .named("funnel").uid("funnel")
                .map(r -> Funnel.of(r.windowStart(), r.windowEnd(), r.value().first(), r.value().second(),
                        r.value().third()))
                .named("to-funnel")
                .sink(sinks.funnel()).uid("funnel-sink");
    }

    private static TopPages toTopPages(List<PageWindowCount> ranked) {
        List<PageViews> pages = new ArrayList<>(ranked.size());
        for (PageWindowCount c : ranked) {
            pages.add(new PageViews(c.page(), c.views()));
        }
        PageWindowCount first = ranked.get(0); // a window exists because a count arrived
        return new TopPages(first.windowStart(), first.windowEnd(), List.copyOf(pages));
    }

    /** Distinct users, estimated with a sketch of {@link #SKETCH_PRECISION}. */
    private static AggregateOp<Click, ?, Long> distinctUsers() {
        return approximateDistinctCount(Click::userId, SKETCH_PRECISION);
    }

    static boolean isView(Click c) {
        return Click.VIEW.equals(c.action());
    }

    static boolean isCart(Click c) {
        return Click.CART.equals(c.action());
    }

    static boolean isPurchase(Click c) {
        return Click.PURCHASE.equals(c.action());
    }

    static boolean isError(Click c) {
        return Click.ERROR.equals(c.action());
    }

    /** The country key; a click without one counts under {@code "??"} rather than failing the job. */
    static String country(Click c) {
        return c.country() == null ? "??" : c.country();
    }

    /** The page key; a click without one counts under {@code "?"}. */
    static String page(Click c) {
        return c.page() == null ? "?" : c.page();
    }
}
