package io.sluice.api;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ConnectorUri;
import io.sluice.api.connector.Connectors;
import io.sluice.api.connector.Durations;
import io.sluice.api.connector.Sink;
import io.sluice.api.connector.Source;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code -p name=value} parameters of a run. Every accessor reports a missing or malformed value as a
 * {@link BadInputException} whose message names the parameter. The runtime remembers which names a job
 * read, so a parameter the job does not know (a typo) is an error too ({@link #unreadNames()}).
 *
 * <p>Not thread-safe; used while a job is defined.
 */
public final class JobParams {

    /** The job-wide dead-letter sink of sources with {@code onError=dlq}: {@code -p dlq=URI}. */
    public static final String DEAD_LETTER_SINK = "dlq";

    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    public JobParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static JobParams empty() {
        return new JobParams(Map.of());
    }

    /** The value of a required parameter. */
    public String get(String name) {
        String v = find(name);
        if (v == null) {
            throw new BadInputException("missing parameter: -p " + name + "=...");
        }
        return v;
    }

    /** The value of an optional parameter. */
    public String get(String name, String defaultValue) {
        String v = find(name);
        return v != null ? v : defaultValue;
    }

    public long getLong(String name, long defaultValue) {
        String v = find(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new BadInputException("parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    public int getInt(String name, int defaultValue) {
        long v = getLong(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new BadInputException("parameter '" + name + "' is out of range: " + v);
        }
        return (int) v;
    }

    /** A duration written {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h} or {@code 7d}. */
    public Duration getDuration(String name, Duration defaultValue) {
        String v = find(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("parameter '" + name + "': " + e.getMessage());
        }
    }

    /** The source named by the URI in a required parameter, e.g. {@code -p source=gen:nexmark}. */
    public <T> Source<T> source(String name, Codec<T> codec) {
        return source(name, null, codec);
    }

    /**
     * The source named by the URI in a parameter, or by {@code defaultUri} when it is absent. A source URI that
     * sends bad records to a dead-letter sink ({@code onError=dlq}) without naming one gets the job's
     * {@code -p dlq=URI}.
     */
    public <T> Source<T> source(String name, String defaultUri, Codec<T> codec) {
        String uri = defaultUri == null ? get(name) : get(name, defaultUri);
        try {
            return Connectors.source(withDeadLetterSink(ConnectorUri.parse(uri)), codec);
        } catch (BadInputException e) {
            throw new BadInputException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Adds {@code dlq=<-p dlq>} to a source URI with {@code onError=dlq} and no {@code dlq} of its own. */
    private ConnectorUri withDeadLetterSink(ConnectorUri uri) {
        if (!"dlq".equalsIgnoreCase(uri.param("onError")) || uri.param(DEAD_LETTER_SINK) != null) {
            return uri;
        }
        String dlq = find(DEAD_LETTER_SINK);
        return dlq == null ? uri : uri.withParam(DEAD_LETTER_SINK, dlq);
    }

    /** The sink named by the URI in a required parameter, e.g. {@code -p sink=file:/tmp/out.jsonl}. */
    public <T> Sink<T> sink(String name, Codec<T> codec) {
        return sink(name, null, codec);
    }

    /** The sink named by the URI in a parameter, or by {@code defaultUri} when it is absent. */
    public <T> Sink<T> sink(String name, String defaultUri, Codec<T> codec) {
        String uri = defaultUri == null ? get(name) : get(name, defaultUri);
        try {
            return Connectors.sink(uri, codec);
        } catch (BadInputException e) {
            throw new BadInputException("parameter '" + name + "': " + e.getMessage(), e);
        }
    }

    /** All values as given. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Names given on the command line that the job never asked for. */
    public Set<String> unreadNames() {
        Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    private String find(String name) {
        read.add(name);
        return values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
