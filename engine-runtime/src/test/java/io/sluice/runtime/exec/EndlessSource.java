package io.sluice.runtime.exec;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An unbounded source of 0, 1, 2, ... as fast as it is allowed to go; counts what it emitted. */
final class EndlessSource implements Source<Integer> {

    final AtomicLong emitted = new AtomicLong();

    @Override
    public String name() {
        return "endless";
    }

    @Override
    public boolean isBounded() {
        return false;
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        return List.of();
    }

    @Override
    public SourceReader<Integer> createReader(SourceContext context) {
        return new SourceReader<>() {
            int next;

            @Override
            public void open() {
            }

            @Override
            public ReadStatus read(SourceOutput<Integer> out, int maxRecords) {
                for (int i = 0; i < maxRecords; i++) {
                    out.emit(next++);
                }
                emitted.addAndGet(maxRecords);
                return ReadStatus.MORE_AVAILABLE;
            }

            @Override
            public List<SourceSplit> snapshotSplits(long checkpointId) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        throw new UnsupportedOperationException("not checkpointable");
    }
}
