package io.sluice.api.connector;

import java.util.List;

/** The {@link SourceContext} of {@link SourceContext#of}. */
record FixedSourceContext(String jobName, int instanceIndex, int parallelism, List<SourceSplit> splits)
        implements SourceContext {
}
