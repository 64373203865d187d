package io.sluice.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a benchmark runner: {@code --name value} options and {@code --flag} switches. Every
 * option must be one the runner declared; an unknown or malformed one is an {@link IllegalArgumentException}
 * with a one-line message, which the runners print with their usage before exiting with code 2.
 */
public final class RunnerArgs {

    private final Map<String, String> values = new LinkedHashMap<>();

    private RunnerArgs() {
    }

    /**
     * Parses {@code args}. {@code options} take a value, {@code flags} do not; names are given without the
     * leading dashes.
     */
    public static RunnerArgs parse(String[] args, Set<String> options, Set<String> flags) {
        RunnerArgs parsed = new RunnerArgs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                parsed.values.put(name, "true");
            } else if (options.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                parsed.values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public String get(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** A count; {@code _} separators are allowed ({@code 20_000_000}). */
    public long getLong(String name, long defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    public int getInt(String name, int defaultValue) {
        return Math.toIntExact(getLong(name, defaultValue));
    }

    /** A comma-separated list. */
    public List<String> getList(String name, String defaultValue) {
        List<String> items = new ArrayList<>();
        for (String s : get(name, defaultValue).split(",")) {
            if (!s.isBlank()) {
                items.add(s.trim());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " needs at least one value");
        }
        return items;
    }

    /** A comma-separated list of positive integers. */
    public List<Long> getLongs(String name, String defaultValue) {
        List<Long> numbers = new ArrayList<>();
        for (String s : getList(name, defaultValue)) {
            long n;
            try {
                n = Long.parseLong(s.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes integers, got '" + s + "'");
            }
            if (n < 1) {
                throw new IllegalArgumentException("--" + name + " takes positive integers, got " + n);
            }
            numbers.add(n);
        }
        return numbers;
    }
}
