package io.sluice.runtime.cli;

import io.sluice.api.StreamJob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The jobs on the class path, found with {@link ServiceLoader} ({@code META-INF/services/io.sluice.api.StreamJob}),
 * by name. A job class that cannot be loaded, or a second job with a name already taken, does not hide the
 * others: it is listed in {@link #problems()}.
 */
public final class JobCatalog {

    private final Map<String, StreamJob> byName;
    private final List<String> problems;

    private JobCatalog(Map<String, StreamJob> byName, List<String> problems) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problems = List.copyOf(problems);
    }

    /** Loads every job visible to the context class loader (or this class's loader when there is none). */
    public static JobCatalog load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JobCatalog.class.getClassLoader();
        }
        return load(loader, type -> true);
    }

    /**
     * Loads the jobs {@code loader} sees whose class {@code accept} takes (a job jar's loader also sees the
     * server's jobs through its parent; the server keeps only those the jar itself defines).
     */
    public static JobCatalog load(ClassLoader loader, java.util.function.Predicate<Class<?>> accept) {
        Map<String, StreamJob> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (ServiceLoader.Provider<StreamJob> provider : providers(loader, problems)) {
            if (!accept.test(provider.type())) {
                continue;
            }
            StreamJob job;
            try {
                job = provider.get();
            } catch (ServiceConfigurationError | RuntimeException e) {
                problems.add("cannot load job " + provider.type().getName() + ": " + ErrorReporter.oneLine(e.getMessage()));
                continue;
            }
            StreamJob previous = byName.putIfAbsent(job.name(), job);
            if (previous != null && previous.getClass() != job.getClass()) {
                problems.add("job name '" + job.name() + "' is used by both " + previous.getClass().getName()
                        + " and " + job.getClass().getName() + "; the first is used");
            }
        }
        return new JobCatalog(byName, problems);
    }

    private static List<ServiceLoader.Provider<StreamJob>> providers(ClassLoader loader, List<String> problems) {
        List<ServiceLoader.Provider<StreamJob>> result = new ArrayList<>();
        var it = ServiceLoader.load(StreamJob.class, loader).stream().iterator();
        for (int errors = 0; errors < 100; ) {
            try {
                if (!it.hasNext()) {
                    return result;
                }
                result.add(it.next());
            } catch (ServiceConfigurationError e) {
                problems.add(ErrorReporter.oneLine(e.getMessage()));
                errors++;
            }
        }
        return result;
    }

    /** All jobs, sorted by name. */
    public List<StreamJob> all() {
        return List.copyOf(byName.values());
    }

    public Optional<StreamJob> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The job called {@code name}; an unknown name is a {@link UsageException} listing the known ones. */
    public StreamJob require(String name) {
        StreamJob job = byName.get(name);
        if (job == null) {
            String known = byName.isEmpty() ? "no jobs are on the class path" : "known jobs: " + String.join(", ", byName.keySet());
            throw new UsageException("unknown job '" + name + "' (" + known + ")");
        }
        return job;
    }

    /** Jobs that could not be loaded, one line each. */
    public List<String> problems() {
        return problems;
    }
}
