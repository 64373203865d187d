package io.sluice.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.api.WatermarkPolicy;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.checkpoint.CheckpointCommand;
import io.sluice.runtime.checkpoint.TaskletSnapshot;
import io.sluice.runtime.op.MapOperator;
import io.sluice.runtime.op.OperatorContext;
import io.sluice.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

/** The alignment rule, and two source instances of one group driven by hand. */
class WatermarkAlignmentTest {

    private static final long DRIFT = 100;

    /** Emits {@code perRead} timestamps per read, {@code step} ms apart, up to {@code total}; silent while told. */
    private static final class SteppingReader implements SourceReader<Long> {
        final long step;
        final int perRead;
        final int total;
        int emitted;
        boolean silent;

        SteppingReader(long step, int perRead, int total) {
            this.step = step;
            this.perRead = perRead;
            this.total = total;
        }

        @Override
        public void open() {
        }

        @Override
        public ReadStatus read(SourceOutput<Long> out, int maxRecords) {
            for (int i = 0; i < perRead && !silent && emitted < total; i++) {
                out.emit(emitted++ * step);
            }
            return emitted == total ? ReadStatus.END_OF_INPUT
                    : silent ? ReadStatus.NOTHING_AVAILABLE : ReadStatus.MORE_AVAILABLE;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private final ManualClock clock = new ManualClock(0);
    private final WatermarkAlignment group = new WatermarkAlignment(2);

    private SourceTasklet instance(int slot, SteppingReader reader, SpscArrayQueue<Object> out,
                                   WatermarkPolicy<Long> policy) throws Exception {
        OperatorContext ctx = new OperatorContext("t", "map", "map-1", slot, 2, 128, clock);
        ChainRuntime chain = new ChainRuntime(List.of(new MapOperator(x -> x), new Outbox(OutboundEdges.forward(out))),
                List.of(ctx, ctx));
        SourceTasklet t = new SourceTasklet("src#" + slot, "'src' (source-0)", reader, chain, 100, policy, clock);
        t.alignWith(group, slot, policy.maxDrift().toMillis());
        t.init();
        return t;
    }

    private static WatermarkPolicy<Long> aligned() {
        return WatermarkPolicy.boundedOutOfOrder((Long x) -> x, Duration.ZERO).withAlignment(Duration.ofMillis(DRIFT));
    }

    private static int records(SpscArrayQueue<Object> out) {
        int n = 0;
        Object o;
        while ((o = out.relaxedPoll()) != null) {
            n += o instanceof TimestampedItem ? 1 : 0;
        }
        return n;
    }

    @Test
    void anInstanceMayReadUpToMaxDriftAheadOfTheGroupsMinimum() {
        assertThat(WatermarkAlignment.mayRead(1100, 1000, DRIFT)).isTrue();
        assertThat(WatermarkAlignment.mayRead(1101, 1000, DRIFT)).isFalse();
        assertThat(WatermarkAlignment.mayRead(Long.MIN_VALUE, 1000, DRIFT)).as("no watermark yet").isTrue();
        assertThat(WatermarkAlignment.mayRead(1101, Long.MIN_VALUE, DRIFT)).as("someone without one").isFalse();
        assertThat(WatermarkAlignment.mayRead(Long.MAX_VALUE - 1, WatermarkAlignment.NOT_HOLDING, DRIFT))
                .as("nobody holds the group").isTrue();

        group.publish(0, 500);
        assertThat(group.minimum()).isEqualTo(Long.MIN_VALUE);
        group.publish(1, WatermarkAlignment.NOT_HOLDING);
        assertThat(group.minimum()).isEqualTo(500);
    }

    @Test
    void theFasterInstanceWaitsForTheSlowerOneAndRunsFreeOnceItEnded() throws Exception {
        SpscArrayQueue<Object> fastOut = new SpscArrayQueue<>(1024);
        SpscArrayQueue<Object> slowOut = new SpscArrayQueue<>(1024);
        SteppingReader fastReader = new SteppingReader(50, 4, 40); // +200 ms of event time per read
        SteppingReader slowReader = new SteppingReader(10, 4, 12); // +40 ms per read
        SourceTasklet fast = instance(0, fastReader, fastOut, aligned());
        SourceTasklet slow = instance(1, slowReader, slowOut, aligned());

        fast.doWork();
        assertThat(records(fastOut)).isEqualTo(4);
        assertThat(fast.watermark()).isEqualTo(150);
        assertThat(fast.doWork()).as("the slow one has no watermark yet").isZero();
        assertThat(records(fastOut)).isZero();

        slow.doWork(); // slow at 30
        fast.doWork();
        assertThat(records(fastOut)).as("150 > 30 + 100").isZero();
        slow.doWork(); // slow at 70
        fast.doWork();
        assertThat(records(fastOut)).as("150 <= 70 + 100").isEqualTo(4);
        assertThat(fast.watermark()).isEqualTo(350);
        assertThat(fast.alignmentPauses()).as("one pause, three rounds").isEqualTo(1);

        slow.doWork(); // slow reads its last records and ends: it holds nobody back any more
        for (int i = 0; i < 10; i++) {
            fast.doWork();
        }
        assertThat(fast.watermark()).isEqualTo(39 * 50);
        assertThat(records(slowOut)).isEqualTo(12);
        assertThat(records(fastOut)).isEqualTo(40 - 8);
    }

    @Test
    void anIdleInstanceDoesNotHoldTheGroupBackAndAHeldOneStillTakesCheckpoints() throws Exception {
        SpscArrayQueue<Object> fastOut = new SpscArrayQueue<>(1024);
        SteppingReader fastReader = new SteppingReader(50, 4, 1000);
        SteppingReader quietReader = new SteppingReader(10, 1, 1000);
        SourceTasklet fast = instance(0, fastReader, fastOut, aligned());
        SourceTasklet quiet = instance(1, quietReader, new SpscArrayQueue<>(1024),
                aligned().withIdleTimeout(Duration.ofSeconds(1)));
        MpscArrayQueue<TaskletSnapshot> acks = new MpscArrayQueue<>(8);
        CheckpointParticipant participant = new CheckpointParticipant(0, acks);
        fast.enableCheckpoints(participant, "src", null);

        quiet.doWork(); // at 0
        quietReader.silent = true;
        fast.doWork(); // at 150
        records(fastOut);
        participant.offer(new CheckpointCommand.Trigger(7, false));
        fast.doWork();
        List<Object> items = new ArrayList<>();
        fastOut.drain(items::add);
        assertThat(items).as("held, but its barrier goes out").singleElement().isInstanceOf(CheckpointBarrier.class);
        assertThat(acks.relaxedPoll()).isNotNull();

        clock.advance(Duration.ofSeconds(2));
        quiet.doWork(); // silent for longer than its idle timeout
        fast.doWork();
        assertThat(records(fastOut)).isEqualTo(4);
    }
}
