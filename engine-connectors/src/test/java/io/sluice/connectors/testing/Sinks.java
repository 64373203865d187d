package io.sluice.connectors.testing;

import io.sluice.api.connector.SinkContext;

/** Sink-side helpers. */
public final class Sinks {

    private Sinks() {
    }

    public static SinkContext context(int index, int parallelism) {
        return new SinkContext() {
            @Override
            public int instanceIndex() {
                return index;
            }

            @Override
            public int parallelism() {
                return parallelism;
            }

            @Override
            public String jobName() {
                return "test";
            }

            @Override
            public boolean checkpointingEnabled() {
                return false;
            }
        };
    }
}
