package io.sluice.runtime.exec;

import io.sluice.api.WatermarkPolicy;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.SourceSplit;
import io.sluice.runtime.checkpoint.CheckpointCommand;
import io.sluice.runtime.checkpoint.PendingStates;
import io.sluice.runtime.checkpoint.TaskletSnapshot;
import io.sluice.runtime.state.StateSnapshot;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.function.TimestampFn;
import io.sluice.runtime.op.Operator;
import io.sluice.runtime.op.OperatorException;
import io.sluice.runtime.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives one source reader and the chain fused behind it. Reads only while the outbox has no waiting
 * items, so a slow consumer stops the source; pauses the reader while that lasts.
 *
 * <p>Event time: each record gets its timestamp as the {@link WatermarkPolicy} says, and watermarks are
 * tracked per split ({@link SplitOutput}); after every read the instance's watermark (the minimum over its
 * splits that are in use and not idle) goes down the chain when it advanced. A split silent for the idle
 * timeout stops holding it back; when every split is idle the instance tells downstream it is idle. At the
 * end of input a final watermark fires every remaining window.
 *
 * <p>Alignment ({@link WatermarkPolicy#withAlignment}): before a read the instance compares its watermark
 * with its group's minimum ({@link WatermarkAlignment}) and, when it is too far ahead, pauses the reader and
 * does no work this round (checkpoint commands and processing-time ticks still run); it publishes its own
 * watermark whenever that changes, {@link WatermarkAlignment#NOT_HOLDING} while idle and once ended.
 */
public final class SourceTasklet implements Tasklet, SourceOutput<Object> {

    private enum State { RUNNING, DRAINING, DONE }

    private final String name;
    private final String sourceName;
    private final SourceReader<Object> reader;
    private final ChainRuntime chain;
    private final int batchSize;
    private final WatermarkPolicy.Mode mode;
    private final TimestampFn<Object> timestampFn;
    private final long maxDelayMillis;
    /**
     * A split's highest timestamp at or below this gives no watermark yet ({@code Long.MIN_VALUE}): the split saw
     * nothing, or only event times so close to the start of the {@code long} range that subtracting the delay
     * would overflow.
     */
    private final long lowestTimedMax;
    /** The earliest event time a record can have: {@code Long.MIN_VALUE} itself is {@link Operator#NO_TIMESTAMP}. */
    static final long EARLIEST_EVENT_TIME = Long.MIN_VALUE + 1;
    private final long idleTimeoutNanos;
    private final Clock clock;
    private final SplitOutput defaultSplit;
    private final Map<String, SplitOutput> splitsById = new HashMap<>();
    private final List<SplitOutput> splits = new ArrayList<>();
    private Operator head;
    private State state = State.RUNNING;
    private boolean paused;
    private boolean idleSent;
    private long emitted;
    private long watermark = Long.MIN_VALUE;
    private boolean readerClosed;
    private CheckpointParticipant checkpointing;
    private String sourceUid;
    private Codec<SourceSplit> splitCodec;
    /** Some operator fused behind the source has processing-time timers: tick it as ProcessorTasklet does. */
    private boolean wantsProcessingTime;
    private LatencyTracker latency;
    private long nextMarkerNanos;
    private long lastTickMillis = Long.MIN_VALUE;
    private WatermarkAlignment alignment;
    private int alignmentSlot;
    private long maxDriftMillis;
    /** What this instance last published to its alignment group. */
    private long holdsGroupAt = Long.MIN_VALUE;
    private boolean heldByAlignment;
    private long alignmentPauses;

    /**
     * @param name       the tasklet, for thread dumps
     * @param sourceName the source stage as errors name it, e.g. {@code 'file:/x' (source-0)}
     * @param policy     how records get event time and watermarks
     */
    @SuppressWarnings("unchecked")
    public SourceTasklet(String name, String sourceName, SourceReader<?> reader, ChainRuntime chain, int batchSize,
                         WatermarkPolicy<?> policy, Clock clock) {
        this.name = name;
        this.sourceName = sourceName;
        this.reader = (SourceReader<Object>) reader;
        this.chain = chain;
        this.batchSize = batchSize;
        this.mode = policy.mode();
        this.timestampFn = (TimestampFn<Object>) policy.timestampFn();
        this.maxDelayMillis = policy.maxDelay().toMillis();
        this.lowestTimedMax = Long.MIN_VALUE + maxDelayMillis;
        this.idleTimeoutNanos = policy.idleTimeout().toNanos();
        this.clock = clock;
        this.defaultSplit = split("");
    }

    public SourceTasklet(String name, String sourceName, SourceReader<?> reader, ChainRuntime chain, int batchSize) {
        this(name, sourceName, reader, chain, batchSize, WatermarkPolicy.fromSource(), Clock.SYSTEM);
    }

    /**
     * Takes part in checkpoints: barriers come through {@code participant}, and the reader's splits are
     * stored under {@code uid} with {@code codec}.
     */
    public void enableCheckpoints(CheckpointParticipant participant, String uid, Codec<SourceSplit> codec) {
        this.checkpointing = participant;
        this.sourceUid = uid;
        this.splitCodec = codec;
    }

    /** Joins an alignment group as its instance {@code slot}; the drift allowed is the policy's. */
    void alignWith(WatermarkAlignment group, int slot, long maxDriftMillis) {
        this.alignment = group;
        this.alignmentSlot = slot;
        this.maxDriftMillis = maxDriftMillis;
    }

    /**
     * Sends a {@link LatencyMarker} after a batch about every {@link LatencyTracker#MARKER_INTERVAL_NANOS}; a
     * chain that ends in a sink records it itself.
     */
    void enableLatency(LatencyTracker tracker) {
        this.latency = tracker;
    }

    @Override
    public void init() throws Exception {
        chain.open();
        head = chain.head();
        for (Operator op : chain.operators()) {
            wantsProcessingTime |= op.wantsProcessingTime();
        }
        long now = clock.nanos();
        for (SplitOutput s : splits) {
            s.lastActivityNanos = now;
        }
        try {
            reader.open();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(sourceName, e);
        }
    }

    @Override
    public int doWork() throws Exception {
        if (checkpointing != null) {
            CheckpointCommand command = checkpointing.poll();
            if (command != null) {
                onCommand(command);
            }
        }
        int progress = chain.flushPending();
        if (chain.hasPending()) {
            if (!paused && state == State.RUNNING) {
                paused = true;
                reader.pause();
            }
            return progress;
        }
        if (state == State.DRAINING) {
            state = State.DONE;
            return progress + 1;
        }
        if (state == State.DONE) {
            return progress;
        }
        if (wantsProcessingTime) {
            long nowMillis = clock.millis();
            if (nowMillis != lastTickMillis) {
                lastTickMillis = nowMillis;
                head.processingTime(nowMillis);
            }
        }
        if (alignment != null && aheadOfGroup()) {
            return progress;
        }
        if (paused) {
            paused = false;
            reader.resume();
        }
        long markerNanos = 0;
        boolean markerDue = false;
        if (latency != null) {
            markerNanos = System.nanoTime();
            markerDue = markerNanos - nextMarkerNanos >= 0 || nextMarkerNanos == 0;
        }
        long before = emitted;
        ReadStatus status;
        try {
            status = reader.read(this, batchSize);
        } catch (OperatorException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorException(sourceName, e);
        }
        int read = (int) (emitted - before);
        if (mode != WatermarkPolicy.Mode.NONE) {
            updateWatermark();
        }
        if (read > 0) {
            head.flush();
            if (markerDue) {
                nextMarkerNanos = markerNanos + LatencyTracker.MARKER_INTERVAL_NANOS;
                Outbox outbox = chain.outbox();
                if (outbox != null) {
                    outbox.emitLatencyMarker(new LatencyMarker(markerNanos));
                } else {
                    latency.record(System.nanoTime() - markerNanos);
                }
            }
        }
        if (status == ReadStatus.END_OF_INPUT) {
            if (mode != WatermarkPolicy.Mode.NONE) {
                head.processWatermark(Long.MAX_VALUE); // fires every window that is still open
            }
            head.finish();
            if (checkpointing != null) {
                // Nothing more will change here: later checkpoints use this final snapshot.
                checkpointing.send(new TaskletSnapshot(CheckpointParticipant.FINAL, checkpointing.tasklet(),
                        chain.finalSnapshot(), sourceUid, encodedSplits(CheckpointParticipant.FINAL), 0, 0));
            }
            closeReader();
            publish(WatermarkAlignment.NOT_HOLDING);
            state = State.DRAINING;
            return progress + read + 1;
        }
        return progress + read;
    }

    /**
     * Whether this instance is too far ahead of its alignment group to read now; pauses the reader when it
     * becomes so. A paused round is no silence: the splits' idle clocks restart when reading resumes.
     */
    private boolean aheadOfGroup() {
        if (WatermarkAlignment.mayRead(watermark, alignment.minimum(), maxDriftMillis)) {
            if (heldByAlignment) {
                heldByAlignment = false;
                long now = clock.nanos();
                for (int i = 0; i < splits.size(); i++) {
                    splits.get(i).lastActivityNanos = now;
                }
            }
            return false;
        }
        if (!heldByAlignment) {
            heldByAlignment = true;
            alignmentPauses++;
        }
        if (!paused) {
            paused = true;
            reader.pause();
        }
        return true;
    }

    private void publish(long holdsAt) {
        if (alignment != null && holdsAt != holdsGroupAt) {
            holdsGroupAt = holdsAt;
            alignment.publish(alignmentSlot, holdsAt);
        }
    }

    private void onCommand(CheckpointCommand command) throws Exception {
        if (command instanceof CheckpointCommand.Trigger trigger) {
            if (state != State.RUNNING) {
                return; // already finished: the coordinator uses the final snapshot
            }
            long start = System.nanoTime();
            TaskletSnapshot snapshot = snapshot(trigger.id(), start);
            // The barrier goes after every record emitted so far (behind any that wait in the outbox).
            if (chain.outbox() != null) {
                chain.outbox().emitBarrier(new CheckpointBarrier(trigger.id(), trigger.savepoint()));
            }
            checkpointing.send(snapshot);
        } else if (command instanceof CheckpointCommand.Completed completed) {
            if (!readerClosed) {
                reader.checkpointComplete(completed.id());
            }
            chain.checkpointComplete(completed.id());
        }
    }

    private TaskletSnapshot snapshot(long checkpointId, long startNanos) throws Exception {
        List<byte[]> encoded = encodedSplits(checkpointId);
        PendingStates states = chain.snapshot(checkpointId);
        return TaskletSnapshot.taken(checkpointId, checkpointing.tasklet(), states, sourceUid, encoded,
                System.nanoTime() - startNanos, 0);
    }

    private List<byte[]> encodedSplits(long checkpointId) throws Exception {
        List<byte[]> encoded = new ArrayList<>();
        for (SourceSplit split : reader.snapshotSplits(checkpointId)) {
            encoded.add(splitCodec.encode(split));
        }
        return encoded;
    }

    /** Called by a split's output for every record. */
    void emitRecord(SplitOutput split, Object record, long sourceTimestamp) {
        if (record == null) {
            throw new OperatorException(sourceName, new NullPointerException("the source emitted a null record"));
        }
        long timestamp;
        switch (mode) {
            case BOUNDED_OUT_OF_ORDER:
                try {
                    timestamp = timestampFn.timestamp(record);
                } catch (Throwable t) {
                    throw new OperatorException(sourceName + " (timestamp function)", t);
                }
                if (timestamp > split.maxTimestamp) {
                    split.maxTimestamp = timestamp;
                } else {
                    if (timestamp == Operator.NO_TIMESTAMP) {
                        // A real event time at the very start of time, not "none": the runtime's NO_TIMESTAMP is
                        // Long.MIN_VALUE, so it becomes the next instant (windows send it to their late output).
                        timestamp = EARLIEST_EVENT_TIME;
                    }
                    if (split.maxTimestamp > lowestTimedMax && timestamp < split.maxTimestamp - maxDelayMillis) {
                        // Late by its split's own bound: send the watermark it is late against first, so that
                        // whether a record is late does not depend on where a read batch happens to end.
                        updateWatermark();
                    }
                }
                break;
            case FROM_SOURCE:
                timestamp = sourceTimestamp;
                break;
            default:
                timestamp = Operator.NO_TIMESTAMP;
        }
        split.touched = true;
        emitted++;
        head.process(record, timestamp);
    }

    /** The minimum over the splits in use and not idle; idle declared downstream when all are idle. */
    private void updateWatermark() {
        long now = idleTimeoutNanos > 0 ? clock.nanos() : 0;
        long min = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < splits.size(); i++) {
            SplitOutput s = splits.get(i);
            if (s.touched) {
                s.touched = false;
                s.used = true;
                s.idle = false;
                s.lastActivityNanos = now;
            } else if (idleTimeoutNanos > 0 && s.used && !s.idle && now - s.lastActivityNanos >= idleTimeoutNanos) {
                s.idle = true;
            }
            if (!s.used || s.idle) {
                continue;
            }
            anyActive = true;
            long wm = mode == WatermarkPolicy.Mode.BOUNDED_OUT_OF_ORDER
                    ? (s.maxTimestamp <= lowestTimedMax ? Long.MIN_VALUE : s.maxTimestamp - maxDelayMillis)
                    : s.sourceWatermark;
            min = Math.min(min, wm);
        }
        if (anyActive) {
            idleSent = false;
            if (min > watermark) {
                watermark = min;
                head.processWatermark(min);
            }
            publish(watermark);
        } else if (splitsInUse()) {
            publish(WatermarkAlignment.NOT_HOLDING);
            if (!idleSent && chain.outbox() != null) {
                idleSent = true;
                head.processIdle();
            }
        }
    }

    private boolean splitsInUse() {
        for (SplitOutput s : splits) {
            if (s.used) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void emit(Object record) {
        emitRecord(defaultSplit, record, Operator.NO_TIMESTAMP);
    }

    @Override
    public void emit(Object record, long timestamp) {
        emitRecord(defaultSplit, record, timestamp);
    }

    @Override
    public void emitWatermark(long wm) {
        defaultSplit.emitWatermark(wm);
    }

    /** The whole reader is idle: every split stops holding the watermark back until it emits again. */
    @Override
    public void markIdle() {
        for (SplitOutput s : splits) {
            s.markIdle();
        }
    }

    @Override
    public SourceOutput<Object> forSplit(String splitId) {
        return split(splitId);
    }

    private SplitOutput split(String splitId) {
        SplitOutput s = splitsById.get(splitId);
        if (s == null) {
            s = new SplitOutput(this, splitId);
            s.lastActivityNanos = clock.nanos();
            splitsById.put(splitId, s);
            splits.add(s);
        }
        return s;
    }

    @Override
    public boolean isDone() {
        return state == State.DONE;
    }

    /** Records the reader emitted so far. */
    public long emittedCount() {
        return emitted;
    }

    /** How many times this instance stopped reading because it was ahead of its alignment group. */
    public long alignmentPauses() {
        return alignmentPauses;
    }

    /** The instance's current watermark. */
    public long watermark() {
        return watermark;
    }

    public ChainRuntime chain() {
        return chain;
    }

    @Override
    public void close() throws Exception {
        publish(WatermarkAlignment.NOT_HOLDING);
        Throwable first = null;
        try {
            commitCompletedCheckpoints();
        } catch (Throwable t) {
            first = t;
        }
        try {
            closeReader();
        } catch (Throwable t) {
            first = t;
        }
        try {
            chain.close();
        } catch (Throwable t) {
            if (first == null) {
                first = t;
            }
        }
        ChainRuntime.rethrow(first);
    }

    /** As {@link ProcessorTasklet}: completions not read yet are applied before the reader and chain close. */
    private void commitCompletedCheckpoints() throws Exception {
        if (checkpointing == null) {
            return;
        }
        CheckpointCommand command;
        while ((command = checkpointing.poll()) != null) {
            if (command instanceof CheckpointCommand.Completed) {
                onCommand(command);
            }
        }
    }

    private void closeReader() {
        if (!readerClosed) {
            readerClosed = true;
            try {
                reader.close();
            } catch (Exception e) {
                throw new OperatorException(sourceName, e);
            }
        }
    }

    @Override
    public String name() {
        return name;
    }
}
