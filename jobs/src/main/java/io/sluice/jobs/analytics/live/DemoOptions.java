package io.sluice.jobs.analytics.live;

import io.sluice.api.BadInputException;
import io.sluice.api.connector.ConnectorUri;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo source of {@code user-analytics}: {@code demo:?rate=R&events=N&seed=S&dir=DIR&chaos=true|false}.
 *
 * <ul>
 *   <li>{@code rate}: clicks per second the generator appends (default {@value #DEFAULT_RATE});</li>
 *   <li>{@code events}: stop after this many generated clicks (default: run until Ctrl-C);</li>
 *   <li>{@code seed}: the generator's seed (default 42);</li>
 *   <li>{@code dir}: the Chronicle queue directory; it must be new or empty and is kept afterwards, so the run can
 *       be replayed with {@code -p source=chronicle:DIR?until=latest}. Default: a new temporary directory,
 *       deleted when the job ends (and rolled every minute with two minutes' retention meanwhile);</li>
 *   <li>{@code chaos}: what a real feed does now and then (default {@code true}): error bursts in one country,
 *       clicks delivered late and clicks delivered twice ({@link Chaos}).</li>
 * </ul>
 *
 * @param uri    the URI as given
 * @param rate   clicks per second
 * @param events clicks to generate, or -1 for no end
 * @param seed   the generator's seed
 * @param dir    the queue directory, or {@code null} for a temporary one
 * @param chaos  whether to inject errors, late and repeated clicks
 */
public record DemoOptions(String uri, long rate, long events, long seed, Path dir, boolean chaos) {

    /** The scheme of the demo source. */
    public static final String SCHEME = "demo";
    /** The default source of {@code user-analytics}. */
    public static final String DEFAULT_URI = "demo:";
    public static final long DEFAULT_RATE = 50_000;
    /** A rate the JSON encoding, the queue and the job all keep up with on a small machine, with room to spare. */
    static final long MAX_RATE = 2_000_000;

    /** Whether {@code uri} names the demo source. */
    public static boolean isDemo(String uri) {
        return uri != null && uri.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME + ":");
    }

    /** Parses a {@code demo:} URI given as parameter {@code param}; a bad one is a {@link BadInputException}. */
    public static DemoOptions parse(String param, String uri) {
        try {
            ConnectorUri u = ConnectorUri.parse(uri.trim());
            u.requireOnly("rate", "events", "seed", "dir", "chaos");
            if (!u.body().isEmpty()) {
                throw new BadInputException("connector URI '" + uri + "': the demo takes no path, only options "
                        + "(e.g. demo:?rate=50000)");
            }
            long rate = u.longParam("rate", DEFAULT_RATE);
            if (rate < 1 || rate > MAX_RATE) {
                throw new BadInputException("connector URI '" + uri + "': 'rate' must be between 1 and " + MAX_RATE
                        + " clicks/s, got " + rate);
            }
            long events = u.param("events") == null ? -1 : u.longParam("events", 0);
            if (u.param("events") != null && events < 1) {
                throw new BadInputException("connector URI '" + uri + "': 'events' must be at least 1, got " + events);
            }
            long seed = u.longParam("seed", 42);
            Path dir = null;
            if (u.param("dir") != null) {
                try {
                    dir = Path.of(u.param("dir")).toAbsolutePath().normalize();
                } catch (InvalidPathException e) {
                    throw new BadInputException("connector URI '" + uri + "': invalid dir: " + e.getMessage());
                }
            }
            String chaos = u.param("chaos", "true");
            if (!chaos.equals("true") && !chaos.equals("false")) {
                throw new BadInputException("connector URI '" + uri + "': 'chaos' must be true or false, got '" + chaos
                        + "'");
            }
            return new DemoOptions(uri, rate, events, seed, dir, chaos.equals("true"));
        } catch (BadInputException e) {
            throw new BadInputException("parameter '" + param + "': " + e.getMessage(), e);
        }
    }

    /** Whether the demo ends by itself. */
    public boolean bounded() {
        return events >= 0;
    }

    /** The generator URI the demo appends from. */
    String generatorUri() {
        return "gen:clickstream?rate=" + rate + "&seed=" + seed + (bounded() ? "&events=" + events : "");
    }
}
