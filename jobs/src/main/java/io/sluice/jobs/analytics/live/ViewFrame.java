package io.sluice.jobs.analytics.live;

import io.sluice.jobs.analytics.AnalyticsSettings;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.PageViews;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Draws one frame of the {@link LiveView}: plain ASCII lines of at most about 100 columns, the same on a terminal
 * and in a log. A pure function of a {@link Snapshot}.
 */
final class ViewFrame {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int COUNTRIES_SHOWN = 5;
    private static final int PAGES_PER_LINE = 5;
    private static final String INDENT = "              ";

    private ViewFrame() {
    }

    /** Everything one frame shows, taken at one moment. */
    record Snapshot(boolean last, long upNanos, DemoOptions options, AnalyticsSettings settings, String queue,
                    double clicksPerSecond, long clicksRead, long clicksAppended, Histogram latencyMicros,
                    ActiveUsers activeUsers, List<CountryUsers> countries, TopPages topPages, Funnel funnel,
                    Revenue revenue, List<ErrorAlert> alerts, long alertCount, long sessions, long sessionMillis,
                    long sessionPages, long sessionsConverted, long lateClicks) {
    }

    static String draw(Snapshot s) {
        StringBuilder f = new StringBuilder(1024);
        long up = s.upNanos() / 1_000_000_000L;
        line(f, "user-analytics", String.format(Locale.ROOT, "live demo, up %d:%02d%s", up / 60, up % 60,
                s.last() ? ", stopped" : ", Ctrl-C to stop"));
        line(f, "feed", "gen:clickstream " + count(s.options().rate()) + "/s -> chronicle:"
                + (s.queue() == null ? "(starting)" : s.queue()) + " -> job");
        line(f, "throughput", String.format(Locale.ROOT, "%s clicks/s   %s read   %s behind the generator",
                count(Math.round(s.clicksPerSecond())), count(s.clicksRead()),
                count(Math.max(0, s.clicksAppended() - s.clicksRead()))));
        line(f, "latency", latency(s.latencyMicros()));
        ActiveUsers users = s.activeUsers();
        if (users == null) {
            line(f, "event time", "waiting for the first window to close ...");
        } else {
            line(f, "event time", windowName(s.settings(), users.windowStart(), users.windowEnd()));
        }
        line(f, "active users", users == null ? "-" : count(users.users()) + countries(s.countries()));
        pages(f, s.topPages());
        line(f, "funnel 5 min", funnel(s.funnel()));
        Revenue r = s.revenue();
        line(f, "revenue", r == null ? "-" : String.format(Locale.ROOT, "%s from %s purchases",
                money(r.revenueCents()), count(r.purchases())));
        line(f, "alerts", alerts(s));
        line(f, "sessions", sessions(s));
        line(f, "late clicks", count(s.lateClicks()) + " (behind the watermark on arrival: side output)");
        return f.toString();
    }

    private static void line(StringBuilder f, String label, String text) {
        f.append(String.format(Locale.ROOT, "%-13s ", label)).append(text).append('\n');
    }

    private static String windowName(AnalyticsSettings settings, long start, long end) {
        String span = CLOCK.format(Instant.ofEpochMilli(start)) + "-" + CLOCK.format(Instant.ofEpochMilli(end));
        return settings.sliding()
                ? "minute " + span + " (windows slide every " + duration(settings.slide().toMillis()) + ")"
                : "minute " + span;
    }

    private static String countries(List<CountryUsers> countries) {
        StringBuilder sb = new StringBuilder("   ");
        for (int i = 0; i < Math.min(COUNTRIES_SHOWN, countries.size()); i++) {
            CountryUsers c = countries.get(i);
            sb.append("  ").append(c.country()).append(' ').append(count(c.users()));
        }
        return sb.toString();
    }

    private static void pages(StringBuilder f, TopPages top) {
        if (top == null) {
            line(f, "top pages", "-");
            return;
        }
        List<PageViews> pages = top.pages();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            if (i == PAGES_PER_LINE) {
                line(f, "top pages", sb.toString().trim());
                sb.setLength(0);
            }
            sb.append(pages.get(i).page()).append(' ').append(count(pages.get(i).views())).append("   ");
        }
        if (pages.size() <= PAGES_PER_LINE) {
            line(f, "top pages", sb.toString().trim());
        } else {
            f.append(INDENT).append(sb.toString().trim()).append('\n');
        }
    }

    private static String funnel(Funnel fu) {
        if (fu == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s viewed -> %s carted (%.1f%%) -> %s purchased (%.1f%%), %.1f%% overall",
                count(fu.viewed()), count(fu.carted()), 100 * fu.viewToCart(), count(fu.purchased()),
                100 * fu.cartToPurchase(), 100 * fu.viewToPurchase());
    }

    private static String alerts(Snapshot s) {
        String rule = String.format(Locale.ROOT, "error rate above %.1f%% of at least %s clicks per country-minute",
                100 * s.settings().errorThreshold(), count(s.settings().alertMinEvents()));
        if (s.alerts().isEmpty()) {
            return "none now (" + count(s.alertCount()) + " so far; " + rule + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (ErrorAlert a : s.alerts()) {
            sb.append(String.format(Locale.ROOT, "%s %.1f%% errors (%s of %s)   ", a.country(), 100 * a.errorRate(),
                    count(a.errors()), count(a.clicks())));
        }
        return sb.toString().trim();
    }

    private static String sessions(Snapshot s) {
        if (s.sessions() == 0) {
            return "none closed yet (a session closes after " + duration(s.settings().sessionGap().toMillis())
                    + " of event time without clicks)";
        }
        long n = s.sessions();
        return String.format(Locale.ROOT, "%s closed: %.1f s and %.1f page views on average, %.1f%% converted",
                count(n), s.sessionMillis() / 1000.0 / n, (double) s.sessionPages() / n,
                100.0 * s.sessionsConverted() / n);
    }

    private static String latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "- (timed from the click that closes a window to the result at its sink)";
        }
        return String.format(Locale.ROOT,
                "p50 %s   p99 %s   max %s   (%s results in the last %d s, click read -> sink)",
                micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)), micros(h.getMaxValue()),
                count(h.getTotalCount()), LiveView.LATENCY_SECONDS);
    }

    static String micros(long us) {
        if (us < 1000) {
            return us + " us";
        }
        if (us < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f s", us / 1e6);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String money(long cents) {
        return String.format(Locale.ROOT, "%,d.%02d", cents / 100, Math.abs(cents % 100));
    }

    private static String duration(long millis) {
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
