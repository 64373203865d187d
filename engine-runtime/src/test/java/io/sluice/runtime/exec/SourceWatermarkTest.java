package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.WatermarkPolicy;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.op.MapOperator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

/** Event time at the source: timestamps from the policy, watermarks per split, idle splits, the final watermark. */
class SourceWatermarkTest {

    /** Each script step emits records {split, timestamp} through the split's own output, or nothing. */
    private static final class ScriptedReader implements SourceReader<long[]> {
        final Queue<List<long[]>> steps = new ArrayDeque<>();
        boolean endAfterScript;

        @Override
        public void open() {
        }

        @Override
        public ReadStatus read(SourceOutput<long[]> out, int maxRecords) {
            List<long[]> step = steps.poll();
            if (step != null) {
                for (long[] r : step) {
                    out.forSplit("s" + r[0]).emit(r);
                }
            }
            if (steps.isEmpty() && endAfterScript) {
                return ReadStatus.END_OF_INPUT;
            }
            return step == null ? ReadStatus.NOTHING_AVAILABLE : ReadStatus.MORE_AVAILABLE;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private final SpscArrayQueue<Object> out = new SpscArrayQueue<>(1024);
    private final ManualClock clock = new ManualClock(0);
    private final ScriptedReader reader = new ScriptedReader();

    private SourceTasklet tasklet(WatermarkPolicy<long[]> policy) throws Exception {
        OperatorContext ctx = new OperatorContext("t", "map", "map-1", 0, 1, 128, clock);
        ChainRuntime chain = new ChainRuntime(List.of(new MapOperator(x -> x), new Outbox(OutboundEdges.forward(out))),
                List.of(ctx, ctx));
        SourceTasklet t = new SourceTasklet("src", "'src' (source-0)", reader, chain, 100, policy, clock);
        t.init();
        return t;
    }

    private List<String> drain() {
        List<String> items = new ArrayList<>();
        Object o;
        while ((o = out.relaxedPoll()) != null) {
            if (o instanceof Watermark) {
                items.add("wm" + ((Watermark) o).timestamp());
            } else if (o instanceof TimestampedItem) {
                items.add("r@" + ((TimestampedItem) o).timestamp());
            } else {
                items.add(String.valueOf(o));
            }
        }
        return items;
    }

    private static WatermarkPolicy<long[]> bounded(long delay) {
        return WatermarkPolicy.boundedOutOfOrder((long[] r) -> r[1], Duration.ofMillis(delay));
    }

    @Test
    void theWatermarkIsTheMinimumOverSplitsOfMaxTimestampMinusDelay() throws Exception {
        SourceTasklet t = tasklet(bounded(200));
        reader.steps.add(List.of(new long[] {0, 1000}, new long[] {1, 5000}));
        reader.steps.add(List.of(new long[] {0, 3000}));
        reader.steps.add(List.of(new long[] {1, 2000}));
        t.doWork();
        assertThat(drain()).containsExactly("r@1000", "r@5000", "wm800");
        t.doWork();
        assertThat(drain()).containsExactly("r@3000", "wm2800");
        t.doWork();
        assertThat(drain()).as("a late record still flows; the watermark does not go back").containsExactly("r@2000");
    }

    @Test
    void anIdleSplitStopsHoldingTheWatermarkBackAfterTheTimeout() throws Exception {
        SourceTasklet t = tasklet(bounded(0).withIdleTimeout(Duration.ofSeconds(5)));
        reader.steps.add(List.of(new long[] {0, 1000}, new long[] {1, 9000}));
        t.doWork();
        assertThat(drain()).containsExactly("r@1000", "r@9000", "wm1000");

        clock.advance(Duration.ofSeconds(3));
        reader.steps.add(List.of(new long[] {1, 10_000}));
        t.doWork();
        assertThat(drain()).containsExactly("r@10000");

        clock.advance(Duration.ofSeconds(3)); // split 0 silent for 6 s now
        reader.steps.add(List.of(new long[] {1, 11_000}));
        t.doWork();
        assertThat(drain()).containsExactly("r@11000", "wm11000");
    }

    @Test
    void whenEverySplitIsIdleTheSourceSaysSoDownstream() throws Exception {
        SourceTasklet t = tasklet(bounded(0).withIdleTimeout(Duration.ofSeconds(1)));
        reader.steps.add(List.of(new long[] {0, 1000}));
        t.doWork();
        drain();
        clock.advance(Duration.ofSeconds(2));
        t.doWork(); // nothing available
        assertThat(out.relaxedPoll()).isSameAs(ControlItem.IDLE);
    }

    @Test
    void theEndOfABoundedInputSendsAFinalWatermark() throws Exception {
        SourceTasklet t = tasklet(bounded(200));
        reader.steps.add(List.of(new long[] {0, 1000}));
        reader.endAfterScript = true;
        t.doWork();
        assertThat(drain()).containsExactly("r@1000", "wm800", "wm" + Long.MAX_VALUE, "END_OF_STREAM");
    }

    @Test
    void processingTimePipelinesCarryNoTimestampsAndNoWatermarks() throws Exception {
        SourceTasklet t = tasklet(WatermarkPolicy.none());
        reader.steps.add(List.of(new long[] {0, 1000}));
        reader.endAfterScript = true;
        t.doWork();
        List<String> items = drain();
        assertThat(items).hasSize(2).noneMatch(s -> s.startsWith("wm") || s.startsWith("r@"));
    }
}
