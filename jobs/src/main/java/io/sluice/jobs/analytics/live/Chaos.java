package io.sluice.jobs.analytics.live;

import io.sluice.connectors.clickstream.Click;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * What a real click feed does now and then, injected into the demo's generated clicks so that every result
 * stream of the job has something to show. Deterministic: it depends only on the clicks and their order.
 *
 * <ul>
 *   <li><b>Error bursts.</b> Every {@value #PERIOD_MILLIS} ms of event time, starting {@value #FIRST_MILLIS} ms
 *       after the first click, one country ({@link #COUNTRIES}, in turn) has {@value #BURST_MILLIS} ms in which
 *       {@value #BURST_ERROR_PERCENT}% of its page views fail (become {@code error} clicks): its error rate over a
 *       minute climbs above 5% and the job raises an alert.</li>
 *   <li><b>Late clicks.</b> One click in {@value #LATE_EVERY} is held back and delivered once the feed is
 *       {@value #LATE_BY_MILLIS} ms of event time further: by then the watermark has passed it, so the job sends
 *       it to the late side output.</li>
 *   <li><b>Repeats.</b> One click in {@value #REPEAT_EVERY} is delivered twice in a row, as a producer retry
 *       would; the job's dedupe drops the second.</li>
 * </ul>
 *
 * <p>Not thread-safe: used by the generator thread only.
 */
final class Chaos {

    static final long PERIOD_MILLIS = 60_000;
    static final long FIRST_MILLIS = 5_000;
    static final long BURST_MILLIS = 20_000;
    static final int BURST_ERROR_PERCENT = 30;
    static final String[] COUNTRIES = {"DE", "FR", "GB", "BR", "JP"};
    static final long LATE_EVERY = 10_000;
    static final long LATE_BY_MILLIS = 5_000;
    static final long REPEAT_EVERY = 10_000;

    private final boolean enabled;
    private final ArrayDeque<Click> held = new ArrayDeque<>();
    private long firstTs = Long.MIN_VALUE;
    private long index;

    Chaos(boolean enabled) {
        this.enabled = enabled;
    }

    /** Passes the next generated click on to {@code out}: unchanged, failed, held back, or twice. */
    void offer(Click click, Consumer<Click> out) {
        if (!enabled) {
            out.accept(click);
            return;
        }
        long i = index++;
        if (firstTs == Long.MIN_VALUE) {
            firstTs = click.ts();
        }
        while (!held.isEmpty() && held.peekFirst().ts() + LATE_BY_MILLIS <= click.ts()) {
            out.accept(held.pollFirst());
        }
        Click c = inBurst(click) && percent(i) < BURST_ERROR_PERCENT ? failed(click) : click;
        if (i % LATE_EVERY == LATE_EVERY / 2) {
            held.addLast(c);
            return;
        }
        out.accept(c);
        if (i % REPEAT_EVERY == REPEAT_EVERY - 1) {
            out.accept(c);
        }
    }

    /** At the end of a bounded feed: delivers what is still held back. */
    void finish(Consumer<Click> out) {
        while (!held.isEmpty()) {
            out.accept(held.pollFirst());
        }
    }

    /** The country with an error burst at event time {@code ts}, or {@code null}. */
    String burstCountry(long ts) {
        if (!enabled || firstTs == Long.MIN_VALUE) {
            return null;
        }
        long t = ts - firstTs - FIRST_MILLIS;
        if (t < 0 || t % PERIOD_MILLIS >= BURST_MILLIS) {
            return null;
        }
        return COUNTRIES[(int) ((t / PERIOD_MILLIS) % COUNTRIES.length)];
    }

    private boolean inBurst(Click c) {
        return Click.VIEW.equals(c.action()) && c.country() != null && c.country().equals(burstCountry(c.ts()));
    }

    private static Click failed(Click c) {
        return new Click(c.userId(), c.sessionId(), c.page(), Click.ERROR, c.ts(), c.country(), c.device(), 0);
    }

    /** A uniform number in [0, 100) from the click's position (the SplitMix64 finalizer). */
    private static int percent(long i) {
        long z = (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) ((z >>> 1) % 100);
    }
}
