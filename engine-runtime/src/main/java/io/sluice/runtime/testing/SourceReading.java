package io.sluice.runtime.testing;

import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import java.util.function.Consumer;

/**
 * Reads a bounded source outside a job, as one instance at parallelism 1, in source order: for checking what a
 * job wrote (read back through the connector, as a job would read it) or for a test's reference computation.
 * Watermarks and idleness are ignored. Called from the test's thread; the source must end.
 */
public final class SourceReading {

    private SourceReading() {
    }

    /** Hands every record of {@code source} to {@code each}, in order, until the end of its input. */
    public static <T> void forEach(Source<T> source, Consumer<? super T> each) throws Exception {
        SourceReader<T> reader = source.createReader(SourceContext.of("read-back", 0, 1, source.createSplits(1)));
        SourceOutput<T> out = new SourceOutput<>() {
            @Override
            public void emit(T record) {
                each.accept(record);
            }

            @Override
            public void emit(T record, long timestamp) {
                each.accept(record);
            }

            @Override
            public void emitWatermark(long watermark) {
            }

            @Override
            public void markIdle() {
            }
        };
        try {
            reader.open();
            while (reader.read(out, 4096) != ReadStatus.END_OF_INPUT) {
                Thread.onSpinWait();
            }
        } finally {
            reader.close();
        }
    }
}
