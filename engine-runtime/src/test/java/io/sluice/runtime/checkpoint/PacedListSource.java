package io.sluice.runtime.checkpoint;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.testing.ListSource;
import java.util.List;

/** A {@link ListSource} that emits at most {@code perMilli} records per millisecond, so checkpoints happen mid-run. */
final class PacedListSource<T> implements Source<T> {

    private final ListSource<T> delegate;
    private final int perMilli;

    PacedListSource(List<T> items, int perMilli) {
        this.delegate = ListSource.of(items);
        this.perMilli = perMilli;
    }

    @Override
    public String name() {
        return "paced-" + delegate.name();
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        return delegate.createSplits(parallelism);
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return delegate.splitCodec();
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) throws Exception {
        SourceReader<T> inner = delegate.createReader(context);
        return new SourceReader<>() {
            private long lastMillis = System.currentTimeMillis();

            @Override
            public void open() throws Exception {
                inner.open();
            }

            @Override
            public ReadStatus read(SourceOutput<T> out, int maxRecords) throws Exception {
                long now = System.currentTimeMillis();
                if (now == lastMillis) {
                    return ReadStatus.NOTHING_AVAILABLE;
                }
                lastMillis = now;
                return inner.read(out, Math.min(maxRecords, perMilli));
            }

            @Override
            public List<SourceSplit> snapshotSplits(long checkpointId) {
                return inner.snapshotSplits(checkpointId);
            }

            @Override
            public void close() throws Exception {
                inner.close();
            }
        };
    }
}
