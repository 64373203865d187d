package io.sluice.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.Pipeline;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.JobConfig;
import io.sluice.runtime.process.ProcessTimersTest.Reminder;
import io.sluice.runtime.testing.CollectingSink;
import io.sluice.runtime.testing.ManualClock;
import io.sluice.runtime.testing.PipelineTestDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processing-time timers in a whole job. At parallelism 1 the keyed stage is fused behind the source, so it
 * is the source's tasklet that must let processing time reach it.
 */
class ProcessingTimeInAPipelineTest {

    @Test
    void processingTimeTimersFireInAStageFusedBehindTheSource() throws Exception {
        ManualClock clock = new ManualClock(1_000);
        CollectingSink<String> sink = new CollectingSink<>();
        Pipeline p = Pipeline.create();
        // one record per read, 1 ms of processing time per read: the reminders (100 ms later) come due while
        // the source still reads
        List<String> items = new java.util.ArrayList<>(List.of("a", "b"));
        for (int i = 0; i < 200; i++) {
            items.add("c");
        }
        p.source(new ClockDrivingSource(items, clock))
                .keyBy(s -> s)
                .process(new Reminder())
                .sink(sink);
        PipelineTestDriver.create().config(JobConfig.defaults().withJobName("pt").withParallelism(1).withWorkers(1)
                .withClock(clock)).timeout(Duration.ofSeconds(30)).run(p);
        assertThat(sink.items()).startsWith("a reminded at 1101 (PROCESSING_TIME)", "b reminded at 1102 (PROCESSING_TIME)");
    }

    /** Emits one item per read and moves the manual clock 1 ms forward before each. */
    static final class ClockDrivingSource implements Source<String> {
        private final List<String> items;
        private final ManualClock clock;

        ClockDrivingSource(List<String> items, ManualClock clock) {
            this.items = items;
            this.clock = clock;
        }

        @Override
        public String name() {
            return "clock-driving";
        }

        @Override
        public boolean isBounded() {
            return true;
        }

        @Override
        public int maxParallelism() {
            return 1;
        }

        @Override
        public List<SourceSplit> createSplits(int parallelism) {
            return List.of(() -> "all");
        }

        @Override
        public SourceReader<String> createReader(SourceContext context) {
            return new SourceReader<>() {
                private int next;

                @Override
                public void open() {
                }

                @Override
                public ReadStatus read(SourceOutput<String> out, int maxRecords) {
                    if (next == items.size()) {
                        return ReadStatus.END_OF_INPUT;
                    }
                    clock.advance(Duration.ofMillis(1));
                    out.emit(items.get(next++));
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
            throw new UnsupportedOperationException("not checkpointed");
        }
    }
}
