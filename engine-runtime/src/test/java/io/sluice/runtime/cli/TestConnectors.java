package io.sluice.runtime.cli;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A source for the CLI tests that can fail in the ways the CLI must report (the test kit's sources cannot). */
final class TestConnectors {

    private TestConnectors() {
    }

    /** How {@link RangeSource} should go wrong. */
    enum Failure { NONE, SPLITS, READ_BAD_INPUT, READ_IO }

    record RangeSplit(String splitId) implements SourceSplit {
    }

    /** Emits 1..count in one split; {@code unbounded} never ends (for cancellation). */
    record RangeSource(long count, boolean unbounded, Failure failure) implements Source<Long> {

        @Override
        public String name() {
            return "range:" + count;
        }

        @Override
        public boolean isBounded() {
            return !unbounded;
        }

        @Override
        public int maxParallelism() {
            return 1;
        }

        @Override
        public long estimatedRecords() {
            return unbounded ? -1 : count;
        }

        @Override
        public List<SourceSplit> createSplits(int parallelism) {
            if (failure == Failure.SPLITS) {
                throw new BadInputException("file not found: /no/such/events.jsonl");
            }
            return List.of(new RangeSplit("range"));
        }

        @Override
        public SourceReader<Long> createReader(SourceContext context) {
            return new SourceReader<>() {
                private long next = 1;

                @Override
                public void open() {
                }

                @Override
                public ReadStatus read(SourceOutput<Long> out, int maxRecords) throws IOException {
                    if (next > 3 && failure == Failure.READ_BAD_INPUT) {
                        throw new BadInputException("events.jsonl line 4: invalid JSON for Bid");
                    }
                    if (next > 3 && failure == Failure.READ_IO) {
                        throw new IOException("disk on fire");
                    }
                    for (int i = 0; i < maxRecords && (unbounded || next <= count); i++) {
                        out.emit(next++);
                        if (failure != Failure.NONE && next > 3) {
                            break;
                        }
                    }
                    return !unbounded && next > count ? ReadStatus.END_OF_INPUT : ReadStatus.MORE_AVAILABLE;
                }

                @Override
                public List<SourceSplit> snapshotSplits(long checkpointId) {
                    return List.of(new RangeSplit("range"));
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Codec<SourceSplit> splitCodec() {
            return new Codec<>() {
                @Override
                public Class<SourceSplit> type() {
                    return SourceSplit.class;
                }

                @Override
                public void encode(SourceSplit value, OutputStream out) throws IOException {
                    out.write(value.splitId().getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public SourceSplit decode(byte[] bytes, int offset, int length) {
                    return new RangeSplit(new String(bytes, offset, length, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
