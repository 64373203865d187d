package io.sluice.runtime.exec;

import io.sluice.runtime.op.Operator;
import java.util.Arrays;
import org.jctools.queues.SpscArrayQueue;

/**
 * Drains the inbound SPSC queues of one vertex instance in batches into its fused chain. Watermarks are
 * merged (minimum over the channels still open); end of stream on every channel finishes the chain, whose
 * outbox then passes end of stream on. Stops taking input while the outbox has waiting items.
 */
public final class ProcessorTasklet implements Tasklet {

    private enum State { RUNNING, DRAINING, DONE }

    private final String name;
    private final SpscArrayQueue<Object>[] inputs;
    private final ChainRuntime chain;
    private final int batchSize;
    private final long[] channelWatermark;
    private final boolean[] ended;
    /** Channels whose producer declared itself idle: they do not hold the watermark back until they speak. */
    private final boolean[] idle;
    private Operator head;
    private int openChannels;
    private int nextChannel;
    private long watermark = Long.MIN_VALUE;
    private long received;
    private State state = State.RUNNING;

    public ProcessorTasklet(String name, SpscArrayQueue<Object>[] inputs, ChainRuntime chain, int batchSize) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name + ": a processor needs at least one input");
        }
        this.name = name;
        this.inputs = inputs;
        this.chain = chain;
        this.batchSize = batchSize;
        this.channelWatermark = new long[inputs.length];
        Arrays.fill(channelWatermark, Long.MIN_VALUE);
        this.ended = new boolean[inputs.length];
        this.idle = new boolean[inputs.length];
        this.openChannels = inputs.length;
    }

    @Override
    public void init() throws Exception {
        chain.open();
        head = chain.head();
    }

    @Override
    public int doWork() throws Exception {
        int progress = chain.flushPending();
        if (chain.hasPending()) {
            return progress;
        }
        if (state != State.RUNNING) {
            if (state == State.DRAINING) {
                state = State.DONE;
                progress++;
            }
            return progress;
        }
        int taken = 0;
        int channels = inputs.length;
        // Start at a different channel each round so one busy input cannot starve the others.
        for (int k = 0; k < channels && taken < batchSize; k++) {
            int c = nextChannel + k;
            if (c >= channels) {
                c -= channels;
            }
            if (ended[c]) {
                continue;
            }
            taken += drain(c, batchSize - taken);
            if (chain.hasPending()) {
                break;
            }
        }
        nextChannel = nextChannel + 1 == channels ? 0 : nextChannel + 1;
        if (taken > 0) {
            head.flush();
        }
        if (openChannels == 0) {
            head.finish();
            state = State.DRAINING;
            return progress + taken + 1;
        }
        return progress + taken;
    }

    private int drain(int channel, int limit) {
        SpscArrayQueue<Object> q = inputs[channel];
        if (idle[channel]) {
            Object first = q.relaxedPeek();
            if (first != null && first != ControlItem.IDLE) {
                idle[channel] = false; // it speaks again: its watermark counts from now on
            }
        }
        Operator h = head;
        int n = 0;
        while (n < limit) {
            Object item = q.relaxedPoll();
            if (item == null) {
                break;
            }
            n++;
            if (item instanceof ControlItem) {
                if (onControl(channel, item)) {
                    break;
                }
                continue;
            }
            received++;
            h.process(item);
            if (chain.hasPending()) {
                break;
            }
        }
        return n;
    }

    /** Returns true when the channel ended. */
    private boolean onControl(int channel, Object item) {
        if (item == ControlItem.END_OF_STREAM) {
            ended[channel] = true;
            openChannels--;
            advanceWatermark();
            return true;
        }
        if (item == ControlItem.IDLE) {
            idle[channel] = true;
            advanceWatermark();
            return false;
        }
        if (item instanceof Watermark) {
            idle[channel] = false;
            long wm = ((Watermark) item).timestamp();
            if (wm > channelWatermark[channel]) {
                channelWatermark[channel] = wm;
                advanceWatermark();
            }
        }
        return false;
    }

    /**
     * The tasklet's watermark is the minimum over the channels that are open and not idle. When every open
     * channel is idle, the tasklet declares itself idle downstream.
     */
    private void advanceWatermark() {
        long min = Long.MAX_VALUE;
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
            }
        }
        if (anyActive && min > watermark) {
            watermark = min;
            head.processWatermark(min);
        } else if (!anyActive && openChannels > 0 && chain.outbox() != null) {
            chain.outbox().markIdle();
        }
    }

    @Override
    public boolean isDone() {
        return state == State.DONE;
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
        chain.close();
    }

    @Override
    public String name() {
        return name;
    }
}
