package io.sluice.benchmarks.latency;

import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An open-loop source: event {@code i} is due at {@code origin + i / rate} on {@link System#nanoTime()}'s clock
 * and carries that intended time, whether or not it is emitted on time. Each {@code read} emits every event that
 * is due (up to the batch size), so when the engine falls behind the backlog goes out in bursts and its latency,
 * measured from the intended time, shows the whole delay: there is no coordinated omission.
 *
 * <p>Event time is the intended time in milliseconds ({@link Schedule#eventTimeMillis}); the source emits each
 * event with it and, after every read that emitted something, a watermark of the latest one (events are in
 * order). Keys are drawn uniformly from {@code keys} pre-boxed values. One instance only.
 */
public final class OpenLoopSource implements Source<Tick> {

    private final Schedule schedule;
    private final long events;
    private final Long[] keys;
    private final long seed;

    /**
     * @param schedule when each event is due; started by the reader when it opens
     * @param events   how many events in all
     * @param keyCount distinct keys
     */
    public OpenLoopSource(Schedule schedule, long events, int keyCount, long seed) {
        this.schedule = schedule;
        this.events = events;
        this.seed = seed;
        this.keys = new Long[keyCount];
        for (int k = 0; k < keyCount; k++) {
            keys[k] = (long) k * 7919;
        }
    }

    @Override
    public String name() {
        return "open-loop[" + schedule.rate() + "/s]";
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
    public long estimatedRecords() {
        return events;
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        return List.of(() -> "open-loop");
    }

    @Override
    public SourceReader<Tick> createReader(SourceContext context) {
        return new Reader();
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        throw new UnsupportedOperationException("the open-loop source takes no checkpoints");
    }

    private final class Reader implements SourceReader<Tick> {
        private final SplittableRandom random = new SplittableRandom(seed);
        private long next;

        @Override
        public void open() {
            schedule.start(System.nanoTime());
        }

        @Override
        public ReadStatus read(SourceOutput<Tick> out, int maxRecords) {
            long due = Math.min(events, schedule.dueCount(System.nanoTime()));
            int emitted = 0;
            long ts = Long.MIN_VALUE;
            while (next < due && emitted < maxRecords) {
                long intended = schedule.intendedNanos(next);
                ts = schedule.eventTimeMillis(intended);
                out.emit(new Tick(keys[random.nextInt(keys.length)], intended, ts), ts);
                next++;
                emitted++;
            }
            if (emitted > 0) {
                out.emitWatermark(ts);
            }
            if (next == events) {
                return ReadStatus.END_OF_INPUT;
            }
            return emitted > 0 ? ReadStatus.MORE_AVAILABLE : ReadStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<SourceSplit> snapshotSplits(long checkpointId) {
            throw new UnsupportedOperationException("the open-loop source takes no checkpoints");
        }

        @Override
        public void close() {
        }
    }
}
