package io.sluice.jobs.analytics;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.api.codec.Codecs;
import io.sluice.api.connector.Sink;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.live.DemoOptions;
import io.sluice.jobs.analytics.live.DemoSource;
import io.sluice.jobs.analytics.live.LiveView;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * {@code user-analytics}, the main job: real-time analytics of a web shop's clickstream (design.md §7).
 *
 * <p><b>Input.</b> {@link Click}s from {@code -p source=URI}. Event time is {@code ts}; the watermark trails the
 * highest {@code ts} seen by {@code -p out-of-order=2s}, and a click older than the watermark when it arrives is
 * late. Repeated deliveries of a click (same user, {@code ts}, page and action) are dropped while the first is
 * remembered ({@code -p dedupe-ttl=10s} of event time after the last sighting; a repeat arriving later than that
 * is late anyway, so it changes no result either).
 *
 * <p><b>Output</b>, one stream per sink parameter (default {@code console:}, JSON lines; see {@link AnalyticsSinks}):
 * <ul>
 *   <li>{@code sessions}: per user, a run of clicks each at most {@code -p session-gap=30m} after the previous
 *       one ({@link Session});</li>
 *   <li>{@code active-users} and {@code country-users}: distinct users per minute, over all and per country,
 *       estimated with a HyperLogLog sketch (exact up to 256 users, 1.6% standard error beyond)
 *       ({@link ActiveUsers}, {@link CountryUsers});</li>
 *   <li>{@code top-pages}: the ten most viewed pages per minute ({@link TopPages});</li>
 *   <li>{@code funnel}: distinct users who viewed, put into the cart and purchased, per five minutes, and the
 *       conversion from step to step ({@link Funnel});</li>
 *   <li>{@code revenue}: purchases and their amount per minute ({@link Revenue});</li>
 *   <li>{@code alerts}: a country whose error rate in a minute exceeded {@code -p error-threshold=0.05}, counted
 *       only with at least {@code -p alert-min-events=100} clicks ({@link ErrorAlert});</li>
 *   <li>{@code late}: the late clicks, unchanged (default {@code null:}).</li>
 * </ul>
 * Windows are aligned to the epoch and fire when the watermark passes their end. {@code -p slide=1s} makes the
 * minute and five-minute windows slide: every second, the minute (five minutes) up to then.
 *
 * <p><b>The built-in demo</b> is the default source, {@code demo:} ({@link DemoOptions}): the clickstream
 * generator appends to a Chronicle queue and the job reads that queue; then {@code slide} defaults to 1 s and every
 * result stream without a sink parameter goes to a live terminal view on stdout ({@link LiveView}) instead of the
 * console.
 */
public final class UserAnalytics implements StreamJob {

    /** The source parameter; its default is the demo. */
    public static final String SOURCE = "source";
    /** Result streams go here unless told otherwise (outside the demo). */
    public static final String DEFAULT_SINK = "console:";
    /** Late clicks are dropped unless told otherwise (outside the demo). */
    public static final String DEFAULT_LATE_SINK = "null:";

    /** One session of a user: {@code start}/{@code end} are its first and last click, {@code pages} its page views. */
    public record Session(long userId, long start, long end, long durationMillis, long pages, boolean converted) {
        static Session of(long userId, long start, long end, long pages, boolean converted) {
            return new Session(userId, start, end, end - start, pages, converted);
        }
    }

    /** Distinct users in the window {@code [windowStart, windowEnd)}. */
    public record ActiveUsers(long windowStart, long windowEnd, long users) {
    }

    /** Distinct users of one country in the window. */
    public record CountryUsers(long windowStart, long windowEnd, String country, long users) {
    }

    /** A page and its views. */
    public record PageViews(String page, long views) {
    }

    /** The most viewed pages of the window, most views first (equal views: by page name). */
    public record TopPages(long windowStart, long windowEnd, List<PageViews> pages) {
        public TopPages {
            pages = List.copyOf(pages);
        }
    }

