package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.runtime.op.MapOperator;
import io.sluice.runtime.op.OperatorContext;
import java.util.ArrayList;
import java.util.List;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A processor's watermark is the minimum over its open, non-idle input channels. */
class WatermarkMergeTest {

    private SpscArrayQueue<Object> ch0;
    private SpscArrayQueue<Object> ch1;
    private SpscArrayQueue<Object> out;
    private ProcessorTasklet tasklet;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() throws Exception {
        ch0 = new SpscArrayQueue<>(64);
        ch1 = new SpscArrayQueue<>(64);
        out = new SpscArrayQueue<>(64);
        OperatorContext ctx = new OperatorContext("t", "map", "map-1", 0, 1, 128, io.sluice.runtime.time.Clock.SYSTEM);
        ChainRuntime chain = new ChainRuntime(List.of(new MapOperator(x -> x), new Outbox(OutboundEdges.forward(out))),
                List.of(ctx, ctx));
        tasklet = new ProcessorTasklet("t", new SpscArrayQueue[] {ch0, ch1}, chain, 16);
        tasklet.init();
    }

    private List<Object> run() throws Exception {
        for (int i = 0; i < 4; i++) {
            tasklet.doWork();
        }
        List<Object> items = new ArrayList<>();
        Object o;
        while ((o = out.relaxedPoll()) != null) {
            items.add(o instanceof Watermark ? "wm" + ((Watermark) o).timestamp() : o);
        }
        return items;
    }

    @Test
    void theSlowestChannelHoldsTheWatermarkBack() throws Exception {
        ch0.offer(new Watermark(100));
        assertThat(run()).isEmpty();
        ch1.offer(new Watermark(80));
        assertThat(run()).containsExactly("wm80");
        ch1.offer(new Watermark(300));
        assertThat(run()).containsExactly("wm100");
    }

    @Test
    void anIdleChannelStopsHoldingItBackUntilItSpeaksAgain() throws Exception {
        ch0.offer(new Watermark(100));
        ch1.offer(ControlItem.IDLE);
        assertThat(run()).containsExactly("wm100");

        ch1.offer("record");
        ch1.offer(new Watermark(120));
        ch0.offer(new Watermark(200));
        assertThat(run()).containsExactly("record", "wm120");
    }

    @Test
    void whenEveryChannelIsIdleTheProcessorDeclaresItselfIdle() throws Exception {
        ch0.offer(ControlItem.IDLE);
        ch1.offer(ControlItem.IDLE);
        List<Object> items = run();
        assertThat(items).isNotEmpty().allMatch(i -> i == ControlItem.IDLE);
    }

    @Test
    void anEndedChannelNoLongerCounts() throws Exception {
        ch0.offer(new Watermark(100));
        ch1.offer(ControlItem.END_OF_STREAM);
        assertThat(run()).containsExactly("wm100");
        assertThat(tasklet.isDone()).isFalse();
        ch0.offer(ControlItem.END_OF_STREAM);
        assertThat(run()).containsExactly(ControlItem.END_OF_STREAM);
        assertThat(tasklet.isDone()).isTrue();
    }
}
