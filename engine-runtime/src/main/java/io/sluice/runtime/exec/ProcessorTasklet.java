package io.sluice.runtime.exec;

import io.sluice.runtime.checkpoint.CheckpointCommand;
import io.sluice.runtime.checkpoint.PendingStates;
import io.sluice.runtime.checkpoint.TaskletSnapshot;
import io.sluice.runtime.op.Operator;
import java.util.List;
import io.sluice.runtime.time.Clock;
import java.util.Arrays;
import org.jctools.queues.SpscArrayQueue;

/**
 * Drains the inbound SPSC queues of one vertex instance in batches into its fused chain. Watermarks are
 * merged (minimum over the channels that are open and not idle); end of stream on every channel finishes
 * the chain, whose outbox then passes end of stream on. Stops taking input while the outbox has waiting
 * items. For a multi-input head (a join) each channel knows which logical input it belongs to.
 */
public final class ProcessorTasklet implements Tasklet {

    private enum State { RUNNING, DRAINING, DONE }

    private final String name;
    private final SpscArrayQueue<Object>[] inputs;
    /** Logical input of each channel, or {@code null} when the head has a single input. */
    private final int[] channelInput;
    private final ChainRuntime chain;
    private final int batchSize;
    private final Clock clock;
    private final long[] channelWatermark;
    /** Per channel, from where its producer holds partial sessions (two-stage session windows); MAX: nothing. */
    private final long[] channelHeldFrom;
    private final boolean[] ended;
    /** Channels whose producer declared itself idle: they do not hold the watermark back until they speak. */
    private final boolean[] idle;
    private Operator head;
    private Outbox outbox;
    private boolean wantsProcessingTime;
    private long lastTickMillis = Long.MIN_VALUE;
    private int openChannels;
    private int nextChannel;
    private long watermark = Long.MIN_VALUE;
    private long heldFrom = Long.MAX_VALUE;
    private long received;
    private State state = State.RUNNING;
    private CheckpointParticipant checkpointing;
    /** Channels that delivered the barrier of the checkpoint being aligned: not drained until it completes. */
    private final boolean[] blocked;
    private CheckpointBarrier aligning;
    private long alignStartNanos;
    private LatencyTracker latency;

    public ProcessorTasklet(String name, SpscArrayQueue<Object>[] inputs, ChainRuntime chain, int batchSize) {
        this(name, inputs, null, chain, batchSize, Clock.SYSTEM);
    }