    /**
     * Distinct users who viewed a page, put something into the cart and purchased in the window, and the
     * conversion from each step to the next and overall (0 when the earlier step has no users).
     */
    public record Funnel(long windowStart, long windowEnd, long viewed, long carted, long purchased,
                         double viewToCart, double cartToPurchase, double viewToPurchase) {
        static Funnel of(long windowStart, long windowEnd, long viewed, long carted, long purchased) {
            return new Funnel(windowStart, windowEnd, viewed, carted, purchased, ratio(carted, viewed),
                    ratio(purchased, carted), ratio(purchased, viewed));
        }
    }

    /** Purchases in the window and their total amount. */
    public record Revenue(long windowStart, long windowEnd, long purchases, long revenueCents) {
    }

    /** A country whose share of error clicks in the window exceeded the threshold. */
    public record ErrorAlert(long windowStart, long windowEnd, String country, long clicks, long errors,
                             double errorRate) {
        static ErrorAlert of(long windowStart, long windowEnd, String country, long clicks, long errors) {
            return new ErrorAlert(windowStart, windowEnd, country, clicks, errors, ratio(errors, clicks));
        }
    }

    private final PrintStream viewOut;

    /** Public for {@link java.util.ServiceLoader}; the demo's live view goes to {@link System#out}. */
    public UserAnalytics() {
        this(System.out);
    }

    /** With the demo's live view going to {@code viewOut} (tests). */
    UserAnalytics(PrintStream viewOut) {
        this.viewOut = Objects.requireNonNull(viewOut, "viewOut");
    }

    @Override
    public String name() {
        return "user-analytics";
    }

    @Override
    public String description() {
        return "Sessions, active users, top pages, funnel, revenue, error alerts of clicks (default: a live demo)";
    }

    @Override
    public void define(Pipeline p, JobParams params) {
        String sourceUri = params.get(SOURCE, DemoOptions.DEFAULT_URI);
        if (!DemoOptions.isDemo(sourceUri)) {
            AnalyticsSettings settings = AnalyticsSettings.from(params, AnalyticsSettings.MINUTE);
            AnalyticsPipeline.build(p, params.source(SOURCE, sourceUri, Codecs.json(Click.class)), settings,
                    sinks(params, null));
            return;
        }
        DemoOptions options = DemoOptions.parse(SOURCE, sourceUri);
        AnalyticsSettings settings = AnalyticsSettings.from(params, LiveView.DEFAULT_SLIDE);
        LiveView view = new LiveView(viewOut, settings, options);
        AnalyticsPipeline.build(p, new DemoSource(options, view), settings, sinks(params, view));
    }

    /** The sinks the parameters name; with a live view, the streams without a parameter go to the view. */
    private static AnalyticsSinks sinks(JobParams params, LiveView view) {
        return new AnalyticsSinks(
                sink(params, AnalyticsSinks.SESSIONS, Session.class, view, LiveView::onSession),
                sink(params, AnalyticsSinks.ACTIVE_USERS, ActiveUsers.class, view, LiveView::onActiveUsers),
                sink(params, AnalyticsSinks.COUNTRY_USERS, CountryUsers.class, view, LiveView::onCountryUsers),
                sink(params, AnalyticsSinks.TOP_PAGES, TopPages.class, view, LiveView::onTopPages),
                sink(params, AnalyticsSinks.FUNNEL, Funnel.class, view, LiveView::onFunnel),
                sink(params, AnalyticsSinks.REVENUE, Revenue.class, view, LiveView::onRevenue),
                sink(params, AnalyticsSinks.ALERTS, ErrorAlert.class, view, LiveView::onAlert),
                sink(params, AnalyticsSinks.LATE, Click.class, view, LiveView::onLateClick));
    }

    /** The sink parameter {@code name} names; without one, the view (if any) or the default. */
    private static <T> Sink<T> sink(JobParams params, String name, Class<T> type, LiveView view,
                                    BiConsumer<LiveView, T> onRecord) {
        if (view != null && params.get(name, null) == null) {
            return view.sink(name, record -> onRecord.accept(view, record));
        }
        String defaultUri = name.equals(AnalyticsSinks.LATE) ? DEFAULT_LATE_SINK : DEFAULT_SINK;
        return params.sink(name, defaultUri, Codecs.json(type));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
