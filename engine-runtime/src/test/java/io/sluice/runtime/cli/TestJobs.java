package io.sluice.runtime.cli;

import io.sluice.api.JobParams;
import io.sluice.api.Pipeline;
import io.sluice.api.StreamJob;
import io.sluice.runtime.cli.TestConnectors.Failure;
import io.sluice.runtime.cli.TestConnectors.RangeSource;
import io.sluice.runtime.testing.CollectingSink;
import java.util.Locale;

/** Jobs registered for the CLI tests in {@code src/test/resources/META-INF/services}. */
public final class TestJobs {

    /** Where {@code test-range} writes; shared because the CLI instantiates jobs itself. Cleared by each test. */
    static final CollectingSink<Long> COLLECTED = new CollectingSink<>("collect");

    private TestJobs() {
    }

    /**
     * {@code test-range}: 1..n → divide by {@code divisor} → keep evens → collect. Parameters: {@code n}
     * (default 100), {@code divisor} (default 1; 0 makes the map throw), {@code fail}
     * ({@code none|splits|read_bad_input|read_io}), {@code unbounded} (true/false), {@code source-name}.
     */
    public static final class Range implements StreamJob {
        @Override
        public String name() {
            return "test-range";
        }

        @Override
        public String description() {
            return "Numbers 1..n, divided, evens kept (CLI tests)";
        }

        @Override
        public void define(Pipeline p, JobParams params) {
            long n = params.getLong("n", 100);
            long divisor = params.getLong("divisor", 1);
            Failure failure = Failure.valueOf(params.get("fail", "none").toUpperCase(Locale.ROOT));
            boolean unbounded = Boolean.parseBoolean(params.get("unbounded", "false"));
            p.source(new RangeSource(n, unbounded, failure)).named(params.get("source-name", "numbers"))
                    .map(x -> x / divisor).named("divide")
                    .filter(x -> x % 2 == 0).named("evens")
                    .sink(COLLECTED).named("collect");
        }
    }

    /** {@code test-broken}: a job whose definition has no sink, a bug in the job rather than bad input. */
    public static final class Broken implements StreamJob {
        @Override
        public String name() {
            return "test-broken";
        }

        @Override
        public void define(Pipeline p, JobParams params) {
            p.source(new RangeSource(1, false, Failure.NONE));
        }
    }
}
