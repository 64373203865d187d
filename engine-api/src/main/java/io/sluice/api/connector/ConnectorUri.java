package io.sluice.api.connector;

import io.sluice.api.BadInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed connector URI: {@code scheme:body?k=v&k2=v2}, where the body is a path ({@code file:/tmp/x}), a
 * name ({@code gen:nexmark}), an authority and path ({@code kafka://host:9092/topic}) or empty
 * ({@code console:}). Query values are URL-decoded. Immutable.
 */
public final class ConnectorUri {

    private final String raw;
    private final String scheme;
    private final String body;
    private final Map<String, String> params;

    private ConnectorUri(String raw, String scheme, String body, Map<String, String> params) {
        this.raw = raw;
        this.scheme = scheme;
        this.body = body;
        this.params = params;
    }

    /** Parses {@code uri}; a malformed one is a {@link BadInputException}. */
    public static ConnectorUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new BadInputException("empty connector URI");
        }
        int colon = uri.indexOf(':');
        if (colon <= 0 || !uri.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*")) {
            throw new BadInputException("connector URI '" + uri + "' has no scheme (expected e.g. file:/path, gen:nexmark)");
        }
        String scheme = uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = uri.substring(colon + 1);
        String body = rest;
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            body = rest.substring(0, q);
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new BadInputException("connector URI '" + uri + "': query part '" + pair + "' is not key=value");
                }
                String key = decode(uri, pair.substring(0, eq));
                if (params.put(key, decode(uri, pair.substring(eq + 1))) != null) {
                    throw new BadInputException("connector URI '" + uri + "': '" + key + "' is given twice");
                }
            }
        }
        return new ConnectorUri(uri, scheme, body, Collections.unmodifiableMap(params));
    }

    private static String decode(String uri, String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("connector URI '" + uri + "': bad %-escape in '" + s + "'");
        }
    }

    /** The URI as given. */
    public String raw() {
        return raw;
    }

    /** Lower-case scheme, e.g. {@code file}. */
    public String scheme() {
        return scheme;
    }

    /** Everything between {@code scheme:} and {@code ?}, e.g. {@code /tmp/x.jsonl} or {@code //host:9092/topic}. */
    public String body() {
        return body;
    }

    /** All query parameters, in order. */
    public Map<String, String> params() {
        return params;
    }

    /** A query parameter, or {@code null}. */
    public String param(String name) {
        return params.get(name);
    }

    public String param(String name, String defaultValue) {
        return params.getOrDefault(name, defaultValue);
    }

    /** A non-negative integer parameter; anything else is a {@link BadInputException} naming it. */
    public long longParam(String name, long defaultValue) {
        String v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(v.replace("_", ""));
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadInputException("connector URI '" + raw + "': '" + name + "' must be a non-negative integer, got '" + v + "'");
        }
    }

    /** A duration parameter written {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration durationParam(String name, Duration defaultValue) {
        String v = params.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("connector URI '" + raw + "': '" + name + "': " + e.getMessage());
        }
    }

    /**
     * This URI with one more query parameter, e.g. a job-wide default the runtime fills in; {@link #raw()} (what
     * messages and plans show) stays as the user wrote it. A parameter already present is an error.
     */
    public ConnectorUri withParam(String name, String value) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("connector URI '" + raw + "' already has '" + name + "'");
        }
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(name, value);
        return new ConnectorUri(raw, scheme, body, Collections.unmodifiableMap(more));
    }

    /** Rejects parameters this connector does not know, so a typo is an error instead of being ignored. */
    public ConnectorUri requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        Set<String> unknown = new TreeSet<>();
        for (String k : params.keySet()) {
            if (!allowed.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadInputException("connector URI '" + raw + "': unknown parameter(s) " + unknown
                    + (known.length == 0 ? " (it takes none)" : "; known: " + new TreeSet<>(allowed)));
        }
        return this;
    }

    @Override
    public String toString() {
        return raw;
    }
}
