package io.sluice.jobs.analytics.live;

import io.sluice.api.connector.Sink;
import io.sluice.connectors.clickstream.Click;
import io.sluice.jobs.analytics.AnalyticsSettings;
import io.sluice.jobs.analytics.UserAnalytics.ActiveUsers;
import io.sluice.jobs.analytics.UserAnalytics.CountryUsers;
import io.sluice.jobs.analytics.UserAnalytics.ErrorAlert;
import io.sluice.jobs.analytics.UserAnalytics.Funnel;
import io.sluice.jobs.analytics.UserAnalytics.Revenue;
import io.sluice.jobs.analytics.UserAnalytics.Session;
import io.sluice.jobs.analytics.UserAnalytics.TopPages;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The demo's live terminal view: the latest result of every stream of {@code user-analytics}, how fast clicks
 * come in, and how long results take, redrawn every second ({@link ViewFrame} draws it).
 *
 * <p><b>Latency.</b> Each window result is timed from the moment the source read the click that made the
 * watermark pass the window's end (which is what released the result; {@link IngestClock}) to the moment its
 * sink hands it to the view; the percentiles are over the results of the last {@value #LATENCY_SECONDS} s. A
 * result released by the end of a bounded input has no such click and is not timed.
 *
 * <p><b>Threads.</b> The sinks' writers (worker threads) call the {@code on...} methods; they only replace
 * volatile references, update concurrent maps and counters, and record into an HdrHistogram {@link Recorder}
 * (wait-free). The renderer is a daemon thread of its own, started when the first writer opens ({@link #attach})
 * and stopped, after drawing a last frame, when the last one closes ({@link #detach}).
 */
public final class LiveView {

    /** How often the demo's minute and five-minute windows report. */
    public static final Duration DEFAULT_SLIDE = Duration.ofSeconds(1);
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int LATENCY_SECONDS = 10;

    /** What the demo source tells the view about its feed. */
    interface Feed {
        long clicksRead();

        long clicksAppended();

        String queue();
    }

    private final PrintStream out;
    private final AnalyticsSettings settings;
    private final DemoOptions options;
    private final boolean ansi;
    private final long delayMillis;
    private final long gapMillis;
    private final IngestClock ingest = new IngestClock();
    private final Recorder latencyMicros = new Recorder(3);
    private final ArrayDeque<Histogram> latencyWindow = new ArrayDeque<>();
    private volatile Feed feed;

    private volatile ActiveUsers activeUsers;
    private volatile TopPages topPages;
    private volatile Funnel funnel;
    private volatile Revenue revenue;
    private final ConcurrentHashMap<String, CountryUsers> countries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ErrorAlert> alerts = new ConcurrentHashMap<>();
    private final AtomicLong latestCountryWindowEnd = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong alertCount = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong sessionMillis = new AtomicLong();
    private final AtomicLong sessionPages = new AtomicLong();
    private final AtomicLong sessionsConverted = new AtomicLong();
    private final AtomicLong lateClicks = new AtomicLong();

    /** Guarded by {@code this}. */
    private int writers;
    private Renderer renderer;

    public LiveView(PrintStream out, AnalyticsSettings settings, DemoOptions options) {
        this.out = Objects.requireNonNull(out, "out");
        this.settings = settings;
        this.options = options;
        this.ansi = out == System.out && System.console() != null;
        this.delayMillis = settings.maxDelay().toMillis();
        this.gapMillis = settings.sessionGap().toMillis();
    }

    /** A sink that feeds a result stream into this view. */
    public <T> Sink<T> sink(String stream, Consumer<? super T> onRecord) {
        return new ViewSink<>(stream, this, onRecord);
    }

    IngestClock ingestClock() {
        return ingest;
    }

    void feed(Feed f) {
        this.feed = f;
    }

    // ---- results, from the sinks' threads -------------------------------------------------------------------

    public void onSession(Session s) {
        sessions.incrementAndGet();
        sessionMillis.addAndGet(s.durationMillis());
        sessionPages.addAndGet(s.pages());
        if (s.converted()) {
            sessionsConverted.incrementAndGet();
        }
        released(s.end() + gapMillis + 1); // a session closes once the watermark passes its last click + gap
    }

    public void onActiveUsers(ActiveUsers a) {
        activeUsers = a;
        released(a.windowEnd());
    }

    public void onCountryUsers(CountryUsers c) {
        countries.put(c.country(), c);
        latestCountryWindowEnd.accumulateAndGet(c.windowEnd(), Math::max);
        released(c.windowEnd());
    }

    public void onTopPages(TopPages t) {
        topPages = t;
        released(t.windowEnd());
    }

    public void onFunnel(Funnel f) {
        funnel = f;
        released(f.windowEnd());
    }

    public void onRevenue(Revenue r) {
        revenue = r;
        released(r.windowEnd());
    }

    public void onAlert(ErrorAlert a) {
        alerts.put(a.country(), a);
        alertCount.incrementAndGet();
        released(a.windowEnd());
    }

    public void onLateClick(Click c) {
        lateClicks.incrementAndGet();
    }

    /** Times a result released when the watermark reached {@code watermark}. */
    private void released(long watermark) {
        long readAt = ingest.ingestedAt(watermark + delayMillis);
        if (readAt >= 0) {
            latencyMicros.recordValue(Math.max(0, (System.nanoTime() - readAt) / 1000));
        }
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    synchronized void attach() {
        if (writers++ == 0) {
            renderer = new Renderer();
            renderer.start();
        }
    }

    synchronized void detach() {
        if (writers > 0 && --writers == 0) {
            renderer.finish();
            renderer = null;
        }
    }

    /** The renderer thread: a frame every second, and a last one when it is finished. */
    private final class Renderer extends Thread {
        private final long startNanos = System.nanoTime();
        private volatile boolean finished;
        private long lastRead;
        private long lastNanos = startNanos;
        private double rate;
        private int lastLines;

        Renderer() {
            super("sluice-live-view");
            setDaemon(true);
        }

        @Override
        public void run() {
            long next = startNanos + REFRESH_NANOS;
            while (!finished) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                draw(false);
                next += REFRESH_NANOS;
            }
        }

        /** Stops the thread and draws the last frame on the caller's thread. */
        void finish() {
            finished = true;
            LockSupport.unpark(this);
            try {
                join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            draw(true);
        }

        private synchronized void draw(boolean last) {
            String frame = ViewFrame.draw(snapshot(last));
            StringBuilder sb = new StringBuilder();
            if (ansi && lastLines > 0) {
                sb.append("\033[").append(lastLines).append("F\033[J"); // back to the previous frame's top; clear
            }
            sb.append(frame);
            if (!ansi) {
                sb.append('\n');
            }
            lastLines = (int) frame.chars().filter(c -> c == '\n').count();
            out.print(sb);
            out.flush();
        }

        private ViewFrame.Snapshot snapshot(boolean last) {
            long now = System.nanoTime();
            Feed f = feed;
            long read = f == null ? 0 : f.clicksRead();
            if (now - lastNanos >= REFRESH_NANOS / 2) {
                rate = (read - lastRead) * 1e9 / (now - lastNanos);
                lastRead = read;
                lastNanos = now;
            }
            latencyWindow.addLast(latencyMicros.getIntervalHistogram());
            while (latencyWindow.size() > LATENCY_SECONDS) {
                latencyWindow.removeFirst();
            }
            Histogram latency = new Histogram(3);
            for (Histogram h : latencyWindow) {
                latency.add(h);
            }
            long countryEnd = latestCountryWindowEnd.get();
            List<CountryUsers> topCountries = new ArrayList<>();
            for (CountryUsers c : countries.values()) {
                if (c.windowEnd() == countryEnd) {
                    topCountries.add(c);
                }
            }
            topCountries.sort(Comparator.comparingLong(CountryUsers::users).reversed()
                    .thenComparing(CountryUsers::country));
            long slide = settings.slide().toMillis();
            alerts.values().removeIf(a -> a.windowEnd() < countryEnd - slide);
            List<ErrorAlert> activeAlerts = new ArrayList<>(alerts.values());
            activeAlerts.sort(Comparator.comparingDouble(ErrorAlert::errorRate).reversed());
            return new ViewFrame.Snapshot(last, now - startNanos, options, settings, f == null ? null : f.queue(),
                    rate, read, f == null ? 0 : f.clicksAppended(), latency, activeUsers, topCountries, topPages,
                    funnel, revenue, activeAlerts, alertCount.get(), sessions.get(), sessionMillis.get(),
                    sessionPages.get(), sessionsConverted.get(), lateClicks.get());
        }
    }
}
