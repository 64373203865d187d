package io.sluice.jobs.analytics;

import io.sluice.api.BadInputException;
import io.sluice.api.JobParams;
import io.sluice.api.window.WindowDefinition;
import io.sluice.api.window.Windows;
import java.time.Duration;

/**
 * The tunable parts of {@link UserAnalytics}, read from its {@code -p name=value} parameters. Immutable.
 *
 * @param maxDelay       how far clicks may arrive out of order: the watermark is the highest {@code ts} seen minus
 *                       this, and a click older than the watermark is late ({@code -p out-of-order=2s})
 * @param dedupeTtl      how long (event time) after its last sighting a click id still marks repeats as
 *                       duplicates ({@code -p dedupe-ttl=10s})
 * @param sessionGap     a user's session ends after this much event time without clicks ({@code -p session-gap=30m})
 * @param slide          how often the minute and five-minute windows report: equal to {@link #MINUTE} for
 *                       tumbling windows (one result per minute), less for sliding ones ({@code -p slide=1s}:
 *                       every second, the minute up to then)
 * @param errorThreshold a country's minute is an alert when its error rate exceeds this
 *                       ({@code -p error-threshold=0.05})
 * @param alertMinEvents ... and it has at least this many clicks ({@code -p alert-min-events=100})
 */
public record AnalyticsSettings(Duration maxDelay, Duration dedupeTtl, Duration sessionGap, Duration slide,
                                double errorThreshold, long alertMinEvents) {

    /** The size of the per-minute windows (active users, top pages, revenue, error rates). */
    public static final Duration MINUTE = Duration.ofMinutes(1);
    /** The size of the funnel windows. */
    public static final Duration FUNNEL = Duration.ofMinutes(5);

    public static final String OUT_OF_ORDER = "out-of-order";
    public static final String DEDUPE_TTL = "dedupe-ttl";
    public static final String SESSION_GAP = "session-gap";
    public static final String SLIDE = "slide";
    public static final String ERROR_THRESHOLD = "error-threshold";
    public static final String ALERT_MIN_EVENTS = "alert-min-events";

    /** Defaults: 2 s out of order, 10 s dedupe, 30 min sessions, tumbling windows, alerts over 5% of 100+ clicks. */
    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(30), MINUTE,
                0.05, 100);
    }

    /**
     * Reads the parameters; a missing one keeps its default ({@code defaultSlide} for {@code slide}). A bad value
     * is a {@link BadInputException} naming the parameter.
     */
    public static AnalyticsSettings from(JobParams params, Duration defaultSlide) {
        AnalyticsSettings d = defaults();
        Duration maxDelay = params.getDuration(OUT_OF_ORDER, d.maxDelay);
        Duration ttl = positive(params, DEDUPE_TTL, params.getDuration(DEDUPE_TTL, d.dedupeTtl));
        Duration gap = positive(params, SESSION_GAP, params.getDuration(SESSION_GAP, d.sessionGap));
        Duration slide = positive(params, SLIDE, params.getDuration(SLIDE, defaultSlide));
        if (MINUTE.toMillis() % slide.toMillis() != 0) {
            throw new BadInputException("parameter '" + SLIDE + "' must divide one minute (e.g. 1s, 5s, 30s, 1m), got "
                    + params.get(SLIDE));
        }
        String thresholdText = params.get(ERROR_THRESHOLD, null);
        double threshold = d.errorThreshold;
        if (thresholdText != null) {
            try {
                threshold = Double.parseDouble(thresholdText);
            } catch (NumberFormatException e) {
                threshold = Double.NaN;
            }
            if (!(threshold >= 0 && threshold < 1)) {
                throw new BadInputException("parameter '" + ERROR_THRESHOLD
                        + "' must be a fraction in [0, 1), e.g. 0.05, got '" + thresholdText + "'");
            }
        }
        long minEvents = params.getLong(ALERT_MIN_EVENTS, d.alertMinEvents);
        if (minEvents < 1) {
            throw new BadInputException("parameter '" + ALERT_MIN_EVENTS + "' must be at least 1, got " + minEvents);
        }
        return new AnalyticsSettings(maxDelay, ttl, gap, slide, threshold, minEvents);
    }

    private static Duration positive(JobParams params, String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new BadInputException("parameter '" + name + "' must be positive, got " + params.get(name));
        }
        return value;
    }

    /** The per-minute windows: tumbling, or sliding by {@link #slide}. */
    public WindowDefinition perMinute() {
        return window(MINUTE);
    }

    /** The five-minute funnel windows: tumbling, or sliding by {@link #slide}. */
    public WindowDefinition perFiveMinutes() {
        return window(FUNNEL);
    }

    /** Whether the windows slide (report more often than once per window). */
    public boolean sliding() {
        return slide.compareTo(MINUTE) < 0;
    }

    private WindowDefinition window(Duration size) {
        return sliding() ? Windows.sliding(size, slide) : Windows.tumbling(size);
    }

    /** Whether a country-minute with {@code clicks} clicks of which {@code errors} failed is an alert. */
    public boolean isAlert(long clicks, long errors) {
        return clicks >= alertMinEvents && errors > errorThreshold * clicks;
    }
}
