package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two sources of very different speed on two workers, in one job: with alignment the fast one never leads the
 * slow one by more than the allowed drift plus one read batch; without, it runs far ahead.
 */
class AlignedSourcesPipelineTest {

    private static final int BATCH = 64;
    private static final long MAX_DRIFT = 200;
    private static final int SLOW_EVENTS = 2_000;
    private static final int FAST_EVENTS = 20_000;

    /** What the slow source emitted last, and the largest lead of the fast one over it while both ran. */
    private static final class DriftProbe {
        volatile long slowLatest = Long.MIN_VALUE;
        volatile boolean slowDone;
        volatile long maxLead;
    }

    /** Emits timestamps 0, 1, 2, ... (ms); at most {@code perMilli} per millisecond of wall time unless 0. */
    private record Timestamps(int count, int perMilli, DriftProbe probe, boolean slow) implements Source<Long> {

        @Override
        public String name() {
            return slow ? "slow" : "fast";
        }

        @Override
        public boolean isBounded() {
            return true;
        }

        @Override
        public List<SourceSplit> createSplits(int parallelism) {
            return List.of();
        }

        @Override
        public Codec<SourceSplit> splitCodec() {
            throw new UnsupportedOperationException("not checkpointable");
        }

        @Override
        public SourceReader<Long> createReader(SourceContext context) {
            return new SourceReader<>() {
                long next;
                long lastMillis;

                @Override
                public void open() {
                }

                @Override
                public ReadStatus read(SourceOutput<Long> out, int maxRecords) {
                    if (!slow && probe.slowLatest == Long.MIN_VALUE) {
                        // Wait for the slow one's first record: else, unaligned, the fast one may be done before
                        // the other worker even started, and there would be no lead to see.
                        return ReadStatus.NOTHING_AVAILABLE;
                    }
                    int n = maxRecords;
                    if (perMilli > 0) {
                        long now = System.currentTimeMillis();
                        if (now == lastMillis) {
                            return ReadStatus.NOTHING_AVAILABLE;
                        }
                        lastMillis = now;
                        n = Math.min(n, perMilli);
                    }
                    for (int i = 0; i < n && next < count; i++) {
                        out.emit(next++);
                    }
                    if (slow) {
                        probe.slowLatest = next - 1;
                        probe.slowDone = next == count;
                    } else if (!probe.slowDone && probe.slowLatest != Long.MIN_VALUE) {
                        probe.maxLead = Math.max(probe.maxLead, next - 1 - probe.slowLatest);
                    }
                    return next == count ? ReadStatus.END_OF_INPUT : ReadStatus.MORE_AVAILABLE;
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
    }

    private static long maxLead(boolean aligned) throws Exception {
        DriftProbe probe = new DriftProbe();
        WatermarkPolicy<Long> policy = WatermarkPolicy.boundedOutOfOrder((Long x) -> x, Duration.ZERO);
        if (aligned) {
            policy = policy.withAlignment(Duration.ofMillis(MAX_DRIFT));
        }
        CollectingSink<Long> fastOut = new CollectingSink<>("fast-out");
        CollectingSink<Long> slowOut = new CollectingSink<>("slow-out");
        Pipeline p = Pipeline.create();
        p.source(new Timestamps(FAST_EVENTS, 0, probe, false), policy).sink(fastOut);
        p.source(new Timestamps(SLOW_EVENTS, 10, probe, true), policy).sink(slowOut);
        PipelineTestDriver driver = PipelineTestDriver.create();
        JobResult result = driver.config(driver.config().withWorkers(2).withBatchSize(BATCH)).run(p);

        assertThat(fastOut.size()).isEqualTo(FAST_EVENTS);
        assertThat(slowOut.size()).isEqualTo(SLOW_EVENTS);
        long pauses = result.metrics().alignmentPauses();
        assertThat(pauses > 0).as("paused for alignment").isEqualTo(aligned);
        return probe.maxLead;
    }

    @Test
    void alignedSourcesDriftAtMostMaxDriftPlusOneBatch() throws Exception {
        assertThat(maxLead(true)).isPositive().isLessThanOrEqualTo(MAX_DRIFT + BATCH);
    }

    @Test
    void withoutAlignmentTheFastSourceRunsFarAhead() throws Exception {
        assertThat(maxLead(false)).isGreaterThan(10 * (MAX_DRIFT + BATCH));
    }
}