    /**
     * @param channelInput for a multi-input head, the logical input of each channel; else {@code null}
     */
    public ProcessorTasklet(String name, SpscArrayQueue<Object>[] inputs, int[] channelInput, ChainRuntime chain,
                            int batchSize, Clock clock) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name + ": a processor needs at least one input");
        }
        if (channelInput != null && channelInput.length != inputs.length) {
            throw new IllegalArgumentException(name + ": one logical input per channel");
        }
        this.name = name;
        this.inputs = inputs;
        this.channelInput = channelInput;
        this.chain = chain;
        this.batchSize = batchSize;
        this.clock = clock;
        this.channelWatermark = new long[inputs.length];
        Arrays.fill(channelWatermark, Long.MIN_VALUE);
        this.channelHeldFrom = new long[inputs.length];
        Arrays.fill(channelHeldFrom, Long.MAX_VALUE);
        this.ended = new boolean[inputs.length];
        this.idle = new boolean[inputs.length];
        this.blocked = new boolean[inputs.length];
        this.openChannels = inputs.length;
    }

    /** Takes part in checkpoints: completions come through {@code participant}, snapshots go back through it. */
    public void enableCheckpoints(CheckpointParticipant participant) {
        this.checkpointing = participant;
    }

    @Override
    public void init() throws Exception {
        chain.open();
        head = chain.head();
        outbox = chain.outbox();
        for (Operator op : chain.operators()) {
            wantsProcessingTime |= op.wantsProcessingTime();
        }
    }

    @Override
    public int doWork() throws Exception {
        if (checkpointing != null) {
            CheckpointCommand command = checkpointing.poll();
            if (command instanceof CheckpointCommand.Completed completed) {
                chain.checkpointComplete(completed.id());
            }
        }
        int progress = chain.flushPending();
        if (outbox != null && outbox.hasPending()) {
            return progress;
        }
        if (state != State.RUNNING) {
            if (state == State.DRAINING) {
                state = State.DONE;
                progress++;
            }
            return progress;
        }
        if (wantsProcessingTime) {
            long now = clock.millis();
            if (now != lastTickMillis) {
                lastTickMillis = now;
                head.processingTime(now);
            }
        }
        int taken = 0;
        int channels = inputs.length;
        // Start at a different channel each round so one busy input cannot starve the others.
        for (int k = 0; k < channels && taken < batchSize; k++) {
            int c = nextChannel + k;
            if (c >= channels) {
                c -= channels;
            }
            if (ended[c] || blocked[c]) {
                continue;
            }
            taken += drain(c, batchSize - taken);
            if (outbox != null && outbox.hasPending()) {
                break;
            }
        }
        nextChannel = nextChannel + 1 == channels ? 0 : nextChannel + 1;
        if (taken > 0) {
            head.flush();
        }
        if (openChannels == 0) {
            head.finish();
            if (checkpointing != null) {
                // Nothing more will change here: later checkpoints use this final snapshot.
                checkpointing.send(new TaskletSnapshot(CheckpointParticipant.FINAL, checkpointing.tasklet(),
                        chain.finalSnapshot(), null, List.of(), 0, 0));
            }
            state = State.DRAINING;
            return progress + taken + 1;
        }
        return progress + taken;
    }

    private int drain(int channel, int limit) throws Exception {
        SpscArrayQueue<Object> q = inputs[channel];
        if (idle[channel]) {
            Object first = q.relaxedPeek();
            if (first != null && first != ControlItem.IDLE) {
                idle[channel] = false; // it speaks again: its watermark counts from now on
            }
        }
        Operator h = head;
        Outbox out = outbox;
        int input = channelInput == null ? -1 : channelInput[channel];
        int n = 0;
        while (n < limit) {
            Object item = q.relaxedPoll();
            if (item == null) {
                break;
            }
            n++;
            long timestamp = Operator.NO_TIMESTAMP;
            if (item instanceof Envelope) {
                if (item instanceof KeyedItem) {
                    KeyedItem k = (KeyedItem) item;
                    received++;
                    if (input < 0) {
                        h.processKeyed(k.item, k.timestamp, k.key, k.keyGroup);
                    } else {
                        h.processInput(input, k.item, k.timestamp);
                    }
                    if (out != null && out.hasPending()) {
                        break;
                    }
                    continue;
                }
                if (item instanceof TimestampedItem) {
                    TimestampedItem t = (TimestampedItem) item;
                    item = t.item;
                    timestamp = t.timestamp;
                } else {
                    if (onControl(channel, item)) {
                        break;
                    }
                    continue;
                }
            }
            received++;
            if (input < 0) {
                h.process(item, timestamp);
            } else {
                h.processInput(input, item, timestamp);
            }
            if (out != null && out.hasPending()) {
                break;
            }
        }
        return n;
    }

    /** Returns true when the channel must not be drained further now (it ended, or delivered a barrier). */
    private boolean onControl(int channel, Object item) throws Exception {
        if (item == ControlItem.END_OF_STREAM) {
            ended[channel] = true;
            openChannels--;
            advanceWatermark();
            if (aligning != null) {
                completeAlignmentIfDone();
            }
            return true;
        }
        if (item instanceof CheckpointBarrier barrier) {
            if (aligning == null) {
                aligning = barrier;
                alignStartNanos = System.nanoTime();
            }
            blocked[channel] = true;
            completeAlignmentIfDone();
            return true;
        }
        if (item instanceof LatencyMarker marker) {
            if (outbox != null) {
                outbox.emitLatencyMarker(marker);
            } else if (latency != null) {
                latency.record(System.nanoTime() - marker.readNanos); // every record before it is written
            }
            return false;
        }
        if (item == ControlItem.IDLE) {
            idle[channel] = true;
            channelHeldFrom[channel] = Long.MAX_VALUE; // an idle producer sent what it held first
            advanceWatermark();
            return false;
        }
        if (item instanceof Watermark) {
            idle[channel] = false;
            Watermark w = (Watermark) item;
            long wm = w.timestamp();
            if (wm > channelWatermark[channel] || w.heldFrom() != channelHeldFrom[channel]) {
                channelWatermark[channel] = Math.max(wm, channelWatermark[channel]);
                channelHeldFrom[channel] = w.heldFrom();
                advanceWatermark();
            }
        }
        return false;
    }

    /**
     * When the barrier arrived on every open channel: snapshot the chain (everything before the barrier is
     * processed, nothing after it), pass the barrier on, resume every channel.
     */
    private void completeAlignmentIfDone() throws Exception {
        int waiting = 0;
        for (int i = 0; i < blocked.length; i++) {
            if (!ended[i] && !blocked[i]) {
                waiting++;
            }
        }
        if (waiting > 0) {
            return;
        }
        CheckpointBarrier barrier = aligning;
        long start = System.nanoTime();
        PendingStates states = chain.snapshot(barrier.checkpointId());
        long syncNanos = System.nanoTime() - start;
        if (outbox != null) {
            outbox.emitBarrier(barrier);
        }
        if (checkpointing != null) {
            // Frozen keyed state is written by a checkpoint thread, which then acknowledges to the coordinator.
            checkpointing.send(TaskletSnapshot.taken(barrier.checkpointId(), checkpointing.tasklet(), states, null,
                    List.of(), syncNanos, start - alignStartNanos));
        } else {
            states.release();
        }
        Arrays.fill(blocked, false);
        aligning = null;
    }

    /**
     * The tasklet's watermark is the minimum over the channels that are open and not idle. When every open
     * channel is idle, the tasklet declares itself idle downstream. The hold of partial sessions (two-stage
     * session windows) is the minimum over the same channels, and reaches the head before the watermark.
     */
    private void advanceWatermark() {
        long min = Long.MAX_VALUE;
        long minHeld = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < channelWatermark.length; i++) {
            if (idle[i] && !ended[i]) {
                // Idle, but with items already queued: they may be older than the other channels' watermark.
                Object next = inputs[i].relaxedPeek();
                if (next != null && next != ControlItem.IDLE) {
                    idle[i] = false;
                }
            }
            if (!ended[i] && !idle[i]) {
                anyActive = true;
                min = Math.min(min, channelWatermark[i]);
                minHeld = Math.min(minHeld, channelHeldFrom[i]);
            }
        }
        if (minHeld != heldFrom) {
            heldFrom = minHeld;
            head.processHold(minHeld);
        }
        if (anyActive && min > watermark) {
            watermark = min;
            head.processWatermark(min);
        } else if (!anyActive && openChannels > 0 && outbox != null) {
            head.processIdle();
        }
    }

    @Override
    public boolean isDone() {
        return state == State.DONE;
    }

    /** The tasklet's current watermark (a plain read from another thread: may lag). */
    public long watermark() {
        return watermark;
    }

    /** Measures end-to-end latency with the markers that reach it (only a chain that ends in a sink records). */
    void enableLatency(LatencyTracker tracker) {
        this.latency = tracker;
    }

    /** Records taken from the inbound queues. */
    public long receivedCount() {
        return received;
    }

    public ChainRuntime chain() {
        return chain;
    }

    @Override
    public void close() throws Exception {
        try {
            commitCompletedCheckpoints();
        } finally {
            chain.close();
        }
    }

    /**
     * A job stopped (with a savepoint, or cancelled) right after a checkpoint completed may not have read the
     * completion yet: commit now what that durable checkpoint staged, so the committed output reaches it.
     */
    private void commitCompletedCheckpoints() throws Exception {
        if (checkpointing == null) {
            return;
        }
        CheckpointCommand command;
        while ((command = checkpointing.poll()) != null) {
            if (command instanceof CheckpointCommand.Completed completed) {
                chain.checkpointComplete(completed.id());
            }
        }
    }

    @Override
    public String name() {
        return name;
    }
}
